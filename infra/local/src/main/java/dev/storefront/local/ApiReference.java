package dev.storefront.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * The API reference the local runtime serves: docs/openapi.yaml as it is in the working tree at
 * {@code /openapi.yaml}, and Swagger UI at {@code /docs}, its assets from the swagger-ui webjar on
 * the class path. Nothing comes from a CDN, and the page's Content-Security-Policy allows nothing
 * from elsewhere.
 */
final class ApiReference {

    static final String SPEC_PATH = "/openapi.yaml";
    static final String PAGE_PATH = "/docs";
    private static final String ASSETS = "/docs/assets/";
    private static final String OWN = "/dev/storefront/local/docs/";
    private static final String WEBJAR = "META-INF/resources/webjars/swagger-ui/";
    private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; connect-src 'self'; font-src 'self' data:; base-uri 'none'; frame-ancestors 'none'";
    private static final Map<String, String> TYPES = Map.of("js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8",
            "png", "image/png", "html", "text/html; charset=utf-8");

    private final Path spec;
    private final String webjar;

    ApiReference(Path spec) {
        this.spec = spec;
        this.webjar = WEBJAR + webjarVersion() + "/";
    }

    boolean serves(String method, String rawPath) {
        return (method.equals("GET") || method.equals("HEAD"))
                && (rawPath.equals(SPEC_PATH) || rawPath.equals(PAGE_PATH) || rawPath.equals(PAGE_PATH + "/")
                || rawPath.equals(PAGE_PATH + "/start.js") || (rawPath.startsWith(ASSETS) && rawPath.indexOf('/', ASSETS.length()) < 0));
    }

    /** Answers a request {@link #serves} said yes to. */
    void answer(Exchange exchange) throws IOException {
        String path = exchange.rawPath();
        byte[] body;
        String type;
        if (path.equals(SPEC_PATH)) {
            body = Files.readAllBytes(spec);
            type = "application/yaml; charset=utf-8";
        } else if (path.startsWith(ASSETS)) {
            String name = path.substring(ASSETS.length());
            body = resource(name.matches("[a-z0-9.-]+\\.(js|css|png)") ? webjar + name : null);
            type = TYPES.get(name.substring(name.lastIndexOf('.') + 1));
        } else {
            String name = path.endsWith("start.js") ? "start.js" : "index.html";
            body = resource(OWN.substring(1) + name);
            type = TYPES.get(name.substring(name.lastIndexOf('.') + 1));
        }
        if (body == null) {
            exchange.sendJson(404, "{\"message\":\"Not Found\"}");
            return;
        }
        exchange.responseHeaders().put("content-type", type);
        exchange.responseHeaders().put("content-security-policy", CSP);
        exchange.responseHeaders().put("x-content-type-options", "nosniff");
        exchange.send(200, body);
    }

    private static byte[] resource(String name) throws IOException {
        if (name == null) {
            return null;
        }
        try (InputStream in = ApiReference.class.getClassLoader().getResourceAsStream(name)) {
            return in == null ? null : in.readAllBytes();
        }
    }

    private static String webjarVersion() {
        try (InputStream in = ApiReference.class.getClassLoader().getResourceAsStream("META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("the swagger-ui webjar is not on the class path");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
