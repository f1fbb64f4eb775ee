package dev.storefront.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;

/**
 * The local storefront (issue 24), served by the local runtime only, never deployed: {@code /} is
 * its page and {@code /storefront/*.js|css} its two assets, from the class path. It calls the public
 * API of the same origin, so the Content-Security-Policy allows nothing from elsewhere.
 */
final class StorefrontPage {

    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; "
            + "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
    private static final String ROOT = "dev/storefront/local/storefront/";
    private static final Map<String, String> FILES = Map.of(
            "/", "index.html",
            "/storefront/app.js", "app.js",
            "/storefront/style.css", "style.css");
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8");

    record Asset(String contentType, byte[] body) {
    }

    /** The file for a GET or HEAD of one of the storefront's paths; empty for anything else. */
    Optional<Asset> find(String method, String rawPath) {
        String name = FILES.get(rawPath);
        if (name == null || !(method.equals("GET") || method.equals("HEAD"))) {
            return Optional.empty();
        }
        try (InputStream in = StorefrontPage.class.getClassLoader().getResourceAsStream(ROOT + name)) {
            if (in == null) {
                throw new IllegalStateException(ROOT + name + " is not on the class path");
            }
            return Optional.of(new Asset(TYPES.get(name.substring(name.lastIndexOf('.') + 1)), in.readAllBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
