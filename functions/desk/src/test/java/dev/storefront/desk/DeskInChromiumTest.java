package dev.storefront.desk;

import com.fasterxml.jackson.databind.JsonNode;
import dev.storefront.domain.order.Order;
import dev.storefront.domain.order.OrderStatus;
import dev.storefront.domain.order.ShippingAddress;
import dev.storefront.testsupport.FunctionHarness;
import dev.storefront.testsupport.HeadlessChromium;
import dev.storefront.testsupport.ServedPage;
import dev.storefront.testsupport.HttpCall;
import dev.storefront.testsupport.HttpResult;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The order desk page as a browser renders it: the page the desk function answers, served with its
 * own headers (its Content-Security-Policy included) to headless Chromium. It lists the day's orders
 * and one order's timeline; markup in a note and in a shipping address is shown as text, never run.
 */
class DeskInChromiumTest {

    static FunctionHarness desk;

    @BeforeAll
    static void start() {
        desk = FunctionHarness.start("DeskFunction");
    }

    @Test
    void the_desk_lists_orders_and_shows_one_timeline_with_markup_from_shoppers_and_operators_as_text() throws Exception {
        Assumptions.assumeTrue(HeadlessChromium.installed(), HeadlessChromium.MISSING);
        String addressLine = "<script>window.pwned='address'</script>1 Hack St";
        String noteText = "<script>window.pwned='note'</script><b>not bold</b>";
        Order hostile = StoredOrders.store(OrderStatus.SHIPPED, "mallory@example.com", Instant.parse("2015-06-01T12:00:00Z"),
                new ShippingAddress("Mallory \"<img src=x onerror=alert(1)>\"", addressLine, null, "Leeds", null, "LS1 1AA", "GB"));
        StoredOrders.store(OrderStatus.PLACED, "ada@example.com", Instant.parse("2015-06-01T09:00:00Z"));
        StoredOrders.store(OrderStatus.CANCELLED, "bo@example.com", Instant.parse("2015-06-01T10:00:00Z"));
        HttpResult note = desk.http(HttpCall.post("/admin/orders/" + hostile.orderId() + "/notes").as("ops", "admin")
                .json("{\"text\":\"" + noteText.replace("\"", "\\\"") + "\"}"));
        assertThat(note.status()).as(note.toString()).isEqualTo(201);
        JsonNode story = desk.http(HttpCall.get("/admin/orders/" + hostile.orderId()).as("ops", "admin")).json();

        HttpResult page = desk.http(HttpCall.get("/admin/desk?from=2015-06-01&to=2015-06-01&orderId=" + hostile.orderId()).as("ops", "admin"));

        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        assertThat(page.header("content-type")).startsWith("text/html");
        assertThat(page.header("content-security-policy")).contains("default-src 'none'").doesNotContain("script-src");
        assertThat(page.body()).doesNotContain("<script").doesNotContain("<img").contains("&lt;script&gt;window.pwned=&#39;note&#39;");
        try (ServedPage served = ServedPage.of("/admin/desk", page); HeadlessChromium chromium = new HeadlessChromium()) {
            chromium.open(served.url());
            assertThat(chromium.title()).isEqualTo("Storefront order desk");
            List<String> rows = chromium.findAll("table.orders tbody tr");
            assertThat(rows.stream().map(r -> chromium.attribute(r, "data-order")).toList()).as("the day's three orders, newest first")
                    .startsWith(hostile.orderId()).hasSize(3);
            List<String> entries = chromium.findAll("ol.timeline li");
            assertThat(entries).hasSize(story.path("timeline").size()).hasSizeGreaterThan(5);
            List<String> notes = chromium.findAll("ol.timeline li[data-kind='NOTE'] pre.detail");
            assertThat(notes).hasSize(1);
            assertThat(chromium.text(notes.get(0))).isEqualTo(noteText);
            String address = chromium.text(chromium.findAll("address.shipping").get(0));
            assertThat(address).contains(addressLine).contains("Mallory \"<img src=x onerror=alert(1)>\"");
            assertThat(chromium.findAll("script")).as("no script element made it into the page").isEmpty();
            assertThat(chromium.findAll("img, b")).isEmpty();
            assertThat(chromium.script("return typeof window.pwned;").asText()).isEqualTo("undefined");
            assertThat(chromium.rect(chromium.findAll("ol.timeline").get(0)).height()).isGreaterThan(50);
        }
    }

    @Test
    void the_page_refuses_what_the_api_refuses() {
        assertThat(desk.http(HttpCall.get("/admin/desk?from=2015-06-02&to=2015-06-01").as("ops", "admin")).status()).isEqualTo(400);
        assertThat(desk.http(HttpCall.get("/admin/desk?orderId=0123456789abcdef0123456789abcdef").as("ops", "admin")).status()).isEqualTo(404);
        assertThat(desk.http(HttpCall.get("/admin/desk").as("shopper")).status()).isEqualTo(403);
        assertThat(desk.http(HttpCall.get("/admin/desk")).status()).isEqualTo(401);
    }
}
