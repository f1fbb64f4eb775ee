package dev.storefront.checkout;

import com.fasterxml.jackson.databind.JsonNode;
import dev.storefront.testsupport.FunctionHarness;
import dev.storefront.testsupport.HttpCall;
import dev.storefront.testsupport.HttpResult;
import net.jqwik.api.Arbitraries;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Orders after checkout: who may see them, listing, cancelling, and reservations that expire. */
class OrdersTest {

    static Shop shop;
    static FunctionHarness sweeper;

    @BeforeAll
    static void start() {
        shop = new Shop();
        // Hold time 0: every order still waiting for payment is due.
        sweeper = FunctionHarness.start("ReservationSweeperFunction", Map.of("STOREFRONT_CHECKOUT_HOLD_MINUTES", "0"));
    }

    static String key() {
        return UUID.randomUUID().toString();
    }

    static String place(String customer, String[] skus, int quantity) {
        HttpResult placed = shop.checkout(shop.cart(customer, quantity, skus), customer, key(), "tok_visa");
        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        return placed.json().path("orderId").asText();
    }

    @Test
    void a_customers_order_is_visible_to_that_customer_only_and_a_guest_order_by_its_id() {
        String[] skus = shop.stockedProduct(10, 100);
        String mine = place("carol", skus, 1);
        String guest = place(null, skus, 1);

        assertThat(shop.checkout.http(HttpCall.get("/orders/" + mine).as("carol")).status()).isEqualTo(200);
        assertThat(shop.checkout.http(HttpCall.get("/orders/" + mine).as("mallory")).status()).isEqualTo(404);
        assertThat(shop.checkout.http(HttpCall.get("/orders/" + mine)).status()).isEqualTo(404);
        assertThat(shop.checkout.http(HttpCall.post("/orders/" + mine + "/cancel").as("mallory")).status()).isEqualTo(404);
        assertThat(shop.checkout.http(HttpCall.get("/orders/" + guest)).status()).isEqualTo(200);
        assertThat(shop.checkout.http(HttpCall.get("/orders/not-an-order-id")).status()).isEqualTo(404);
    }

    @Test
    void a_customer_lists_their_orders_newest_first_in_pages() {
        String customer = "dave-" + key();
        String[] skus = shop.stockedProduct(10, 100);
        List<String> placed = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            placed.add(place(customer, skus, 1));
        }

        JsonNode first = shop.checkout.http(HttpCall.get("/orders?limit=2").as(customer)).json();
        JsonNode second = shop.checkout.http(HttpCall.get("/orders?limit=2&cursor=" + first.path("nextCursor").asText()).as(customer)).json();

