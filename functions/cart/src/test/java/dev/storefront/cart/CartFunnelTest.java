package dev.storefront.cart;

import dev.storefront.testsupport.QueueInbox;
import dev.storefront.testsupport.EventSchemas;
import dev.storefront.samlocal.FreePorts;
import dev.storefront.testsupport.FunctionHarness;
import dev.storefront.testsupport.HttpCall;
import dev.storefront.testsupport.HttpResult;
import dev.storefront.testsupport.LogCapture;
import dev.storefront.testsupport.TestStack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.storefront.cart.CatalogFixture.productIdOf;
import static dev.storefront.cart.CatalogFixture.sku;
import static dev.storefront.cart.CatalogFixture.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * Cart changes as funnel events on the real analytics-events queue: a new cart, and the units
 * that went into or out of a line, whichever route moved them.
 */
class CartFunnelTest extends CartHarness {

    @BeforeAll
    static void start() {
        startFunctions();
    }

    @Test
    void a_shoppers_cart_records_created_then_the_units_added_and_removed_by_every_route() {
        String visitor = unique("v");
        String a = sku(1000, 50);
        String b = sku(500, 50);
        String cartId = created(visitor, null);

        ok(call(HttpCall.post("/carts/" + cartId + "/items").json(line(a, 2)), visitor));
        ok(call(HttpCall.post("/carts/" + cartId + "/items").json(line(a, 1)), visitor));       // 3
        ok(call(HttpCall.put("/carts/" + cartId + "/items/" + a).json("{\"quantity\":5}"), visitor));  // +2
        ok(call(HttpCall.put("/carts/" + cartId + "/items/" + a).json("{\"quantity\":5}"), visitor));  // same: nothing
        ok(call(HttpCall.put("/carts/" + cartId + "/items/" + a).json("{\"quantity\":1}"), visitor));  // -4
        ok(call(HttpCall.put("/carts/" + cartId + "/items/" + b).json("{\"quantity\":4}"), visitor));  // a new line: +4
        ok(call(HttpCall.put("/carts/" + cartId + "/items/" + b).json("{\"quantity\":0}"), visitor));  // -4
        ok(call(HttpCall.delete("/carts/" + cartId + "/items/" + a), visitor));                          // -1
        ok(call(HttpCall.delete("/carts/" + cartId + "/items/" + a), visitor));                          // not in the cart: nothing
        assertThat(call(HttpCall.post("/carts/" + cartId + "/items").json(line("NO-SUCH-SKU", 1)), visitor).status()).isEqualTo(422);

        List<QueueInbox.Received> events = eventsOf(visitor, 8);
        assertThat(events).allSatisfy(e -> {
            EventSchemas.assertValid(e.body());
            assertThat(e.text("cartId")).isEqualTo(cartId);
            assertThat(e.text("customerId")).isNull();
        });
        assertThat(events).extracting(QueueInbox.Received::type, e -> e.data().path("sku").asText(null), e -> e.data().path("quantity").asInt())
                .containsExactlyInAnyOrder(
                        tuple("cart.created", null, 0),
                        tuple("cart.line_added", a, 2),
                        tuple("cart.line_added", a, 1),
                        tuple("cart.line_added", a, 2),
                        tuple("cart.line_removed", a, 4),
                        tuple("cart.line_added", b, 4),
                        tuple("cart.line_removed", b, 4),
                        tuple("cart.line_removed", a, 1));
        assertThat(events).filteredOn(e -> e.type().equals("cart.line_added"))
                .allSatisfy(e -> assertThat(e.data().path("productId").asText()).isEqualTo(productIdOf(e.data().path("sku").asText())));
    }

    @Test
    void a_customers_cart_is_created_once_and_its_events_name_the_customer() {
        String visitor = unique("v");
        String customer = unique("cust");
        String a = sku(1000, 50);

        String cartId = created(visitor, customer);
        HttpResult again = call(HttpCall.post("/carts").as(customer), visitor);
        ok(call(HttpCall.post("/carts/" + cartId + "/items").json(line(a, 1)).as(customer), visitor));

        assertThat(again.status()).as("the customer's open cart, answered again").isEqualTo(200);
        assertThat(eventsOf(visitor, 2)).allSatisfy(e -> {
            EventSchemas.assertValid(e.body());
            assertThat(e.text("customerId")).isEqualTo(customer);
            assertThat(e.text("cartId")).isEqualTo(cartId);
        }).extracting(QueueInbox.Received::type).containsExactlyInAnyOrder("cart.created", "cart.line_added");
    }

