package dev.storefront.checkout;

import dev.storefront.testsupport.QueueInbox;
import dev.storefront.testsupport.EventSchemas;
import dev.storefront.testsupport.FunctionHarness;
import dev.storefront.testsupport.HttpCall;
import dev.storefront.testsupport.HttpResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * A shopper's way from a product page to an order (or not), through the real catalog, cart and
 * checkout functions, as it arrives on the real analytics-events queue: exactly one event per
 * step, each valid for its schema under docs/events, each naming the visitor, customer and cart.
 */
class CheckoutFunnelTest {

    static Shop shop;
    static FunctionHarness catalog;

    @BeforeAll
    static void start() {
        shop = new Shop();
        catalog = FunctionHarness.fromJar("CatalogFunction");
    }

    @Test
    void browse_add_remove_and_check_out_as_a_customer_records_each_step_once_and_nothing_for_a_replay() {
        String visitor = Shop.unique("v");
        String customer = Shop.unique("ada");
        String[] skus = shop.stockedProduct(5, 1250, 800);
        String productId = productIdOf(skus[0]);

        assertThat(catalog.http(as(HttpCall.get("/products/" + productId), visitor, customer)).status()).isEqualTo(200);
        String cartId = newCart(visitor, customer);
        add(cartId, skus[0], 2, visitor, customer);
        add(cartId, skus[1], 1, visitor, customer);
        assertThat(shop.carts.http(as(HttpCall.delete("/carts/" + cartId + "/items/" + skus[1]), visitor, customer)).status()).isEqualTo(200);
        String key = UUID.randomUUID().toString();
        HttpResult placed = checkout(cartId, key, "tok_visa", visitor, customer);
        HttpResult replayed = checkout(cartId, key, "tok_visa", visitor, customer);

        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        assertThat(replayed.header("idempotent-replayed")).isEqualTo("true");
        List<QueueInbox.Received> events = eventsOf(visitor, 6);
        assertThat(events).allSatisfy(e -> {
            EventSchemas.assertValid(e.body());
            assertThat(e.text("customerId")).isEqualTo(customer);
            assertThat(e.text("cartId")).isEqualTo(e.type().equals("product.viewed") ? null : cartId);
        });
        assertThat(events).extracting(QueueInbox.Received::type, e -> e.data().path("sku").asText(null),
                        e -> e.data().path("quantity").asInt(), e -> e.data().path("lines").asInt())
                .containsExactlyInAnyOrder(
                        tuple("product.viewed", null, 0, 0),
                        tuple("cart.created", null, 0, 0),
                        tuple("cart.line_added", skus[0], 2, 0),
                        tuple("cart.line_added", skus[1], 1, 0),
                        tuple("cart.line_removed", skus[1], 1, 0),
                        tuple("checkout.started", null, 0, 1));
        assertThat(events).filteredOn(e -> e.type().equals("product.viewed")).singleElement()
                .satisfies(e -> assertThat(e.data().path("productId").asText()).isEqualTo(productId));
    }

    @Test
    void a_checkout_short_of_stock_is_an_attempt_that_failed_with_out_of_stock() {
        String visitor = Shop.unique("v");
        String[] skus = shop.stockedProduct(1, 990);
        String cartId = newCart(visitor, null);
        add(cartId, skus[0], 2, visitor, null);

        HttpResult refused = checkout(cartId, UUID.randomUUID().toString(), "tok_visa", visitor, null);

        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(refused.json().path("code").asText()).isEqualTo("OUT_OF_STOCK");
        List<QueueInbox.Received> events = eventsOf(visitor, 4);
        assertThat(events).allSatisfy(e -> {
            EventSchemas.assertValid(e.body());
            assertThat(e.text("cartId")).isEqualTo(cartId);
            assertThat(e.text("customerId")).isNull();
        });
        assertThat(events).extracting(QueueInbox.Received::type, e -> e.data().path("reason").asText(null))
                .containsExactlyInAnyOrder(tuple("cart.created", null), tuple("cart.line_added", null),
                        tuple("checkout.started", null), tuple("checkout.failed", "OUT_OF_STOCK"));
    }

