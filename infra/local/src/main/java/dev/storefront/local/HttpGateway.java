package dev.storefront.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.storefront.domain.ProblemCode;
import dev.storefront.samlocal.DevIssuer;
import dev.storefront.samlocal.HttpApiEvents;
import dev.storefront.samlocal.HttpRoute;
import dev.storefront.samlocal.LambdaInvoker;
import dev.storefront.samlocal.PercentEncoding;
import dev.storefront.samlocal.RouteTable;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The local API Gateway: routes each request to the function the template names, with a
 * payload 2.0 event, enforcing the JWT authorizer on the routes that have one, and answering
 * with the gateway's own JSON bodies where API Gateway would (404, 401, 413, 500). A request it
 * cannot parse or decode is a 400 {@code VALIDATION_FAILED} problem, as every bad input is. Jetty's
 * core server, not the JDK's: that one refuses a query with bad percent-encoding with an HTML page
 * before any handler runs, where API Gateway hands the raw query to the function.
 */
final class HttpGateway implements AutoCloseable {

    /** API Gateway's own payload limit. */
    static final int MAX_BODY_BYTES = 10 * 1024 * 1024;
    /**
     * The request line and headers together (Jetty counts both): past it a request is a 400 problem.
     * Jetty's 8 KiB default would refuse a browser's accumulated localhost cookies; API Gateway allows 10 KiB.
     */
    static final int MAX_HEADER_BYTES = 64 * 1024;
    /**
     * Threads that run requests (and Jetty's acceptor and selector). Jetty reads headers without
     * a thread, so clients that never finish theirs hold only a socket (slowloris froze the JDK
     * server's 32 workers); 256 bounds the functions' concurrent invocations.
     */
    static final int MAX_WORKERS = 256;
    /**
     * How long a connection may go without a byte from the client, while sending its headers or
     * body or idle between keep-alive requests: then it is closed. A function's answer is not on
     * this clock (a cold start on a busy laptop took 38 s).
     */
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(HttpGateway.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RouteTable<FunctionHost> routes = new RouteTable<>();
    private volatile boolean routesReady;
    private final Server server;
    private final ServerConnector connector;
    private final DevIssuer issuer;
    private volatile ApiReference reference;
    private volatile LocalIssuerPage issuerPage;
    private final StorefrontPage storefront = new StorefrontPage();

    /**
     * Listens at once (functions are added as they start); the dev issuer's URL includes the port,
     * and its keys are served where Cognito serves a user pool's.
     */
    HttpGateway(int port, KeyPair issuerKeys) throws IOException {
        QueuedThreadPool workers = new QueuedThreadPool(MAX_WORKERS, 8);
        workers.setName("gateway");
        server = new Server(workers);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setRequestHeaderSize(MAX_HEADER_BYTES);
        // Every URI oddity Jetty knows is let through (an encoded slash, a dot segment, bad or UTF-16
        // percent-encoding): routes match the raw path as API Gateway's do, a function gets the raw
        // query, and what the gateway cannot decode it refuses itself, as a problem (PercentEncoding).
        http.setUriCompliance(UriCompliance.UNSAFE);
        connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        connector.setAcceptQueueSize(128);
        connector.setIdleTimeout(IDLE_TIMEOUT.toMillis());
        connector.setAcceptedTcpNoDelay(true);  // without it small answers meet delayed ACKs: +40 ms a request
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {  // blocking: a function's invocation holds its thread
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws IOException {
                logged(new Exchange(request, response), HttpGateway.this::handle);
                callback.succeeded();
                return true;
            }
        });
        server.setErrorHandler(HttpGateway::unparsable);
        connector.open();  // a taken port fails here, as an IOException
        try {
            server.start();
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("the gateway did not start", e);
        }
        this.issuer = new DevIssuer("http://localhost:" + port() + "/local", issuerKeys, Clock.systemUTC());
    }

    /** Serves the API reference (/openapi.yaml, /docs) beside the routes: the local runtime's own pages. */
    void serve(ApiReference reference) {
        this.reference = reference;
    }

    /** Serves the sandbox bank's 3-D Secure page (/local/payments/...), local only. */
    void serve(LocalIssuerPage page) {
        this.issuerPage = page;
    }

    void route(HttpRoute route, FunctionHost function) {
        routes.add(route, function);
    }

    /**
     * The template's routes are all in. Until then the gateway already serves (its port is taken
     * first, so a busy port fails the start at once) but answers an unknown path 503 with
     * Retry-After, not 404: a storefront polling a starting `make run` must not be told that
     * GET /products does not exist.
     */
    void routesReady() {
        routesReady = true;
    }

