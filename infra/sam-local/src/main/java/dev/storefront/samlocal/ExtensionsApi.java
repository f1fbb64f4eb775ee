package dev.storefront.samlocal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Lambda's Extensions API for one execution environment, as far as INVOKE-only extensions use it
 * (internal extensions: threads of the function's process): {@code register}, then
 * {@code event/next}, which ends the extension's part of the current phase and blocks until the
 * next INVOKE. The driver (a test, the bench) plays Lambda: {@link #invoke} hands each registered
 * extension the invocation, and {@link #awaitIdle} is the moment Lambda would freeze the instance
 * or hand it the next invocation, once every extension has asked for its next event.
 * Give the function {@link #address()} as {@code AWS_LAMBDA_RUNTIME_API}.
 */
public final class ExtensionsApi implements AutoCloseable {

    private static final String PREFIX = "/2020-01-01/extension/";

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "extensions-api");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, Extension> extensions = new ConcurrentHashMap<>();
    private final Object signal = new Object();

    /** One registered extension: whether it has asked for its next event since the last one, and what it is handed. */
    private static final class Extension {
        final String name;
        final LinkedBlockingQueue<String> events = new LinkedBlockingQueue<>();
        boolean waiting;

        Extension(String name) {
            this.name = name;
        }
    }

    public ExtensionsApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setExecutor(threads);
        server.createContext(PREFIX, this::handle);
        server.start();
    }

    /** host:port, as AWS_LAMBDA_RUNTIME_API. */
    public String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Names of the registered extensions. */
    public List<String> registered() {
        return extensions.values().stream().map(e -> e.name).toList();
    }

    /**
     * Whether every registered extension has asked for its next event within {@code max}: the
     * instance may be frozen or invoked again. True at once when none registered.
     */
    public boolean awaitIdle(Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        synchronized (signal) {
            while (!idle()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    signal.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    /** Whether every registered extension is waiting for its next event now. */
    public boolean idle() {
        synchronized (signal) {
            return extensions.values().stream().allMatch(e -> e.waiting);
        }
    }

    /**
     * Hands every registered extension the INVOKE event of this invocation, as Lambda does while
     * it hands the runtime the same invocation. Call after {@link #awaitIdle}.
     */
    public void invoke(String requestId, long deadlineMs, String functionArn) {
        String event = "{\"eventType\":\"INVOKE\",\"deadlineMs\":" + deadlineMs + ",\"requestId\":\"" + requestId
                + "\",\"invokedFunctionArn\":\"" + functionArn + "\",\"tracing\":{\"type\":\"X-Amzn-Trace-Id\","
                + "\"value\":\"Root=1-00000000-000000000000000000000000;Sampled=0\"}}";
        synchronized (signal) {
            for (Extension extension : extensions.values()) {
                extension.waiting = false;
                extension.events.add(event);
            }
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
        exchange.getRequestBody().readAllBytes();
        if (path.equals("register") && "POST".equals(exchange.getRequestMethod())) {
            String name = exchange.getRequestHeaders().getFirst("Lambda-Extension-Name");
            if (name == null || name.isBlank()) {
                reply(exchange, 400, "{\"errorType\":\"InvalidRequest\",\"errorMessage\":\"Lambda-Extension-Name is missing\"}");
                return;
            }
            String id = UUID.randomUUID().toString();
            extensions.put(id, new Extension(name));
            exchange.getResponseHeaders().add("Lambda-Extension-Identifier", id);
            reply(exchange, 200, "{\"functionName\":\"local\",\"functionVersion\":\"$LATEST\",\"handler\":\"local\"}");
        } else if (path.equals("event/next") && "GET".equals(exchange.getRequestMethod())) {
            Extension extension = extensions.get(String.valueOf(exchange.getRequestHeaders().getFirst("Lambda-Extension-Identifier")));
            if (extension == null) {
                reply(exchange, 403, "{\"errorType\":\"Extension.UnknownExtensionIdentifier\",\"errorMessage\":\"not registered\"}");
                return;
            }
            synchronized (signal) {
                extension.waiting = true;
                signal.notifyAll();
            }
            try {
                reply(exchange, 200, extension.events.take());
            } catch (InterruptedException e) {
                exchange.close();  // closing down
            }
        } else {
            reply(exchange, 404, "{\"errorType\":\"NotFound\",\"errorMessage\":\"" + path + "\"}");
        }
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        Exchanges.reply(exchange, status, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