        assertThat(first.path("items")).extracting(o -> o.path("orderId").asText()).containsExactly(placed.get(2), placed.get(1));
        assertThat(second.path("items")).extracting(o -> o.path("orderId").asText()).containsExactly(placed.get(0));
        assertThat(shop.checkout.http(HttpCall.get("/orders")).status()).as("anonymous").isEqualTo(401);
        assertThat(shop.checkout.http(HttpCall.get("/orders?cursor=" + first.path("nextCursor").asText()).as("mallory")).status())
                .as("another customer's cursor").isEqualTo(400);
    }

    @Test
    void cancelling_before_shipment_gives_stock_back_and_voids_the_authorization_once() {
        String[] skus = shop.stockedProduct(10, 100);
        String orderId = place("erin", skus, 3);
        assertThat(Shop.stock(skus[0])).isEqualTo(7);

        HttpResult cancelled = shop.checkout.http(HttpCall.post("/orders/" + orderId + "/cancel").as("erin"));
        HttpResult again = shop.checkout.http(HttpCall.post("/orders/" + orderId + "/cancel").as("erin"));

        assertThat(cancelled.status()).isEqualTo(202);
        assertThat(cancelled.json().path("status").asText()).isEqualTo("CANCELLED");
        assertThat(cancelled.json().at("/payment/status").asText()).isEqualTo("VOIDED");
        assertThat(again.status()).isEqualTo(202);
        assertThat(Shop.stock(skus[0])).isEqualTo(10);
        assertThat(Shop.processorCalls("order:" + orderId + ":void")).isEqualTo(1);
    }

    @Test
    void a_cancellation_stands_when_the_processor_refuses_the_void_and_a_repeated_cancel_makes_the_owed_void_once() {
        String[] skus = shop.stockedProduct(10, 100);
        // tok_voidProcessingError: the sandbox refuses this authorization's first two voids.
        HttpResult placed = shop.checkout(shop.cart("gina", 2, skus), "gina", key(), "tok_voidProcessingError");
        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        String orderId = placed.json().path("orderId").asText();
        String voidKey = "order:" + orderId + ":void";

        HttpResult refused = shop.checkout.http(HttpCall.post("/orders/" + orderId + "/cancel").as("gina"));
        assertThat(refused.status()).isEqualTo(202);
        assertThat(refused.json().path("status").asText()).isEqualTo("CANCELLED");
        assertThat(Shop.stock(skus[0])).as("the stock does not wait for the processor").isEqualTo(10);
        assertThat(Shop.processorCalls(voidKey)).as("refused: nothing recorded").isZero();
        assertThat(shop.checkout.http(HttpCall.post("/orders/" + orderId + "/cancel").as("gina")).status()).isEqualTo(202);
        assertThat(Shop.processorCalls(voidKey)).isZero();

        assertThat(shop.checkout.http(HttpCall.post("/orders/" + orderId + "/cancel").as("gina")).status()).isEqualTo(202);
        assertThat(shop.checkout.http(HttpCall.post("/orders/" + orderId + "/cancel").as("gina")).status()).isEqualTo(202);

        assertThat(Shop.processorCalls(voidKey)).as("the owed void made once, then nothing owed").isEqualTo(1);
    }

    @Test
    void an_order_whose_payment_failed_cannot_be_cancelled() {
        String[] skus = shop.stockedProduct(10, 100);
        String cartId = shop.cart("frank", 1, skus);
        shop.checkout(cartId, "frank", key(), "tok_chargeDeclined");
        String orderId = shop.checkout.http(HttpCall.get("/orders?limit=1").as("frank")).json().at("/items/0/orderId").asText();

        HttpResult cancel = shop.checkout.http(HttpCall.post("/orders/" + orderId + "/cancel").as("frank"));

        assertThat(cancel.status()).isEqualTo(409);
        assertThat(cancel.json().path("code").asText()).isEqualTo("ORDER_NOT_CANCELLABLE");
    }

    @Test
    void a_processor_outage_holds_the_order_until_the_sweeper_expires_it_once() {
        String[] skus = shop.stockedProduct(10, 100);
        String cartId = shop.cart(null, 4, skus);
        String key = key();

        HttpResult outage = shop.checkout(cartId, null, key, "tok_processingError");
        assertThat(outage.status()).isEqualTo(503);
        assertThat(outage.json().path("code").asText()).isEqualTo("PAYMENT_UNAVAILABLE");
        assertThat(Shop.stock(skus[0])).as("held for a retry").isEqualTo(6);
        HttpResult retried = shop.checkout(cartId, null, key, "tok_processingError");
        assertThat(retried.status()).as("the same key resumes the same order").isEqualTo(503);
        assertThat(Shop.stock(skus[0])).isEqualTo(6);

        String firstRun = sweeper.invoke(scheduledEvent(), "sweep-1");
        sweeper.invoke(scheduledEvent(), "sweep-2");

        assertThat(Integer.parseInt(firstRun.trim())).isGreaterThanOrEqualTo(1);
        assertThat(Shop.stock(skus[0])).as("released exactly once").isEqualTo(10);
        assertThat(shop.cartOf(cartId, null).path("status").asText()).isEqualTo("OPEN");
    }

    /**
     * Every decrement is paired with at most one release: whatever mix of paid, declined,
     * cancelled and expired checkouts runs, stock ends at the start minus what paid orders hold.
     */
    @Test
    void stock_reserved_and_released_always_balances() {
        Random random = new Random(42);
        for (int round = 0; round < 3; round++) {
            String[] skus = shop.stockedProduct(50, 100, 200);
            long held = 0;
            for (int i = 0; i < 8; i++) {
                int quantity = 1 + random.nextInt(3);
                String token = Arbitraries.of("tok_visa", "tok_chargeDeclined", "tok_processingError").sample();
                String cartId = shop.cart(null, quantity, skus);
                HttpResult result = shop.checkout(cartId, null, key(), token);
                if (result.status() == 201) {
                    if (random.nextBoolean()) {
                        shop.checkout.http(HttpCall.post("/orders/" + result.json().path("orderId").asText() + "/cancel"));
                    } else {
                        held += quantity;
                    }
                }
            }
            sweeper.invoke(scheduledEvent(), "sweep-balance-" + round);

            assertThat(Shop.stock(skus[0])).isEqualTo(50 - held);
            assertThat(Shop.stock(skus[1])).isEqualTo(50 - held);
        }
    }

    static String scheduledEvent() {
        return """
                {"version":"0","id":"%s","detail-type":"Scheduled Event","source":"aws.events","account":"000000000000",
                 "time":"2026-11-23T12:00:00Z","region":"us-east-1","resources":["arn:aws:events:us-east-1:000000000000:rule/sweep"],"detail":{}}"""
                .formatted(UUID.randomUUID());
    }
}
