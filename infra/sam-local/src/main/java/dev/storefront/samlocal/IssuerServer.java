package dev.storefront.samlocal;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;

/**
 * A {@link DevIssuer} whose JWKS is served over HTTP on a free loopback port, for tests that run
 * functions without the local runtime. Functions fetch the keys from it exactly as they fetch
 * Cognito's.
 */
public final class IssuerServer implements AutoCloseable {

    /** The template parameters that name the token issuer; locally they point at a dev issuer. */
    public static final String ISSUER_PARAMETER = "CognitoIssuerUrl";
    public static final String AUDIENCE_PARAMETER = "CognitoAudience";

    private final HttpServer server;
    private final DevIssuer issuer;

    private IssuerServer(HttpServer server, DevIssuer issuer) {
        this.server = server;
        this.issuer = issuer;
    }

    public static IssuerServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
            DevIssuer issuer = new DevIssuer("http://127.0.0.1:" + server.getAddress().getPort() + "/test-issuer",
                    DevIssuer.newKeys(), Clock.systemUTC());
            byte[] jwks = issuer.jwks().getBytes(StandardCharsets.UTF_8);
            server.createContext("/test-issuer/.well-known/jwks.json", exchange -> {
                exchange.getResponseHeaders().set("content-type", "application/json");
                exchange.sendResponseHeaders(200, jwks.length);
                exchange.getResponseBody().write(jwks);
                exchange.close();
            });
            server.start();
            return new IssuerServer(server, issuer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public DevIssuer issuer() {
        return issuer;
    }

    /** Template parameter values that make functions trust this issuer. */
    public Map<String, String> parameterOverrides() {
        return Map.of(ISSUER_PARAMETER, issuer.issuer(), AUDIENCE_PARAMETER, DevIssuer.AUDIENCE);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
