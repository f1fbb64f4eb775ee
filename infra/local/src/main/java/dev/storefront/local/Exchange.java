package dev.storefront.local;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Blocker;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One request to the local gateway and its answer, over Jetty's core API: what {@link HttpGateway}
 * and {@link ApiReference} read and write, nothing more. Paths and queries are raw, as API Gateway
 * hands them to a function ({@code rawPath}, {@code rawQueryString}); Jetty never decodes the query.
 */
final class Exchange {

    private final Request request;
    private final Response response;

    Exchange(Request request, Response response) {
        this.request = request;
        this.response = response;
    }

    /** "-" for a request line Jetty could not parse. */
    String method() {
        String method = request.getMethod();
        return method == null ? "-" : method.toUpperCase(Locale.ROOT);
    }

    /** "-" for a request line Jetty could not parse. */
    String rawPath() {
        String path = request.getHttpURI() == null ? null : request.getHttpURI().getPath();
        return path == null ? "-" : path;
    }

    /** Null when the request has none. */
    String rawQuery() {
        return request.getHttpURI().getQuery();
    }

    String header(String name) {
        return request.getHeaders().get(name);
    }

    /** Every request header by its lower-case name, repeated ones in order. */
    Map<String, List<String>> headers() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (HttpField field : request.getHeaders()) {
            headers.computeIfAbsent(field.getLowerCaseName(), n -> new ArrayList<>()).add(field.getValue());
        }
        return headers;
    }

    String remoteAddress() {
        return Request.getRemoteAddr(request);
    }

    /** The body, or null when it is longer than {@code limit} (the rest is left unread). */
    byte[] body(int limit) throws IOException {
        try (InputStream in = Content.Source.asInputStream(request)) {
            byte[] body = in.readNBytes(limit + 1);
            return body.length > limit ? null : body;
        }
    }

    HttpFields.Mutable responseHeaders() {
        return response.getHeaders();
    }

    int status() {
        return response.getStatus();
    }

    /** Writes the whole answer and waits until it is written (Jetty drops the body of a HEAD). */
    void send(int status, byte[] body) throws IOException {
        response.setStatus(status);
        try (Blocker.Callback written = Blocker.callback()) {
            response.write(true, ByteBuffer.wrap(body), written);
            written.block();
        }
    }

    /** {@link #send} with the gateway's own JSON, unless a content type is already set. */
    void sendJson(int status, String json) throws IOException {
        if (!response.getHeaders().contains("content-type")) {
            response.getHeaders().put("content-type", "application/json");
        }
        send(status, json.getBytes(StandardCharsets.UTF_8));
    }
}
