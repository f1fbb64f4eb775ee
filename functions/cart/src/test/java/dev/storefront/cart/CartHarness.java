package dev.storefront.cart;

import com.fasterxml.jackson.databind.JsonNode;
import dev.storefront.testsupport.FunctionHarness;
import dev.storefront.testsupport.HttpCall;
import dev.storefront.testsupport.HttpResult;

import static org.assertj.core.api.Assertions.assertThat;

/** The cart function and its admin function under test, with the calls a storefront makes. */
abstract class CartHarness {

    static FunctionHarness cart;
    static FunctionHarness admin;

    static synchronized void startFunctions() {
        if (cart == null) {
            cart = FunctionHarness.start("CartFunction");
            admin = FunctionHarness.start("CartAdminFunction");
        }
    }

    /** A call as a signed-in customer, or anonymous when {@code subject} is null. */
    static HttpCall as(HttpCall call, String subject) {
        return subject == null ? call : call.as(subject);
    }

    static HttpResult create(String subject) {
        return cart.http(as(HttpCall.post("/carts"), subject));
    }

    static String newCart(String subject) {
        HttpResult created = create(subject);
        assertThat(created.status()).as(created.toString()).isIn(200, 201);
        return created.json().path("cartId").asText();
    }

    static HttpResult get(String cartId, String subject) {
        return cart.http(as(HttpCall.get("/carts/" + cartId), subject));
    }

    static HttpResult add(String cartId, String sku, int quantity, String subject) {
        return cart.http(as(HttpCall.post("/carts/" + cartId + "/items"), subject)
                .json("{\"sku\":\"" + sku + "\",\"quantity\":" + quantity + "}"));
    }

    static JsonNode added(String cartId, String sku, int quantity) {
        HttpResult result = add(cartId, sku, quantity, null);
        assertThat(result.status()).as(result.toString()).isEqualTo(200);
        return result.json();
    }

    static HttpResult set(String cartId, String sku, int quantity, String subject) {
        return cart.http(as(HttpCall.put("/carts/" + cartId + "/items/" + sku), subject).json("{\"quantity\":" + quantity + "}"));
    }

    static HttpResult remove(String cartId, String sku, String subject) {
        return cart.http(as(HttpCall.delete("/carts/" + cartId + "/items/" + sku), subject));
    }

    static HttpResult discount(String cartId, String code, String subject) {
        return cart.http(as(HttpCall.post("/carts/" + cartId + "/discount"), subject).json("{\"code\":\"" + code + "\"}"));
    }

    static HttpResult merge(String cartId, String subject) {
        return cart.http(as(HttpCall.post("/carts/" + cartId + "/merge"), subject));
    }

    static HttpResult putDiscount(String code, String json) {
        return admin.http(HttpCall.put("/admin/discounts/" + code).as("ops", "admin").json(json));
    }

    static JsonNode line(JsonNode cart, String sku) {
        for (JsonNode line : cart.path("lines")) {
            if (line.path("sku").asText().equals(sku)) {
                return line;
            }
        }
        throw new AssertionError("no line " + sku + " in " + cart);
    }

    static void assertProblem(HttpResult result, int status, String code) {
        assertThat(result.status()).as(result.toString()).isEqualTo(status);
        assertThat(result.header("content-type")).isEqualTo("application/problem+json");
        assertThat(result.json().path("code").asText()).as(result.toString()).isEqualTo(code);
        assertThat(result.json().path("detail").asText()).isNotBlank();
        assertThat(result.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }
}
