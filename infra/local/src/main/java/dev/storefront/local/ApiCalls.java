package dev.storefront.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The public HTTP API as the local traffic drivers call it ({@code make demo}, {@code make soak},
 * {@code make chaos}): one way to build a request (a JSON body, a bearer token, an idempotency key,
 * a shopper's headers) and one way to read a JSON answer, so each driver only adds what it counts.
 */
public final class ApiCalls {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final Duration timeout;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** {@code timeout}: how long one answer may take (a cold start on a busy laptop took 38 s). */
    public ApiCalls(URI base, Duration timeout) {
        this.base = base;
        this.timeout = timeout;
    }

    public URI base() {
        return base;
    }

    /** A request to {@code path} with an optional JSON body (null: none); headers are added on the call. */
    public Call call(String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("content-type", "application/json");
        }
        return new Call(request);
    }

    /** One request being built; a null value leaves its header out. */
    public final class Call {

        private final HttpRequest.Builder request;

        private Call(HttpRequest.Builder request) {
            this.request = request;
        }

        public Call bearer(String token) {
            return header("authorization", token == null ? null : "Bearer " + token);
        }

        public Call idempotencyKey(String key) {
            return header("idempotency-key", key);
        }

        public Call header(String name, String value) {
            if (value != null) {
                request.header(name, value);
            }
            return this;
        }

        public HttpResponse<String> send() throws IOException, InterruptedException {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    /** The answer's JSON; a status of 300 or more is an IOException naming the request, the status and the body. */
    public static JsonNode json(HttpResponse<String> response) throws IOException {
        if (response.statusCode() >= 300) {
            throw new IOException(response.request().method() + " " + response.request().uri() + " answered "
                    + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }
}
