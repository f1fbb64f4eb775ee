package dev.storefront.testsupport;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A page a function answered, served as it was (body and headers, its CSP among them) from a
 * loopback server at the function's own path, so headless Chromium loads it under the real headers.
 */
public final class ServedPage implements AutoCloseable {

    private final HttpServer server;
    private final String path;

    private ServedPage(HttpServer server, String path) {
        this.server = server;
        this.path = path;
    }

    public static ServedPage of(String path, HttpResult page) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(path, exchange -> {
            byte[] body = page.body().getBytes(StandardCharsets.UTF_8);
            page.headers().forEach((name, value) -> {
                if (!name.equals("content-length")) {
                    exchange.getResponseHeaders().add(name, value);
                }
            });
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return new ServedPage(server, path);
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