    @Test
    void with_the_analytics_queue_missing_the_shopper_gets_the_same_answers_and_the_failures_are_logged_and_counted() {
        String missing = TestStack.shared().emulators().sqsEndpoint() + "/000000000000/no-such-analytics-queue";
        FunctionHarness broken = FunctionHarness.start("CartFunction", Map.of("STOREFRONT_QUEUES_ANALYTICS_EVENTS", missing));
        String visitor = unique("v");
        String a = sku(1000, 50);

        try (LogCapture logs = LogCapture.start()) {
            HttpResult created = broken.http(HttpCall.post("/carts").header("X-Visitor-Id", visitor));
            String cartId = created.json().path("cartId").asText();
            HttpResult added = broken.http(HttpCall.post("/carts/" + cartId + "/items").header("X-Visitor-Id", visitor).json(line(a, 2)));
            HttpResult removed = broken.http(HttpCall.delete("/carts/" + cartId + "/items/" + a).header("X-Visitor-Id", visitor));

            assertThat(created.status()).isEqualTo(201);
            assertThat(added.status()).isEqualTo(200);
            assertThat(removed.status()).isEqualTo(200);
            assertThat(added.json().at("/lines/0/quantity").asInt()).isEqualTo(2);
            assertThat(removed.json()).as("what the shopper got is what was stored").isEqualTo(get(cartId, null).json());
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(logs.lines())
                    .filteredOn(line -> line.contains("analytics events not sent"))
                    .extracting(line -> Integer.parseInt(line.replaceAll(".*\"analyticsFailed\":\"(\\d+)\".*", "$1").strip()))
                    .as("three events failed, each counted").matches(counts -> counts.stream().mapToInt(Integer::intValue).sum() == 3));
            assertThat(logs.lines()).filteredOn(line -> line.contains("analytics events not sent"))
                    .last().asString().contains("\"analyticsFailedTotal\":\"3\"").contains("no-such-analytics-queue");
        }
        assertThat(QueueInbox.analyticsEvents().ofVisitor(visitor)).isEmpty();
    }

    @Test
    void with_sqs_unreachable_cart_requests_answer_as_usual_without_waiting_for_it() {
        String closed = "http://127.0.0.1:" + FreePorts.pick();
        FunctionHarness offline = FunctionHarness.start("CartFunction", Map.of("STOREFRONT_AWS_ENDPOINTS_SQS", closed));
        String visitor = unique("v");
        String a = sku(1000, 50);

        try (LogCapture logs = LogCapture.start()) {
            long started = System.nanoTime();
            HttpResult created = offline.http(HttpCall.post("/carts").header("X-Visitor-Id", visitor));
            String cartId = created.json().path("cartId").asText();
            HttpResult added = offline.http(HttpCall.post("/carts/" + cartId + "/items").header("X-Visitor-Id", visitor).json(line(a, 1)));
            long millis = (System.nanoTime() - started) / 1_000_000;

            assertThat(created.status()).isEqualTo(201);
            assertThat(added.status()).isEqualTo(200);
            assertThat(added.json()).isEqualTo(get(cartId, null).json());
            assertThat(millis).as("two requests, each waiting at most 50 ms for analytics").isLessThan(5_000);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(logs.all())
                    .contains("analytics events not sent").contains("\"analyticsFailedTotal\":\"2\""));
        }
    }

    private static String created(String visitor, String customer) {
        HttpCall create = HttpCall.post("/carts");
        HttpResult created = call(customer == null ? create : create.as(customer), visitor);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().path("cartId").asText();
    }

    private static HttpResult call(HttpCall call, String visitor) {
        return cart.http(call.header("X-Visitor-Id", visitor));
    }

    private static void ok(HttpResult result) {
        assertThat(result.status()).as(result.toString()).isEqualTo(200);
    }

    private static String line(String sku, int quantity) {
        return "{\"sku\":\"" + sku + "\",\"quantity\":" + quantity + "}";
    }

    private static List<QueueInbox.Received> eventsOf(String visitor, int expected) {
        await().atMost(Duration.ofSeconds(5)).until(() -> QueueInbox.analyticsEvents().ofVisitor(visitor), events -> events.size() >= expected);
        return QueueInbox.analyticsEvents().ofVisitor(visitor);
    }
}
