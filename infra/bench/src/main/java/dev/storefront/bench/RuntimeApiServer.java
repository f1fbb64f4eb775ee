package dev.storefront.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.storefront.samlocal.Exchanges;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A Lambda Runtime API endpoint for one cold start: the runtime interface client in a fresh JVM
 * polls {@code /2018-06-01/runtime/invocation/next}, gets one event, posts the response. Records
 * when initialisation ended (the first poll) and when the first response arrived. A client started
 * as for SnapStart ({@code AWS_LAMBDA_INITIALIZATION_TYPE=snap-start}) first runs its
 * beforeCheckpoint hooks and asks {@code /restore/next}, which is answered at once (no snapshot
 * is taken: the JVM goes on as a restored one would): its time is recorded too.
 */
final class RuntimeApiServer implements AutoCloseable {

    /**
     * When init ended (the first poll), the "restore" happened (0: no SnapStart) and the first
     * response arrived (System.nanoTime), and what it was.
     */
    record FirstResponse(long initDoneNanos, long restoreNanos, long responseNanos, String body) {
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "runtime-api");
        t.setDaemon(true);
        return t;
    });
    private final String event;
    private final String requestId = UUID.randomUUID().toString();
    private final String functionArn;
    private final CompletableFuture<FirstResponse> first = new CompletableFuture<>();
    private volatile long initDone;
    private volatile long restored;
    private volatile boolean handedOut;

    RuntimeApiServer(String event, String functionArn) throws IOException {
        this.event = event;
        this.functionArn = functionArn;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setExecutor(threads);
        server.createContext("/2018-06-01/runtime/", this::handle);
        server.start();
    }

    /** host:port, as AWS_LAMBDA_RUNTIME_API. */
    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    CompletableFuture<FirstResponse> firstResponse() {
        return first;
    }

    private void handle(HttpExchange exchange) throws IOException {
        long now = System.nanoTime();
        String path = exchange.getRequestURI().getPath();
        byte[] body = exchange.getRequestBody().readAllBytes();
        if (path.endsWith("/restore/next")) {
            restored = now;
            reply(exchange, 200, new byte[0]);
        } else if (path.endsWith("/invocation/next")) {
            if (handedOut) {
                // The second poll: the bench kills the process; hold the call like Lambda does between events.
                return;
            }
            handedOut = true;
            initDone = now;
            exchange.getResponseHeaders().add("Lambda-Runtime-Aws-Request-Id", requestId);
            exchange.getResponseHeaders().add("Lambda-Runtime-Deadline-Ms", Long.toString(System.currentTimeMillis() + 60_000));
            exchange.getResponseHeaders().add("Lambda-Runtime-Invoked-Function-Arn", functionArn);
            exchange.getResponseHeaders().add("Lambda-Runtime-Trace-Id", "Root=1-00000000-000000000000000000000000;Sampled=0");
            reply(exchange, 200, event.getBytes(StandardCharsets.UTF_8));
        } else if (path.endsWith("/response")) {
            first.complete(new FirstResponse(initDone, restored, now, new String(body, StandardCharsets.UTF_8)));
            reply(exchange, 202, "{}".getBytes(StandardCharsets.UTF_8));
        } else if (path.endsWith("/error")) {
            first.completeExceptionally(new IllegalStateException("the function failed: " + new String(body, StandardCharsets.UTF_8)));
            reply(exchange, 202, "{}".getBytes(StandardCharsets.UTF_8));
        } else {
            reply(exchange, 404, "{}".getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void reply(HttpExchange exchange, int status, byte[] body) throws IOException {
        Exchanges.reply(exchange, status, "application/json", body);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