    @Test
    void a_declined_card_fails_its_attempt_once_its_replay_records_nothing_and_a_new_attempt_starts_again() {
        String visitor = Shop.unique("v");
        String[] skus = shop.stockedProduct(5, 990);
        String cartId = newCart(visitor, null);
        add(cartId, skus[0], 1, visitor, null);
        String key = UUID.randomUUID().toString();

        HttpResult declined = checkout(cartId, key, "tok_chargeDeclined", visitor, null);
        HttpResult replayed = checkout(cartId, key, "tok_chargeDeclined", visitor, null);
        HttpResult placed = checkout(cartId, UUID.randomUUID().toString(), "tok_visa", visitor, null);

        assertThat(declined.status()).isEqualTo(402);
        assertThat(replayed.header("idempotent-replayed")).isEqualTo("true");
        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        List<QueueInbox.Received> events = eventsOf(visitor, 5);
        assertThat(events).allSatisfy(e -> EventSchemas.assertValid(e.body()));
        assertThat(events).extracting(QueueInbox.Received::type, e -> e.data().path("reason").asText(null))
                .containsExactlyInAnyOrder(tuple("cart.created", null), tuple("cart.line_added", null),
                        tuple("checkout.started", null), tuple("checkout.failed", "PAYMENT_DECLINED"), tuple("checkout.started", null));
    }

    @Test
    void a_request_refused_before_it_claims_its_key_is_no_attempt() {
        String visitor = Shop.unique("v");
        String[] skus = shop.stockedProduct(5, 990);
        String cartId = newCart(visitor, null);
        add(cartId, skus[0], 1, visitor, null);

        HttpResult noKey = shop.checkout.http(HttpCall.post("/carts/" + cartId + "/checkout").header("X-Visitor-Id", visitor).json(Shop.body("tok_visa")));
        HttpResult unknownCart = checkout("0".repeat(32), UUID.randomUUID().toString(), "tok_visa", visitor, null);

        assertThat(noKey.status()).isEqualTo(400);
        assertThat(unknownCart.status()).isEqualTo(404);
        assertThat(eventsOf(visitor, 2)).extracting(QueueInbox.Received::type).containsExactlyInAnyOrder("cart.created", "cart.line_added");
    }

    private static HttpCall as(HttpCall call, String visitor, String customer) {
        call.header("X-Visitor-Id", visitor);
        return customer == null ? call : call.as(customer);
    }

    private static String newCart(String visitor, String customer) {
        HttpResult created = shop.carts.http(as(HttpCall.post("/carts"), visitor, customer));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().path("cartId").asText();
    }

    private static void add(String cartId, String sku, int quantity, String visitor, String customer) {
        HttpResult added = shop.carts.http(as(HttpCall.post("/carts/" + cartId + "/items"), visitor, customer)
                .json("{\"sku\":\"" + sku + "\",\"quantity\":" + quantity + "}"));
        assertThat(added.status()).as(added.toString()).isEqualTo(200);
    }

    private static HttpResult checkout(String cartId, String key, String paymentToken, String visitor, String customer) {
        return shop.checkout.http(as(HttpCall.post("/carts/" + cartId + "/checkout").header("Idempotency-Key", key), visitor, customer)
                .json(Shop.body(paymentToken)));
    }

    /** The product a Shop SKU belongs to: {@code P-1A2B3C4D-0} is a variant of {@code p-1a2b3c4d}. */
    private static String productIdOf(String sku) {
        return sku.substring(0, sku.lastIndexOf('-')).toLowerCase();
    }

    /** Waits for at least the expected events, then answers all of them (so one too many fails the test). */
    private static List<QueueInbox.Received> eventsOf(String visitor, int expected) {
        await().atMost(Duration.ofSeconds(10)).until(() -> QueueInbox.analyticsEvents().ofVisitor(visitor), events -> events.size() >= expected);
        return QueueInbox.analyticsEvents().ofVisitor(visitor);
    }
}
