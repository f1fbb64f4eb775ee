package dev.storefront.local;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Shipping and tax end to end, against the seeded zones and rates (infra/local/seed/04): the worked
 * examples of docs/PRICING.md computed by hand, to the cent, from cart to order to the partner's
 * request. eu Standard 4.90 free over 50.00 (DHL); DE 19 % / 7 %, prices include VAT; us Standard
 * 14.90 (UPS), 7.25 % added on top.
 */
abstract class ShippingScenarios {

    abstract LocalRuntime runtime();

    LocalRuntime runtime;
    ApiClient api;
    String shopper;

    @BeforeEach
    void connect() {
        runtime = runtime();
        api = new ApiClient(runtime.baseUrl());
        shopper = runtime.token("shopper-" + UUID.randomUUID());
    }

    /** A product with one stocked SKU of this price, tax class and weight. */
    String sku(String name, long price, String taxClass, long weightGrams) {
        String admin = runtime.token("ops", "admin");
        String id = "ship-" + UUID.randomUUID().toString().substring(0, 8);
        String sku = id.toUpperCase();
        assertThat(api.put("/admin/products/" + id, """
                {"name":"%s","category":"e2e","variants":[{"sku":"%s","price":{"amount":%d,"currency":"EUR"},"taxClass":"%s","weightGrams":%d}]}"""
                .formatted(name, sku, price, taxClass, weightGrams), admin).status()).isEqualTo(201);
        assertThat(api.put("/admin/inventory/" + sku, "{\"available\":10}", admin).status()).isEqualTo(200);
        return sku;
    }

    JsonNode send(String method, String path, String body) {
        ApiClient.Response response = api.send(method, path, body, shopper);
        assertThat(response.status()).as(method + " " + path + " " + response.body()).isEqualTo(200);
        return response.json();
    }

    JsonNode add(String cartId, String sku, int quantity) {
        return send("POST", "/carts/" + cartId + "/items", "{\"sku\":\"" + sku + "\",\"quantity\":" + quantity + "}");
    }

    JsonNode checkout(String cartId, String country) {
        ApiClient.Response placed = api.send("POST", "/carts/" + cartId + "/checkout", """
                {"email":"ada@example.com","paymentToken":"tok_visa","shippingAddress":
                 {"name":"Ada","line1":"1 Main St","city":"Town","postalCode":"10115","country":"%s"}}""".formatted(country),
                shopper, "idempotency-key", UUID.randomUUID().toString());
        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        return placed.json();
    }

    static List<String> warnings(JsonNode cart) {
        List<String> codes = new ArrayList<>();
        cart.path("warnings").forEach(w -> codes.add(w.path("code").asText()));
        return codes;
    }

    static long amount(JsonNode node, String pointer) {
        return node.at(pointer + "/amount").asLong();
    }

