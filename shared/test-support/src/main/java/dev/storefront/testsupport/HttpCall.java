package dev.storefront.testsupport;

import dev.storefront.samlocal.HttpApiEvents;
import dev.storefront.samlocal.HttpRoute;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An HTTP request for a handler test, turned into the payload 2.0 event API Gateway would send. */
public final class HttpCall {

    private final String method;
    private final String rawPath;
    private final String rawQuery;
    private final Map<String, List<String>> headers = new LinkedHashMap<>();
    private byte[] body;
    private Map<String, String> claims;

    private HttpCall(String method, String pathAndQuery) {
        this.method = method;
        int q = pathAndQuery.indexOf('?');
        this.rawPath = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        this.rawQuery = q < 0 ? null : pathAndQuery.substring(q + 1);
        header("host", "api.storefront.test");
        header("user-agent", "handler-test");
    }

    public static HttpCall get(String pathAndQuery) {
        return new HttpCall("GET", pathAndQuery);
    }

    public static HttpCall put(String pathAndQuery) {
        return new HttpCall("PUT", pathAndQuery);
    }

    public static HttpCall post(String pathAndQuery) {
        return new HttpCall("POST", pathAndQuery);
    }

    public static HttpCall delete(String pathAndQuery) {
        return new HttpCall("DELETE", pathAndQuery);
    }

    public HttpCall header(String name, String value) {
        headers.put(name, List.of(value));
        return this;
    }

    public HttpCall json(String json) {
        header("content-type", "application/json");
        body = json.getBytes(StandardCharsets.UTF_8);
        return this;
    }

    /**
     * A signed-in customer (with group "admin", an admin): a real token from the test stack's
     * issuer in the Authorization header. On routes with the JWT authorizer the event also carries
     * the verified claims, as API Gateway adds them; other routes verify the token themselves.
     */
    public HttpCall as(String subject, String... groups) {
        return bearer(TestStack.shared().issuer().issue(subject, List.of(groups)));
    }

    /** Any Authorization header value: a forged, expired or foreign token. */
    public HttpCall bearer(String token) {
        header("authorization", "Bearer " + token);
        claims = TestStack.shared().issuer().authorize("Bearer " + token).orElse(null);
        return this;
    }

    /** Whether API Gateway's JWT authorizer would let this call through to the function. */
    boolean passesAuthorizer() {
        return claims != null;
    }

    public String method() {
        return method;
    }

    public String rawPath() {
        return rawPath;
    }

    String event(HttpRoute route, Map<String, String> pathParameters, String requestId) {
        HttpApiEvents.Request request = new HttpApiEvents.Request(method, rawPath, rawQuery, headers, body, "198.51.100.10", Instant.now());
        return HttpApiEvents.event(request, route.routeKey(), pathParameters, route.authorizer() == null ? null : claims, requestId);
    }
}
