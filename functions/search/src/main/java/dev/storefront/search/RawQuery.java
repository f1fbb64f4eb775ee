package dev.storefront.search;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.micronaut.http.HttpRequest;
import io.micronaut.servlet.http.ServletHttpRequest;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The query parameters exactly as the shopper sent them. Payload 2.0 joins repeated parameters
 * with commas and Micronaut splits values at commas again, so {@code q=rain, jacket} would reach a
 * {@code @QueryValue} as "rain" and {@code attributes=size:42,colour:red} as "size:42". Search
 * reads the event's raw query string instead; the first of repeated parameters wins.
 */
final class RawQuery {

    private RawQuery() {
    }

    static Map<String, String> of(HttpRequest<?> request) {
        Map<String, String> parameters = new HashMap<>();
        if (request instanceof ServletHttpRequest<?, ?> servlet && servlet.getNativeRequest() instanceof APIGatewayV2HTTPEvent event) {
            String raw = event.getRawQueryString();
            if (raw != null && !raw.isEmpty()) {
                for (String pair : raw.split("&")) {
                    int equals = pair.indexOf('=');
                    String name = decode(equals < 0 ? pair : pair.substring(0, equals));
                    parameters.putIfAbsent(name, equals < 0 ? "" : decode(pair.substring(equals + 1)));
                }
            }
            return parameters;
        }
        request.getParameters().forEach((name, values) -> parameters.put(name, String.join(",", values)));
        return parameters;
    }

    /** Percent-decoding that never fails: a malformed escape stays as typed, just text. */
    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }
}
