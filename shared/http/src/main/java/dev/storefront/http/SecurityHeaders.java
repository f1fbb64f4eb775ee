package dev.storefront.http;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Headers on every answer a function gives, errors included: {@code nosniff}, so a browser never
 * runs a JSON or problem body as something else; and {@code no-store} unless the route chose its
 * own caching, because answers carry carts, orders, emails and addresses that no shared or
 * browser cache may keep. A public, cacheable route opts out by setting Cache-Control itself.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class SecurityHeaders {

    @ResponseFilter
    public void add(MutableHttpResponse<?> response) {
        response.getHeaders().set("X-Content-Type-Options", "nosniff");
        if (!response.getHeaders().contains(HttpHeaders.CACHE_CONTROL)) {
            response.getHeaders().set(HttpHeaders.CACHE_CONTROL, "no-store");
        }
    }
}