    int port() {
        return connector.getLocalPort();
    }

    DevIssuer issuer() {
        return issuer;
    }

    /** Answers an exchange; returns the name of the function that served it, if one did. */
    private interface Answer {
        String answer(Exchange exchange, String requestId) throws IOException;
    }

    /** Answers with {@code answer} and writes the request's short line ({@link ConsoleLog}), whatever answered it. */
    private static void logged(Exchange exchange, Answer answer) throws IOException {
        ConsoleLog log = ConsoleLog.listening();
        long started = System.nanoTime();
        String requestId = UUID.randomUUID().toString();
        exchange.responseHeaders().put("apigw-requestid", requestId);
        String function = null;
        try {
            function = answer.answer(exchange, requestId);
        } finally {
            if (log != null) {
                log.request(exchange.method(), exchange.rawPath(), exchange.status(), (System.nanoTime() - started) / 1_000_000, function, requestId);
            }
        }
    }

    /**
     * What Jetty answers itself: a request line or headers it cannot parse or that are too long
     * (a 400, 414, 431 or 505 from Jetty) are a 400 problem; a failure of the gateway's own is
     * API Gateway's 500. Jetty closes the connection after a request it could not parse: saying so
     * keeps a keep-alive client from sending its next request into the closed socket.
     */
    private static boolean unparsable(Request request, Response response, Callback callback) throws IOException {
        logged(new Exchange(request, response), (exchange, requestId) -> {
            exchange.responseHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE);
            int status = response.getStatus();
            if (status >= 400 && status < 500 || status == HttpStatus.HTTP_VERSION_NOT_SUPPORTED_505 || status == HttpStatus.NOT_IMPLEMENTED_501) {
                sendProblem(exchange, ProblemCode.VALIDATION_FAILED, status == HttpStatus.URI_TOO_LONG_414 || status == HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE_431
                        ? "the request line and headers are longer than the local gateway's limit of " + MAX_HEADER_BYTES + " bytes"
                        : "the local gateway could not parse the request line or headers: "
                                + Objects.requireNonNullElse(request.getAttribute(ErrorHandler.ERROR_MESSAGE), HttpStatus.getMessage(status)));
            } else {
                sendMessage(exchange, 500, "Internal Server Error");
            }
            return null;
        });
        callback.succeeded();
        return true;
    }

    private String handle(Exchange exchange, String requestId) throws IOException {
        String served = null;
        try {
            byte[] body = exchange.body(MAX_BODY_BYTES);
            if (body == null) {
                sendMessage(exchange, 413, "Request Entity Too Large");
                return null;
            }
            String method = exchange.method();
            String rawPath = exchange.rawPath();
            if (!PercentEncoding.decodes(rawPath)) {
                sendProblem(exchange, ProblemCode.VALIDATION_FAILED,
                        "the path does not decode: every '%' must start two hex digits, and the bytes they make must be UTF-8");
                return null;
            }
            if (rawPath.equals("/local/token") && method.equals("POST")) {
                mintToken(exchange, body);
                return null;
            }
            if (rawPath.equals("/local/.well-known/jwks.json") && method.equals("GET")) {
                exchange.sendJson(200, issuer.jwks());
                return null;
            }
            if (issuerPage != null && rawPath.startsWith(LocalIssuerPage.PREFIX)) {
                issuerPage.answer(exchange, method, rawPath, body);
                return null;
            }
            if (reference != null && reference.serves(method, rawPath)) {
                reference.answer(exchange);
                return null;
            }
            Optional<StorefrontPage.Asset> storefrontAsset = storefront.find(method, rawPath);
            if (storefrontAsset.isPresent()) {
                serveAsset(exchange, storefrontAsset.get());
                return null;
            }
            Optional<RouteTable.Match<FunctionHost>> match = routes.match(method, rawPath);
            if (match.isEmpty()) {
                if (!routesReady) {
                    exchange.responseHeaders().put("Retry-After", "1");
                    sendMessage(exchange, 503, "Service Unavailable: the local runtime is starting");
                    return null;
                }
                sendMessage(exchange, 404, "Not Found");
                return null;
            }
            HttpRoute route = match.get().route();
            served = match.get().target().name();
            Map<String, String> claims = null;
            if (route.authorizer() != null) {
                Optional<Map<String, String>> verified = issuer.authorize(exchange.header("Authorization"));
                if (verified.isEmpty()) {
                    exchange.responseHeaders().put("www-authenticate", "Bearer");
                    sendMessage(exchange, 401, "Unauthorized");
                    return served;
                }
                claims = verified.get();
            }
            HttpApiEvents.Request request = new HttpApiEvents.Request(method, rawPath, exchange.rawQuery(),
                    exchange.headers(), body, exchange.remoteAddress(), Instant.now());
            String event = HttpApiEvents.event(request, route.routeKey(), match.get().pathParameters(), claims, requestId);
            respond(exchange, match.get().target().invoke(event, requestId));
        } catch (LambdaInvoker.HandlerFailure e) {
            LOG.error("{} ({})", e.getMessage(), requestId, e.getCause());
            sendMessage(exchange, 500, "Internal Server Error");
        } catch (RuntimeException e) {
            LOG.error("Gateway failure ({})", requestId, e);
            sendMessage(exchange, 500, "Internal Server Error");
        }
        return served;
    }

    /** The storefront's page and assets (local only), under its own strict Content-Security-Policy. */
    private static void serveAsset(Exchange exchange, StorefrontPage.Asset asset) throws IOException {
        exchange.responseHeaders().put("content-type", asset.contentType());
        exchange.responseHeaders().put("content-security-policy", StorefrontPage.CSP);
        exchange.responseHeaders().put("x-content-type-options", "nosniff");
        exchange.responseHeaders().put("cache-control", "no-cache");
        exchange.send(200, asset.body());
    }


    /** Writes a payload 2.0 response: statusCode, headers, multiValueHeaders, cookies, body. */
    private static void respond(Exchange exchange, String resultJson) throws IOException {
        JsonNode result = JSON.readTree(resultJson);
        if (result == null || !result.isObject() || !result.has("statusCode")) {
            // Payload 2.0 treats any other result as a 200 JSON body.
            exchange.responseHeaders().put("content-type", "application/json");
            exchange.sendJson(200, resultJson);
            return;
        }
        result.path("headers").fields().forEachRemaining(h -> exchange.responseHeaders().put(h.getKey(), h.getValue().asText()));
        result.path("multiValueHeaders").fields().forEachRemaining(h -> {
            List<String> values = new ArrayList<>();
            h.getValue().forEach(v -> values.add(v.asText()));
            exchange.responseHeaders().put(h.getKey(), values);
        });
        result.path("cookies").forEach(c -> exchange.responseHeaders().add("set-cookie", c.asText()));
        JsonNode body = result.get("body");
        byte[] bytes = body == null || body.isNull() ? new byte[0]
                : result.path("isBase64Encoded").asBoolean(false) ? Base64.getDecoder().decode(body.asText())
                : body.asText().getBytes(StandardCharsets.UTF_8);
        exchange.send(result.get("statusCode").asInt(), bytes);
    }

    private void mintToken(Exchange exchange, byte[] body) throws IOException {
        JsonNode request;
        try {
            request = JSON.readTree(body);
        } catch (IOException e) {
            request = null;
        }
        String sub = request == null ? null : request.path("sub").asText(null);
        if (sub == null || sub.isBlank()) {
            sendMessage(exchange, 400, "send {\"sub\": \"alice\", \"groups\": [\"admin\"]}");
            return;
        }
        List<String> groups = new ArrayList<>();
        request.path("groups").forEach(g -> groups.add(g.asText()));
        exchange.responseHeaders().put("content-type", "application/json");
        exchange.sendJson(200, JSON.createObjectNode().put("token", issuer.issue(sub, groups)).toString());
    }

    /** The gateway's own problem, with the headers every function's problem has (SecurityHeaders). */
    private static void sendProblem(Exchange exchange, ProblemCode code, String detail) throws IOException {
        ObjectNode problem = JSON.createObjectNode().put("type", code.type()).put("title", code.title())
                .put("status", code.status()).put("detail", detail).put("code", code.name());
        exchange.responseHeaders().put("content-type", "application/problem+json");
        exchange.responseHeaders().put("x-content-type-options", "nosniff");
        exchange.responseHeaders().put("cache-control", "no-store");
        exchange.sendJson(code.status(), problem.toString());
    }

    /** API Gateway's own answer: {"message": ...}. */
    private static void sendMessage(Exchange exchange, int status, String message) throws IOException {
        exchange.sendJson(status, JSON.createObjectNode().put("message", message).toString());
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("The gateway did not stop cleanly", e);
        }
    }
}
