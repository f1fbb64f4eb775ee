package dev.storefront.samlocal;

import java.util.Objects;

/**
 * One {@code HttpApi} event of a function: the route API Gateway would send to it.
 *
 * @param eventName  the event's key under {@code Events}
 * @param method     upper-case HTTP method, or {@code ANY}
 * @param path       the route path with {@code {param}} placeholders, or {@code $default} for the catch-all
 * @param authorizer the authorizer's name under the API's {@code Auth.Authorizers}, null when the route is open
 */
public record HttpRoute(String eventName, String method, String path, String authorizer) {

    public HttpRoute {
        Objects.requireNonNull(eventName, "eventName");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
    }

    /** The route key as API Gateway writes it, e.g. {@code GET /products/{productId}}. */
    public String routeKey() {
        return path.equals("$default") ? "$default" : method + " " + path;
    }
}
