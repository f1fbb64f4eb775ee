package dev.storefront.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.storefront.local.partner.PartnerQueues;
import dev.storefront.local.partner.SamplePartner;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The storefront page in a real browser (issue 24): playwright-core drives the Debian Chromium
 * (storefront.spec.mjs, {@code make setup} installs both) against the local runtime, using only the
 * public API as a storefront would: search with suggestions, two products into the cart, shipping
 * to DE, tok_visa and the order page following the order to DELIVERED while this test plays the
 * partner; a declined card; a 3-D Secure payment through the bank page. Screenshots of the grid and
 * the order page at 1280 and 375 px go to target/; a failed step adds its own screenshot, and the log
 * (target/storefront-browser.log, quoted in the failure) shows the page's notice and the step's API calls. Skips with a message where Node, playwright-core
 * or Chromium is missing.
 */
class StorefrontBrowserTest {

    static final Path SCRIPT_DIR = Path.of("src/test/browser");
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Duration RUN_LIMIT = Duration.ofMinutes(6);
    private static final ObjectMapper JSON = new ObjectMapper();

    final LocalRuntime runtime = SharedRuntime.get();
    final ApiClient api = new ApiClient(runtime.baseUrl());

    @Test
    void a_shopper_searches_fills_a_cart_pays_and_follows_the_order_to_delivered_in_the_browser() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "chromium not installed: run make setup");
        assumeTrue(Files.isDirectory(SCRIPT_DIR.resolve("node_modules/playwright-core")), "playwright-core not installed: run make setup");
        assumeTrue(nodeWorks(), "node not found: run make setup");

        // This run's own products: a word only their names hold, so search finds exactly them.
        // Six random letters (a UUID's letters alone were sometimes fewer than six: the test failed at its first line).
        String marker = "zq" + java.util.concurrent.ThreadLocalRandom.current().ints(6, 'a', 'g')
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append);
        String jacketSku = product("jacket-" + marker, "Storm Jacket " + marker, "outerwear", 14900, "standard", 900);
        String mugSku = product("mug-" + marker, "Camp Mug " + marker, "camping", 1200, "standard", 300);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(api.get("/search?q=" + marker).json().path("total").asInt()).as("indexed").isEqualTo(2));

        AtomicBoolean running = new AtomicBoolean(true);
        Thread partner = new Thread(() -> playPartner(List.of(jacketSku, mugSku), running), "storefront-test-partner");
        partner.setDaemon(true);
        partner.start();
        Path out = Path.of("target");
        ProcessBuilder browser = new ProcessBuilder("node", "storefront.spec.mjs")
                .directory(SCRIPT_DIR.toFile())
                .redirectErrorStream(true)
                .redirectOutput(out.resolve("storefront-browser.log").toFile());
        browser.environment().put("BASE_URL", runtime.baseUrl().toString().replaceAll("/$", ""));
        browser.environment().put("MARKER", marker);
        browser.environment().put("OUT_DIR", out.toAbsolutePath().toString());
        browser.environment().put("CHROMIUM", CHROMIUM.toString());
        Process node = browser.start();
        boolean finished;
        try {
            finished = node.waitFor(RUN_LIMIT.toSeconds(), TimeUnit.SECONDS);
        } finally {
            running.set(false);
            if (node.isAlive()) {
                node.destroyForcibly();
            }
        }
        String log = Files.readString(out.resolve("storefront-browser.log"), StandardCharsets.UTF_8);
        assertThat(finished).as("the browser run ended within " + RUN_LIMIT + ":\n" + log).isTrue();
        assertThat(node.exitValue()).as(log).isZero();
        for (String shot : List.of("storefront-grid-1280.png", "storefront-order-1280.png", "storefront-grid-375.png", "storefront-order-375.png")) {
            assertThat(out.resolve(shot)).as(shot).exists().isNotEmptyFile();
        }
    }

    private String product(String productId, String name, String category, long price, String taxClass, int weightGrams) {
        String admin = runtime.token("storefront-test", "admin");
        String sku = productId.toUpperCase(Locale.ROOT);
        assertThat(api.put("/admin/products/" + productId, """
                {"name":"%s","description":"A product of the storefront browser test.","category":"%s",
                 "variants":[{"sku":"%s","attributes":{"size":"one"},"price":{"amount":%d,"currency":"EUR"},"weightGrams":%d,"taxClass":"%s"}]}"""
                .formatted(name, category, sku, price, weightGrams, taxClass), admin).status()).isIn(200, 201);
        assertThat(api.put("/admin/inventory/" + sku, "{\"available\":20}", admin).status()).isEqualTo(200);
        return sku;
    }

    /** The partner for this test's orders only: accepted, shipped, delivered; other orders' requests are left to their tests. */
    private void playPartner(List<String> skus, AtomicBoolean running) {
        PartnerQueues queues = new PartnerQueues(runtime.sqs(), runtime.resources().queueUrl("FulfilmentRequestsQueue"),
                runtime.resources().queueUrl("FulfilmentUpdatesQueue"));
        while (running.get()) {
            for (Message message : queues.sqs().receiveMessage(r -> r.queueUrl(queues.requests()).maxNumberOfMessages(10).waitTimeSeconds(1))
                    .messages()) {
                JsonNode request;
                try {
                    request = JSON.readTree(message.body());
                } catch (IOException e) {
                    continue;
                }
                boolean ours = false;
                for (JsonNode item : request.at("/data/items")) {
                    ours |= skus.contains(item.path("sku").asText());
                }
                if (!ours) {
                    queues.sqs().changeMessageVisibility(r -> r.queueUrl(queues.requests()).receiptHandle(message.receiptHandle()).visibilityTimeout(0));
                    continue;
                }
                if (request.path("type").asText().equals("fulfilment.requested")) {
                    SamplePartner.accept(queues, request);
                    SamplePartner.ship(queues, request);
                    SamplePartner.deliver(queues, request);
                }
                queues.sqs().deleteMessage(r -> r.queueUrl(queues.requests()).receiptHandle(message.receiptHandle()));
            }
        }
    }

    private static boolean nodeWorks() {
        try {
            Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
