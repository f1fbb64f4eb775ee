package dev.storefront.local;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A shopper's whole path over HTTP through the local runtime: browse, cart, checkout, order, event. */
abstract class CheckoutScenarios {

    static final String BODY = """
            {"email":"ada@example.com","paymentToken":"%s","shippingAddress":
             {"name":"Ada Lovelace","line1":"12 St James's Square","city":"London","postalCode":"SW1Y 4JH","country":"GB"}}""";

    abstract LocalRuntime runtime();

    LocalRuntime runtime;
    ApiClient api;

    @org.junit.jupiter.api.BeforeEach
    void connect() {
        runtime = runtime();
        api = new ApiClient(runtime.baseUrl());
    }

    /** A fresh SKU with stock, so this test never competes with the seed data or other tests. */
    String stockedSku(int available) {
        String admin = runtime.token("ops", "admin");
        String id = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
        String sku = id.toUpperCase();
        assertThat(api.put("/admin/products/" + id, """
                {"name":"E2E %s","category":"e2e","variants":[{"sku":"%s","price":{"amount":4200,"currency":"EUR"}}]}""".formatted(id, sku), admin).status()).isEqualTo(201);
        assertThat(api.put("/admin/inventory/" + sku, "{\"available\":" + available + "}", admin).status()).isEqualTo(200);
        return sku;
    }

    @Test
    void a_signed_in_shopper_checks_out_once_and_finds_the_order_which_its_order_placed_event_sends_to_fulfilment() throws Exception {
        String alice = runtime.token("alice-" + UUID.randomUUID());
        String sku = stockedSku(3);
        String cartId = api.send("POST", "/carts", null, alice).json().path("cartId").asText();
        assertThat(api.send("POST", "/carts/" + cartId + "/items", "{\"sku\":\"" + sku + "\",\"quantity\":2}", alice).status()).isEqualTo(200);
        String key = UUID.randomUUID().toString();

        ApiClient.Response placed = api.send("POST", "/carts/" + cartId + "/checkout", BODY.formatted("tok_visa"), alice, "idempotency-key", key);
        ApiClient.Response replayed = api.send("POST", "/carts/" + cartId + "/checkout", BODY.formatted("tok_visa"), alice, "idempotency-key", key);

        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        JsonNode order = placed.json();
        assertThat(order.path("status").asText()).isEqualTo("PLACED");
        // 2 x 42.00 and the seeded uk zone's Tracked up to 1 kg, 5.90 (GB prices include VAT).
        assertThat(order.at("/total/amount").asLong()).isEqualTo(8400 + 590);
        assertThat(replayed.status()).isEqualTo(201);
        assertThat(replayed.body()).isEqualTo(placed.body());
        String orderId = order.path("orderId").asText();
        // Fulfilment may already have picked it up (order.placed -> FULFILMENT_REQUESTED).
        assertThat(api.send("GET", "/orders/" + orderId, null, alice).json().path("status").asText()).isIn("PLACED", "FULFILMENT_REQUESTED");
        assertThat(api.send("GET", "/orders", null, alice).json().path("items")).extracting(o -> o.path("orderId").asText()).contains(orderId);
        assertThat(api.get("/products/" + sku.toLowerCase()).json().at("/variants/0/available").asLong()).isEqualTo(1);

        // The Orders stream, polled by the runtime like Lambda's mapping, feeds the relay; its order.placed on
        // order-events reaches the fulfilment consumer, which moves the order on, naming that event.
        // (The event itself is validated against its schema in functions/events' tests.)
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode now = api.send("GET", "/orders/" + orderId, null, alice).json();
            assertThat(now.path("status").asText()).isEqualTo("FULFILMENT_REQUESTED");
            JsonNode requested = now.path("history").get(now.path("history").size() - 1);
            assertThat(requested.path("from").asText()).isEqualTo("PLACED");
            assertThat(requested.path("eventId").asText()).as("the order.placed event's id").matches("[0-9a-f-]{36}");
        });
    }

    @Test
    void a_declined_card_is_402_and_the_guest_can_pay_with_another() {
        String sku = stockedSku(1);
        String cartId = api.post("/carts", "{}").json().path("cartId").asText();
        api.post("/carts/" + cartId + "/items", "{\"sku\":\"" + sku + "\",\"quantity\":1}");

        ApiClient.Response declined = api.send("POST", "/carts/" + cartId + "/checkout", BODY.formatted("tok_chargeDeclined"), null,
                "idempotency-key", UUID.randomUUID().toString());
        ApiClient.Response paid = api.send("POST", "/carts/" + cartId + "/checkout", BODY.formatted("tok_visa"), null,
                "idempotency-key", UUID.randomUUID().toString());

        assertThat(declined.status()).isEqualTo(402);
        assertThat(declined.contentType()).isEqualTo("application/problem+json");
        assertThat(paid.status()).as(paid.body()).isEqualTo(201);
        assertThat(api.get("/orders/" + paid.json().path("orderId").asText()).status()).as("a guest order by its id").isEqualTo(200);
    }

    @Test
    void card_testing_stops_after_five_declines_on_a_cart_with_429_and_retry_after_even_for_a_good_card() {
        String sku = stockedSku(1);
        String cartId = api.post("/carts", "{}").json().path("cartId").asText();
        api.post("/carts/" + cartId + "/items", "{\"sku\":\"" + sku + "\",\"quantity\":1}");
        String admin = runtime.token("ops", "admin");
        String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
        long blockedBefore = blockedToday(admin, today);

        for (int i = 0; i < 5; i++) {
            ApiClient.Response declined = api.send("POST", "/carts/" + cartId + "/checkout", BODY.formatted("tok_chargeDeclined"), null,
                    "idempotency-key", UUID.randomUUID().toString());
            assertThat(declined.status()).as("decline " + (i + 1)).isEqualTo(402);
        }
        ApiClient.Response blocked = api.send("POST", "/carts/" + cartId + "/checkout", BODY.formatted("tok_visa"), null,
                "idempotency-key", UUID.randomUUID().toString());

        assertThat(blocked.status()).as(blocked.body()).isEqualTo(429);
        assertThat(blocked.json().path("code").asText()).isEqualTo("TOO_MANY_ATTEMPTS");
        assertThat(Long.parseLong(blocked.header("retry-after"))).isBetween(1L, 3600L);
        assertThat(api.get("/carts/" + cartId).json().path("status").asText()).as("nothing reserved, the cart stays open").isEqualTo("OPEN");
        assertThat(api.get("/products/" + sku.toLowerCase()).json().at("/variants/0/available").asLong()).isEqualTo(1);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(blockedToday(admin, today)).isGreaterThan(blockedBefore));
    }

    private long blockedToday(String admin, String today) {
        return api.send("GET", "/admin/kpis?from=" + today + "&to=" + today, null, admin).json().at("/items/0/paymentAttemptsBlocked").asLong();
    }
}
