package dev.storefront.checkout;

import com.fasterxml.jackson.databind.JsonNode;
import dev.storefront.testsupport.HttpCall;
import dev.storefront.testsupport.HttpResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Checkout through the real handler over DynamoDB Local: idempotent, never overselling, never charging twice. */
class CheckoutTest {

    static Shop shop;

    @BeforeAll
    static void start() {
        shop = new Shop();
    }

    static String key() {
        return UUID.randomUUID().toString();
    }

    @Test
    void a_checkout_reserves_stock_authorizes_once_places_the_order_and_closes_the_cart() {
        String[] skus = shop.stockedProduct(5, 1250);
        String cartId = shop.cart("alice", 2, skus);
        String key = key();

        HttpResult placed = shop.checkout(cartId, "alice", key, "tok_visa");

        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        JsonNode order = placed.json();
        String orderId = order.path("orderId").asText();
        assertThat(order.path("status").asText()).isEqualTo("PLACED");
        assertThat(order.at("/total/amount").asLong()).isEqualTo(2500);
        assertThat(order.at("/payment/status").asText()).isEqualTo("AUTHORIZED");
        assertThat(order.at("/lines/0/quantity").asInt()).isEqualTo(2);
        assertThat(order.path("history")).extracting(h -> h.path("to").asText()).containsExactly("PENDING_PAYMENT", "PLACED");
        assertThat(order.toString()).doesNotContain("tok_visa");
        assertThat(Shop.stock(skus[0])).isEqualTo(3);
        assertThat(Shop.processorCalls("order:" + orderId + ":authorize")).isEqualTo(1);
        assertThat(shop.cartOf(cartId, "alice").path("status").asText()).isEqualTo("CHECKED_OUT");
        HttpResult read = shop.checkout.http(HttpCall.get("/orders/" + orderId).as("alice"));
        assertThat(read.json().path("status").asText()).isEqualTo("PLACED");
    }

    @Test
    void a_replay_returns_the_same_answer_without_a_second_charge_or_decrement() {
        String[] skus = shop.stockedProduct(5, 990);
        String cartId = shop.cart(null, 1, skus);
        String key = key();
        HttpResult first = shop.checkout(cartId, null, key, "tok_visa");

        HttpResult again = shop.checkout(cartId, null, key, "tok_visa");

        assertThat(again.status()).isEqualTo(first.status()).isEqualTo(201);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.header("idempotent-replayed")).isEqualTo("true");
        assertThat(first.header("idempotent-replayed")).isNull();
        assertThat(Shop.stock(skus[0])).isEqualTo(4);
        assertThat(Shop.processorCalls("order:" + first.json().path("orderId").asText() + ":authorize")).isEqualTo(1);
    }

    @Test
    void a_key_reused_for_another_body_is_422_and_a_missing_key_is_400() {
        String[] skus = shop.stockedProduct(5, 990);
        String cartId = shop.cart(null, 1, skus);
        String key = key();
        shop.checkout(cartId, null, key, "tok_visa");

        HttpResult reused = shop.checkout.http(HttpCall.post("/carts/" + cartId + "/checkout").header("Idempotency-Key", key)
                .json(Shop.body("tok_visa").replace("ada@example.com", "grace@example.com")));
        HttpResult missing = shop.checkout.http(HttpCall.post("/carts/" + cartId + "/checkout").json(Shop.body("tok_visa")));

        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.json().path("code").asText()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().path("field").asText()).isEqualTo("Idempotency-Key");
        assertThat(Shop.stock(skus[0])).isEqualTo(4);
    }

    @Test
    void keys_are_scoped_to_the_caller() {
        String[] skus = shop.stockedProduct(5, 500);
        String key = key();
        HttpResult alice = shop.checkout(shop.cart("alice-" + key, 1, skus), "alice-" + key, key, "tok_visa");
        HttpResult bob = shop.checkout(shop.cart("bob-" + key, 1, skus), "bob-" + key, key, "tok_visa");

        assertThat(alice.status()).isEqualTo(201);
        assertThat(bob.status()).isEqualTo(201);
        assertThat(bob.json().path("orderId").asText()).isNotEqualTo(alice.json().path("orderId").asText());
        assertThat(Shop.stock(skus[0])).isEqualTo(3);
    }

    @Test
    void a_declined_card_gives_the_stock_back_reopens_the_cart_and_answers_402() {
        String[] skus = shop.stockedProduct(4, 700, 300);
        String cartId = shop.cart(null, 2, skus);

        HttpResult declined = shop.checkout(cartId, null, key(), "tok_chargeDeclined");

        assertThat(declined.status()).isEqualTo(402);
        assertThat(declined.json().path("code").asText()).isEqualTo("PAYMENT_DECLINED");
        assertThat(Shop.stock(skus[0])).isEqualTo(4);
        assertThat(Shop.stock(skus[1])).isEqualTo(4);
        assertThat(shop.cartOf(cartId, null).path("status").asText()).isEqualTo("OPEN");
        HttpResult retry = shop.checkout(cartId, null, key(), "tok_visa");
        assertThat(retry.status()).as("the shopper tries another card").isEqualTo(201);
        assertThat(Shop.stock(skus[0])).isEqualTo(2);
    }

    @Test
    void twenty_concurrent_checkouts_for_five_units_place_exactly_five_orders() throws Exception {
        String[] skus = shop.stockedProduct(5, 1000);
        List<String> carts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            carts.add(shop.cart(null, 1, skus));
        }
        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<Future<HttpResult>> results = new ArrayList<>();
        for (String cartId : carts) {
            results.add(pool.submit((Callable<HttpResult>) () -> shop.checkout(cartId, null, key(), "tok_visa")));
        }
        List<Integer> statuses = new ArrayList<>();
        List<String> codes = new ArrayList<>();
        for (Future<HttpResult> result : results) {
            HttpResult r = result.get();
            statuses.add(r.status());
            if (r.status() == 409) {
                codes.add(r.json().path("code").asText() + " " + r.json().path("detail").asText());
            }
        }
        pool.shutdown();

        assertThat(statuses).filteredOn(s -> s == 201).hasSize(5);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(15);
        assertThat(codes).allSatisfy(c -> assertThat(c).startsWith("OUT_OF_STOCK").contains(skus[0]));
        assertThat(Shop.stock(skus[0])).isZero();
    }

    @Test
    void a_request_while_the_first_with_the_same_key_is_running_is_409() {
        String[] skus = shop.stockedProduct(5, 100);
        String cartId = shop.cart(null, 1, skus);
        String key = key();
        // The first request holds the key (its lease runs 30 s); here it is simulated by its record.
        dev.storefront.testsupport.TestStack stack = dev.storefront.testsupport.TestStack.shared();
        stack.emulators().dynamo().putItem(r -> r.tableName(stack.resources().tableName("IdempotencyTable")).item(java.util.Map.of(
                "key", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("cart:" + cartId + "#" + key),
                "fingerprint", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(CheckoutRoutes.fingerprint(cartId, Shop.body("tok_visa"))),
                "state", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("IN_PROGRESS"),
                "leaseUntil", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN(Long.toString(java.time.Instant.now().getEpochSecond() + 30)))));
        // Same key, same body as the first: what a double-click sends.
        HttpResult second = shop.checkout(cartId, null, key, "tok_visa");

        assertThat(second.status()).isEqualTo(409);
        assertThat(second.json().path("code").asText()).isEqualTo("IDEMPOTENCY_IN_FLIGHT");
        assertThat(Shop.stock(skus[0])).isEqualTo(5);
    }
}
