package dev.storefront.samlocal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Faults on purpose, between a function and DynamoDB Local or ElasticMQ: an HTTP proxy the
 * function's endpoint override points at, which forwards every call unless a rule for its operation
 * (the {@code X-Amz-Target} action, e.g. {@code PutItem}, {@code SendMessage}, or {@code *}) picks
 * it, at the rule's rate, for a fault: the service's own throttling or limit answer, a 500, an
 * answer slower than the SDK waits, or a connection closed with no answer. Each injected fault is
 * counted by kind. The random choice is seeded, so a run can be repeated.
 */
public final class FaultProxy implements AutoCloseable {

    public enum Fault {
        /** DynamoDB's ProvisionedThroughputExceededException, SQS's RequestThrottled (HTTP 400, retried by the SDK). */
        THROTTLE,
        /** DynamoDB's RequestLimitExceeded (account throughput limit). */
        LIMIT_EXCEEDED,
        /** HTTP 500 InternalFailure. */
        SERVER_ERROR,
        /** The answer after {@link #slowBy}: past the clients' 5 s socket timeout by default. */
        SLOW,
        /** The connection closed without an answer. */
        RESET
    }

    record Rule(String operation, Fault fault, double rate) {
    }


    private final HttpServer server;
    private final ExchangeRelay relay;
    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final Map<Fault, AtomicLong> injected = new EnumMap<>(Fault.class);
    private final Map<String, AtomicLong> forwarded = new ConcurrentHashMap<>();
    private final Random random;
    private volatile Duration slowBy = Duration.ofSeconds(6);

    private FaultProxy(URI target, long seed) throws IOException {
        this.relay = new ExchangeRelay(target);
        this.random = new Random(seed);
        for (Fault fault : Fault.values()) {
            injected.put(fault, new AtomicLong());
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fault-proxy");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    /** A proxy in front of {@code target} (an emulator's endpoint), on a free loopback port. */
    public static FaultProxy inFrontOf(URI target, long seed) throws IOException {
        return new FaultProxy(target, seed);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** From now on, {@code rate} (0 to 1) of the calls of {@code operation} ({@code *}: every one) get {@code fault}. */
    public FaultProxy inject(String operation, Fault fault, double rate) {
        if (rate < 0 || rate > 1) {
            throw new IllegalArgumentException("rate is a fraction from 0 to 1");
        }
        rules.add(new Rule(operation, fault, rate));
        return this;
    }

    public FaultProxy slowBy(Duration delay) {
        this.slowBy = delay;
        return this;
    }

    /** No more faults; calls pass through. */
    public void heal() {
        rules.clear();
    }

    public long injected(Fault fault) {
        return injected.get(fault).get();
    }

    public long forwarded(String operation) {
        return forwarded.getOrDefault(operation, new AtomicLong()).get();
    }

    private Fault pick(String operation) {
        for (Rule rule : rules) {
            if (rule.operation().equals("*") || rule.operation().equals(operation)) {
                double draw;
                synchronized (random) {
                    draw = random.nextDouble();
                }
                if (draw < rule.rate()) {
                    return rule.fault();
                }
            }
        }
        return null;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String amzTarget = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            String operation = amzTarget == null ? "?" : amzTarget.substring(amzTarget.indexOf('.') + 1);
            boolean sqs = amzTarget != null && amzTarget.startsWith("AmazonSQS");
            byte[] body = exchange.getRequestBody().readAllBytes();
            Fault fault = pick(operation);
            if (fault != null) {
                injected.get(fault).incrementAndGet();
                switch (fault) {
                    case THROTTLE -> {
                        answer(exchange, 400, sqs ? error("RequestThrottled", "Rate exceeded")
                                : error("com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException",
                                "The level of configured provisioned throughput for the table was exceeded."));
                        return;
                    }
                    case LIMIT_EXCEEDED -> {
                        answer(exchange, 400, error("com.amazonaws.dynamodb.v20120810#RequestLimitExceeded",
                                "Throughput exceeds the current throughput limit for your account."));
                        return;
                    }
                    case SERVER_ERROR -> {
                        answer(exchange, 500, error("com.amazon.coral.service#InternalFailure", "The request processing has failed."));
                        return;
                    }
                    case RESET -> {
                        // No answer at all: the client sees the connection end, as when a node dies mid-call.
                        exchange.close();
                        return;
                    }
                    case SLOW -> sleep(slowBy);
                }
            }
            forwarded.computeIfAbsent(operation, o -> new AtomicLong()).incrementAndGet();
            ExchangeRelay.answer(exchange, relay.send(exchange, body));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.sendResponseHeaders(502, -1);
        } finally {
            exchange.close();
        }
    }

    private static String error(String type, String message) {
        return "{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}";
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        Exchanges.reply(exchange, status, "application/x-amz-json-1.0", json.getBytes(StandardCharsets.UTF_8));
    }

    private static void sleep(Duration delay) throws InterruptedException {
        Thread.sleep(delay.toMillis());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
