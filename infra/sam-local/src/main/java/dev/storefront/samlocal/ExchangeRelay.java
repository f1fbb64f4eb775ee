package dev.storefront.samlocal;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;

/**
 * Passes a request a loopback proxy received on to the emulator behind it, and the emulator's answer
 * back: the forwarding that the fault proxy and the bench's capacity proxy share (each decides what
 * to do around it). Hop-by-hop headers, which the JDK client sets itself, are not copied.
 */
public final class ExchangeRelay {

    private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "expect", "upgrade");

    private final URI target;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    public ExchangeRelay(URI target) {
        this.target = target;
    }

    /** The emulator's answer to the exchange's request, sent with {@code body} (read, maybe changed, by the caller). */
    public HttpResponse<byte[]> send(HttpExchange exchange, byte[] body) throws IOException, InterruptedException {
        HttpRequest.Builder out = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().toString()))
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!RESTRICTED.contains(name.toLowerCase())) {
                values.forEach(v -> out.header(name, v));
            }
        });
        return client.send(out.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Writes the emulator's answer to the proxy's client. */
    public static void answer(HttpExchange exchange, HttpResponse<byte[]> response) throws IOException {
        response.headers().map().forEach((name, values) -> {
            if (!RESTRICTED.contains(name.toLowerCase()) && !name.equals(":status") && !name.equalsIgnoreCase("transfer-encoding")) {
                values.forEach(v -> exchange.getResponseHeaders().add(name, v));
            }
        });
        byte[] answer = response.body();
        exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
        try (OutputStream o = exchange.getResponseBody()) {
            o.write(answer);
        }
    }
}
