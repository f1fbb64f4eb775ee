package dev.storefront.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.storefront.samlocal.DevIssuer;
import dev.storefront.samlocal.HttpApiEvents;
import dev.storefront.samlocal.HttpRoute;
import dev.storefront.samlocal.LambdaInvoker;
import dev.storefront.samlocal.RouteTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The local API Gateway: routes each request to the function the template names, with a
 * payload 2.0 event, enforcing the JWT authorizer on the routes that have one, and answering
 * with the gateway's own bodies where API Gateway would (404, 401, 413, 500).
 */
final class HttpGateway implements AutoCloseable {

    /** API Gateway's own payload limit. */
    static final int MAX_BODY_BYTES = 10 * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(HttpGateway.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The exchange attribute naming the function that served it, for the request's log line. */
    private static final String FUNCTION = "storefront.function";

    private final RouteTable<FunctionHost> routes = new RouteTable<>();
    private final HttpServer server;
    private final DevIssuer issuer;
    /**
     * The JDK server reads a request's headers on a worker thread: with a fixed pool, 32 clients
     * that never finish their headers froze the gateway (slowloris). Workers grow to this many;
     * past it a new connection is closed at once rather than queued behind the stalled ones.
     */
    static final int MAX_WORKERS = 256;
    /**
     * How long a request may take, headers, body and the function's answer together (the JDK
     * server's one request clock), and how long a keep-alive connection may sit idle: then it is
     * closed. Far above API Gateway's 30 s integration timeout: the clock includes a function's
     * cold start, which took 38 s on a laptop busy with other builds, and 60 s cut the seed short.
     * Stalled clients are mostly kept harmless by the growing worker pool, not by this clock.
     */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(300);
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);

    private final ExecutorService workers = new ThreadPoolExecutor(8, MAX_WORKERS, 60, TimeUnit.SECONDS, new SynchronousQueue<>());
    private volatile ApiReference reference;
    private final StorefrontPage storefront = new StorefrontPage();