    @Test
    void a_german_order_with_two_tax_classes_and_a_percentage_discount_is_priced_to_the_cent_and_ships_free_over_the_threshold() {
        String tshirt = sku("T-shirt", 2999, "standard", 200);
        String book = sku("Book", 2490, "reduced", 500);
        String cartId = api.send("POST", "/carts", null, shopper).json().path("cartId").asText();
        add(cartId, book, 1);

        // The book alone: 24.90 + Standard 4.90; VAT inside: 2490 * 700 / 10700 = 162.90 -> 1.63, 490 * 1900 / 11900 = 78.24 -> 0.78.
        JsonNode alone = send("PUT", "/carts/" + cartId + "/shipping", "{\"country\":\"DE\",\"methodId\":\"standard\"}");
        assertThat(amount(alone, "/shipping/amount")).isEqualTo(490);
        assertThat(amount(alone, "/tax/amount")).isEqualTo(241);
        assertThat(amount(alone, "/total")).isEqualTo(2980);

        // Two T-shirts more: 84.88 >= 50.00, shipping is free now, and the cart says so.
        JsonNode crossed = add(cartId, tshirt, 2);
        assertThat(amount(crossed, "/shipping/amount")).isZero();
        assertThat(warnings(crossed)).contains("SHIPPING_CHANGED");
        JsonNode discounted = send("POST", "/carts/" + cartId + "/discount", "{\"code\":\"WELCOME10\"}");

        // docs/PRICING.md, "Worked example: Germany": 10 % of 84.88 = 8.49, shared 6.00 (T-shirts) and 2.49 (book).
        assertThat(amount(discounted, "/discount")).isEqualTo(849);
        assertThat(amount(discounted, "/shipping/amount")).as("76.39 >= 50.00").isZero();
        assertThat(amount(discounted, "/tax/amount")).isEqualTo(1009);
        assertThat(amount(discounted, "/total")).isEqualTo(7639);

        JsonNode order = checkout(cartId, "DE");

        assertThat(amount(order, "/subtotal")).isEqualTo(8488);
        assertThat(amount(order, "/discount")).isEqualTo(849);
        assertThat(order.at("/shipping/methodId").asText()).isEqualTo("standard");
        assertThat(order.at("/shipping/carrier").asText()).isEqualTo("DHL");
        assertThat(amount(order, "/shipping/amount")).isZero();
        JsonNode tshirts = order.at("/lines/0").path("sku").asText().equals(book) ? order.at("/lines/1") : order.at("/lines/0");
        JsonNode books = order.at("/lines/0").path("sku").asText().equals(book) ? order.at("/lines/0") : order.at("/lines/1");
        assertThat(amount(tshirts, "/discountAllocated")).isEqualTo(600);
        assertThat(amount(books, "/discountAllocated")).isEqualTo(249);
        // 5398 * 1900 / 11900 = 861.87 -> 8.62; 2241 * 700 / 10700 = 146.61 -> 1.47.
        assertThat(amount(tshirts, "/tax")).isEqualTo(862);
        assertThat(amount(books, "/tax")).isEqualTo(147);
        assertThat(order.at("/tax/included").asBoolean()).isTrue();
        assertThat(amount(order, "/tax/amount")).isEqualTo(1009);
        assertThat(order.at("/tax/breakdown/0/taxClass").asText()).isEqualTo("standard");
        assertThat(order.at("/tax/breakdown/0/rate").asInt()).isEqualTo(1900);
        assertThat(amount(order, "/tax/breakdown/0/taxable")).isEqualTo(4536);
        assertThat(amount(order, "/tax/breakdown/0/amount")).isEqualTo(862);
        assertThat(order.at("/tax/breakdown/1/taxClass").asText()).isEqualTo("reduced");
        assertThat(order.at("/tax/breakdown/1/rate").asInt()).isEqualTo(700);
        assertThat(amount(order, "/tax/breakdown/1/taxable")).isEqualTo(2094);
        assertThat(amount(order, "/tax/breakdown/1/amount")).isEqualTo(147);
        assertThat(amount(order, "/total")).isEqualTo(7639);

        // The partner is told how it ships and what it weighs: 2 x 200 g + 500 g.
        JsonNode request = FulfilmentScenarios.awaitRequest(runtime, order.path("orderId").asText(), "fulfilment.requested");
        assertThat(request.at("/data/shipping/methodId").asText()).isEqualTo("standard");
        assertThat(request.at("/data/shipping/carrier").asText()).isEqualTo("DHL");
        assertThat(request.at("/data/weightGrams").asLong()).isEqualTo(900);
    }

    @Test
    void a_us_order_adds_its_tax_on_top_to_the_cent() {
        String mug = sku("Mug", 1299, "standard", 350);
        String coaster = sku("Coaster", 549, "standard", 50);
        String cartId = api.send("POST", "/carts", null, shopper).json().path("cartId").asText();
        add(cartId, mug, 3);
        add(cartId, coaster, 1);
        send("POST", "/carts/" + cartId + "/discount", "{\"code\":\"FIVEOFF\"}");

        JsonNode order = checkout(cartId, "US");

        // 44.46 - 5.00 (shared 4.38 / 0.62 by largest remainder); Standard 14.90, no free-over.
        // Tax 7.25 %: mugs 3459 -> 250.78 -> 2.51, coaster 487 -> 35.31 -> 0.35, shipping 1490 -> 108.03 -> 1.08.
        assertThat(amount(order, "/subtotal")).isEqualTo(4446);
        assertThat(amount(order, "/discount")).isEqualTo(500);
        assertThat(amount(order, "/shipping/amount")).isEqualTo(1490);
        assertThat(order.at("/shipping/carrier").asText()).isEqualTo("UPS");
        assertThat(order.at("/tax/included").asBoolean()).isFalse();
        assertThat(amount(order, "/tax/amount")).isEqualTo(251 + 35 + 108);
        assertThat(amount(order, "/tax/breakdown/0/taxable")).isEqualTo(3459 + 487 + 1490);
        assertThat(amount(order, "/total")).isEqualTo(4446 - 500 + 1490 + 394);
        JsonNode read = api.send("GET", "/orders/" + order.path("orderId").asText(), null, shopper).json();
        assertThat(read.path("tax")).isEqualTo(order.path("tax"));
    }

    @Test
    void shipping_to_a_country_in_no_zone_is_422_and_a_malformed_one_400() {
        String cartId = api.send("POST", "/carts", null, shopper).json().path("cartId").asText();
        add(cartId, sku("Thing", 1000, "standard", 0), 1);

        assertThat(api.send("GET", "/carts/" + cartId + "/shipping-options?country=JP", null, shopper).json().path("code").asText())
                .isEqualTo("SHIPPING_UNAVAILABLE");
        ApiClient.Response malformed = api.send("PUT", "/carts/" + cartId + "/shipping", "{\"country\":\"Germany\"}", shopper);
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().path("code").asText()).isEqualTo("VALIDATION_FAILED");
        JsonNode options = api.send("GET", "/carts/" + cartId + "/shipping-options?country=DE", null, shopper).json();
        assertThat(options.path("items")).extracting(o -> o.path("methodId").asText()).containsExactly("standard", "express");
    }
}
