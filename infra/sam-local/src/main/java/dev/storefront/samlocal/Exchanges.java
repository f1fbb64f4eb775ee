package dev.storefront.samlocal;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.OutputStream;

/** Answers of the JDK HTTP servers that play AWS's side here (the Runtime and Extensions APIs, the fault proxy). */
public final class Exchanges {

    private Exchanges() {
    }

    /** Sends {@code body} with its length and content type, and closes the exchange. */
    public static void reply(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
