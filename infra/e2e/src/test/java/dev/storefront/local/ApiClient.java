package dev.storefront.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.storefront.testsupport.OpenApiContract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A storefront's view of the API: plain HTTP against the local runtime. Every request and its answer
 * are checked against docs/openapi.yaml ({@link OpenApiContract}): a mismatch fails the test with the
 * method, the path and the field.
 */
final class ApiClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    record Response(int status, String contentType, String body, String etag, HttpHeaders headers) {
        /** A header's first value, or null. */
        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }
    }

    private final URI base;
    private final HttpClient http = HttpClient.newHttpClient();

    ApiClient(URI base) {
        this.base = base;
    }

    Response get(String path) {
        return send("GET", path, null, null);
    }

    Response put(String path, String json, String token) {
        return send("PUT", path, json, token);
    }

    Response post(String path, String json) {
        return send("POST", path, json, null);
    }

    /**
     * Any request: {@code json} null sends no body, {@code token} null no Authorization, and
     * {@code headers} are name/value pairs (e.g. "if-match", "\"3\"").
     */
    Response send(String method, String path, String json, String token, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).method(method,
                json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        Map<String, List<String>> sent = new LinkedHashMap<>();
        if (json != null) {
            sent.put("content-type", List.of("application/json"));
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            sent.put(headers[i], List.of(headers[i + 1]));
        }
        if (token != null) {
            sent.put("authorization", List.of("Bearer " + token));
        }
        sent.forEach((name, values) -> request.header(name, values.get(0)));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            OpenApiContract.repo().assertConforms(new OpenApiContract.Exchange(method, path, sent, json,
                    response.statusCode(), response.headers().map(), response.body()));
            return new Response(response.statusCode(), response.headers().firstValue("content-type").orElse(""), response.body(),
                    response.headers().firstValue("etag").orElse(null), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