    /**
     * Listens at once (functions are added as they start); the dev issuer's URL includes the port,
     * and its keys are served where Cognito serves a user pool's.
     */
    HttpGateway(int port, KeyPair issuerKeys) throws IOException {
        // Without it the JDK server's separate header and body writes meet delayed ACKs: +40 ms a request.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        // Read once, when the first JDK server of this JVM starts: the gateway is that server.
        System.setProperty("sun.net.httpserver.maxReqTime", Long.toString(REQUEST_TIMEOUT.toSeconds()));
        System.setProperty("sun.net.httpserver.maxRspTime", Long.toString(REQUEST_TIMEOUT.toSeconds()));
        System.setProperty("sun.net.httpserver.idleInterval", Long.toString(IDLE_TIMEOUT.toSeconds()));
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 128);
        this.issuer = new DevIssuer("http://localhost:" + server.getAddress().getPort() + "/local", issuerKeys, Clock.systemUTC());
        server.setExecutor(workers);
        server.createContext("/", this::logged);
        server.start();
    }

    /** Serves the API reference (/openapi.yaml, /docs) beside the routes: the local runtime's own pages. */
    void serve(ApiReference reference) {
        this.reference = reference;
    }

    void route(HttpRoute route, FunctionHost function) {
        routes.add(route, function);
    }

    int port() {
        return server.getAddress().getPort();
    }

    DevIssuer issuer() {
        return issuer;
    }

    /** {@link #handle} and the request's short line ({@link ConsoleLog}), whatever answered it. */
    private void logged(HttpExchange exchange) throws IOException {
        ConsoleLog log = ConsoleLog.listening();
        long started = System.nanoTime();
        try {
            handle(exchange);
        } finally {
            if (log != null) {
                log.request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), exchange.getResponseCode(),
                        (System.nanoTime() - started) / 1_000_000, (String) exchange.getAttribute(FUNCTION),
                        exchange.getResponseHeaders().getFirst("apigw-requestid"));
            }
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String requestId = UUID.randomUUID().toString();
        try (exchange) {
            exchange.getResponseHeaders().add("apigw-requestid", requestId);
            byte[] body = readBody(exchange.getRequestBody());
            if (body == null) {
                send(exchange, 413, "{\"message\":\"Request Entity Too Large\"}");
                return;
            }
            String method = exchange.getRequestMethod().toUpperCase();
            String rawPath = exchange.getRequestURI().getRawPath();
            if (rawPath.equals("/local/token") && method.equals("POST")) {
                mintToken(exchange, body);
                return;
            }
            if (rawPath.equals("/local/.well-known/jwks.json") && method.equals("GET")) {
                send(exchange, 200, issuer.jwks());
                return;
            }
            if (reference != null && reference.serves(method, rawPath)) {
                reference.answer(exchange);
                return;
            }
            Optional<StorefrontPage.Asset> storefrontAsset = storefront.find(method, rawPath);
            if (storefrontAsset.isPresent()) {
                serveAsset(exchange, method, storefrontAsset.get());
                return;
            }
            Optional<RouteTable.Match<FunctionHost>> match = routes.match(method, rawPath);
            if (match.isEmpty()) {
                send(exchange, 404, "{\"message\":\"Not Found\"}");
                return;
            }
            HttpRoute route = match.get().route();
            exchange.setAttribute(FUNCTION, match.get().target().name());
            Map<String, String> claims = null;
            if (route.authorizer() != null) {
                Optional<Map<String, String>> verified = issuer.authorize(exchange.getRequestHeaders().getFirst("Authorization"));
                if (verified.isEmpty()) {
                    exchange.getResponseHeaders().add("www-authenticate", "Bearer");
                    send(exchange, 401, "{\"message\":\"Unauthorized\"}");
                    return;
                }
                claims = verified.get();
            }
            HttpApiEvents.Request request = new HttpApiEvents.Request(method, rawPath, exchange.getRequestURI().getRawQuery(),
                    exchange.getRequestHeaders(), body, exchange.getRemoteAddress().getAddress().getHostAddress(), Instant.now());
            String event = HttpApiEvents.event(request, route.routeKey(), match.get().pathParameters(), claims, requestId);
            respond(exchange, match.get().target().invoke(event, requestId));
        } catch (LambdaInvoker.HandlerFailure e) {
            LOG.error("{} ({})", e.getMessage(), requestId, e.getCause());
            send(exchange, 500, "{\"message\":\"Internal Server Error\"}");
        } catch (RuntimeException e) {
            LOG.error("Gateway failure ({})", requestId, e);
            send(exchange, 500, "{\"message\":\"Internal Server Error\"}");
        }
    }

    /** The storefront's page and assets (local only), under its own strict Content-Security-Policy. */
    private static void serveAsset(HttpExchange exchange, String method, StorefrontPage.Asset asset) throws IOException {
        exchange.getResponseHeaders().set("content-type", asset.contentType());
        exchange.getResponseHeaders().set("content-security-policy", StorefrontPage.CSP);
        exchange.getResponseHeaders().set("x-content-type-options", "nosniff");
        exchange.getResponseHeaders().set("cache-control", "no-cache");
        boolean head = method.equals("HEAD");
        exchange.sendResponseHeaders(200, head ? -1 : asset.body().length);
        if (!head) {
            exchange.getResponseBody().write(asset.body());
        }
    }

    /** Writes a payload 2.0 response: statusCode, headers, multiValueHeaders, cookies, body. */
    private static void respond(HttpExchange exchange, String resultJson) throws IOException {
        JsonNode result = JSON.readTree(resultJson);
        if (result == null || !result.isObject() || !result.has("statusCode")) {
            // Payload 2.0 treats any other result as a 200 JSON body.
            exchange.getResponseHeaders().set("content-type", "application/json");
            send(exchange, 200, resultJson);
            return;
        }
        result.path("headers").fields().forEachRemaining(h -> exchange.getResponseHeaders().set(h.getKey(), h.getValue().asText()));
        result.path("multiValueHeaders").fields().forEachRemaining(h -> {
            List<String> values = new ArrayList<>();
            h.getValue().forEach(v -> values.add(v.asText()));
            exchange.getResponseHeaders().put(h.getKey(), values);
        });
        result.path("cookies").forEach(c -> exchange.getResponseHeaders().add("set-cookie", c.asText()));
        JsonNode body = result.get("body");
        byte[] bytes = body == null || body.isNull() ? new byte[0]
                : result.path("isBase64Encoded").asBoolean(false) ? Base64.getDecoder().decode(body.asText())
                : body.asText().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(result.get("statusCode").asInt(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    private void mintToken(HttpExchange exchange, byte[] body) throws IOException {
        JsonNode request;
        try {
            request = JSON.readTree(body);
        } catch (IOException e) {
            request = null;
        }
        String sub = request == null ? null : request.path("sub").asText(null);
        if (sub == null || sub.isBlank()) {
            send(exchange, 400, "{\"message\":\"send {\\\"sub\\\": \\\"alice\\\", \\\"groups\\\": [\\\"admin\\\"]}\"}");
            return;
        }
        List<String> groups = new ArrayList<>();
        request.path("groups").forEach(g -> groups.add(g.asText()));
        exchange.getResponseHeaders().set("content-type", "application/json");
        send(exchange, 200, JSON.createObjectNode().put("token", issuer.issue(sub, groups)).toString());
    }

    private static byte[] readBody(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
        return body.length > MAX_BODY_BYTES ? null : body;
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (!exchange.getResponseHeaders().containsKey("content-type")) {
            exchange.getResponseHeaders().set("content-type", "application/json");
        }
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
