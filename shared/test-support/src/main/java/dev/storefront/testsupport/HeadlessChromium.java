package dev.storefront.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.storefront.samlocal.FreePorts;
import dev.storefront.samlocal.ScratchFolders;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.awaitility.Awaitility.await;

/**
 * Headless Chromium driven through chromedriver with the W3C WebDriver protocol over plain HTTP
 * (no Selenium): Debian's {@code chromium} and {@code chromium-driver} packages, which
 * {@code make setup} installs. Tests skip with a message where they are absent:
 * {@code assumeTrue(HeadlessChromium.installed(), HeadlessChromium.MISSING)}.
 */
public final class HeadlessChromium implements AutoCloseable {

    public static final String MISSING = "chromium/chromedriver not installed: run make setup";
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    /** The W3C key of an element reference in WebDriver answers. */
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";

    public record Rect(double x, double y, double width, double height) {
        public boolean inside(Rect outer) {
            double cx = x + width / 2;
            double cy = y + height / 2;
            return cx >= outer.x && cx <= outer.x + outer.width && cy >= outer.y && cy <= outer.y + outer.height;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Process driver;
    private final String base;
    private final Path profile;
    private final String session;

    public static boolean installed() {
        return Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM);
    }

    public HeadlessChromium() throws IOException {
        int port = FreePorts.pick();
        base = "http://127.0.0.1:" + port;
        profile = ScratchFolders.create("chromium-profile");
        driver = new ProcessBuilder(CHROMEDRIVER.toString(), "--port=" + port)
                .redirectErrorStream(true).redirectOutput(profile.resolveSibling(profile.getFileName() + "-chromedriver.log").toFile()).start();
        try {
            await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> call("GET", "/status", null).path("value").path("ready").asBoolean());
            ObjectNode capabilities = JSON.createObjectNode();
            ObjectNode options = capabilities.putObject("capabilities").putObject("alwaysMatch").put("browserName", "chrome")
                    .putObject("goog:chromeOptions");
            options.put("binary", CHROMIUM.toString());
            var args = options.putArray("args");
            for (String arg : List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                    "--window-size=1400,2000", "--user-data-dir=" + profile)) {
                args.add(arg);
            }
            session = call("POST", "/session", capabilities).path("value").path("sessionId").asText();
        } catch (RuntimeException e) {
            driver.destroy();
            throw e;
        }
    }

    public void open(String url) {
        ObjectNode body = JSON.createObjectNode().put("url", url);
        call("POST", "/session/" + session + "/url", body);
    }

    public String title() {
        return call("GET", "/session/" + session + "/title", null).path("value").asText();
    }

    /** Element references for a CSS selector. */
    public List<String> findAll(String css) {
        ObjectNode body = JSON.createObjectNode().put("using", "css selector").put("value", css);
        JsonNode found = call("POST", "/session/" + session + "/elements", body).path("value");
        List<String> ids = new ArrayList<>();
        for (JsonNode element : found) {
            if (!element.hasNonNull(ELEMENT)) {
                throw new IllegalStateException("not an element reference: " + element);
            }
            ids.add(element.get(ELEMENT).asText());
        }
        return ids;
    }

    public Rect rect(String element) {
        JsonNode r = call("GET", "/session/" + session + "/element/" + element + "/rect", null).path("value");
        return new Rect(r.path("x").asDouble(), r.path("y").asDouble(), r.path("width").asDouble(), r.path("height").asDouble());
    }

    /**
     * Runs a script in the page and returns its value (WebDriver execute/sync): for measurements that
     * must see one layout, which separate {@link #rect} calls cannot promise while the page settles.
     */
    public JsonNode script(String body) {
        ObjectNode request = JSON.createObjectNode().put("script", body);
        request.putArray("args");
        return call("POST", "/session/" + session + "/execute/sync", request).path("value");
    }

    public String attribute(String element, String name) {
        return call("GET", "/session/" + session + "/element/" + element + "/attribute/" + name, null).path("value").asText(null);
    }

    /** The element's rendered text, as a reader sees it. */
    public String text(String element) {
        return call("GET", "/session/" + session + "/element/" + element + "/text", null).path("value").asText();
    }

    private JsonNode call(String method, String path, JsonNode body) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                    .header("content-type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body.toString()))
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode json = JSON.readTree(response.body());
            if (response.statusCode() >= 400) {
                throw new IllegalStateException("WebDriver " + method + " " + path + " -> " + response.statusCode() + " " + response.body());
            }
            return json;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            if (session != null) {
                call("DELETE", "/session/" + session, null);
            }
        } finally {
            driver.destroy();
            ScratchFolders.delete(profile);
        }
    }
}
