package dev.storefront.checkout;

import dev.storefront.testsupport.HttpCall;
import dev.storefront.testsupport.HttpResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad checkouts get a 4xx problem naming what is wrong, and change no stock. */
class CheckoutBadInputTest {

    static Shop shop;
    /** Each test's own product, so one test's orders never show in another's stock. */
    String[] skus;

    @BeforeAll
    static void start() {
        shop = new Shop();
    }

    @BeforeEach
    void stock() {
        skus = shop.stockedProduct(5, 300);
    }

    HttpResult post(String cartId, String body, String customer) {
        HttpCall call = HttpCall.post("/carts/" + cartId + "/checkout").header("Idempotency-Key", UUID.randomUUID().toString()).json(body);
        return shop.checkout.http(customer == null ? call : call.as(customer));
    }

    void assertProblem(HttpResult result, int status, String code, String field) {
        assertThat(result.status()).as(result.toString()).isEqualTo(status);
        assertThat(result.header("content-type")).isEqualTo("application/problem+json");
        assertThat(result.json().path("code").asText()).isEqualTo(code);
        if (field != null) {
            assertThat(result.json().path("field").asText()).isEqualTo(field);
        }
        assertThat(Shop.stock(skus[0])).isEqualTo(5);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"email\":\"not-an-email\",\"shippingAddress\":%s,\"paymentToken\":\"tok_visa\"}|email",
            "{\"shippingAddress\":%s,\"paymentToken\":\"tok_visa\"}|email",
            "{\"email\":\"ada@example.com\",\"shippingAddress\":%s}|paymentToken",
            "{\"email\":\"ada@example.com\",\"paymentToken\":\"tok_visa\"}|shippingAddress",
            "{\"email\":\"ada@example.com\",\"shippingAddress\":%s,\"paymentToken\":\"tok_visa\",\"total\":1}|total",
    })
    void missing_or_invalid_fields_are_400(String spec) {
        String[] parts = spec.split("\\|");
        String cartId = shop.cart(null, 1, skus);

        assertProblem(post(cartId, parts[0].formatted(Shop.ADDRESS), null), 400, "VALIDATION_FAILED", parts[1]);
    }

    @ParameterizedTest
    @ValueSource(strings = {"name", "line1", "city", "postalCode", "country"})
    void an_incomplete_address_is_400_naming_the_part(String part) {
        String address = Shop.ADDRESS.replaceAll(",?\"" + part + "\":\"[^\"]*\"", "").replace("{,", "{");
        String cartId = shop.cart(null, 1, skus);

        HttpResult result = post(cartId, "{\"email\":\"ada@example.com\",\"shippingAddress\":" + address + ",\"paymentToken\":\"tok_visa\"}", null);

        assertProblem(result, 400, "VALIDATION_FAILED", "shippingAddress." + part);
    }

    @Test
    void a_country_that_is_not_iso_3166_is_400() {
        String cartId = shop.cart(null, 1, skus);

        assertProblem(post(cartId, Shop.body("tok_visa").replace("\"GB\"", "\"UK\""), null), 400, "VALIDATION_FAILED", "shippingAddress.country");
    }

    @Test
    void an_empty_cart_is_422_and_a_checked_out_cart_409() {
        String empty = shop.cart(null, 1);
        String cartId = shop.cart(null, 1, skus);
        assertThat(shop.checkout(cartId, null, UUID.randomUUID().toString(), "tok_visa").status()).isEqualTo(201);

        HttpResult emptyCheckout = post(empty, Shop.body("tok_visa"), null);
        assertThat(emptyCheckout.status()).isEqualTo(422);
        assertThat(emptyCheckout.json().path("code").asText()).isEqualTo("CART_EMPTY");
        HttpResult again = post(cartId, Shop.body("tok_visa"), null);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().path("code").asText()).isEqualTo("CART_CLOSED");
        assertThat(Shop.stock(skus[0])).isEqualTo(4);
    }

    @Test
    void another_customers_cart_or_an_unknown_cart_is_404() {
        String cartId = shop.cart("grace", 1, skus);

        assertProblem(post(cartId, Shop.body("tok_visa"), "mallory"), 404, "NOT_FOUND", null);
        assertProblem(post(cartId, Shop.body("tok_visa"), null), 404, "NOT_FOUND", null);
        assertProblem(post("0123456789abcdef0123456789abcdef", Shop.body("tok_visa"), null), 404, "NOT_FOUND", null);
        assertProblem(post("..%2F..%2Fetc", Shop.body("tok_visa"), null), 404, "NOT_FOUND", null);
    }

    @Test
    void an_oversized_body_is_413_and_malformed_json_400() {
        String cartId = shop.cart(null, 1, skus);

        assertProblem(post(cartId, "{\"email\":\"" + "x".repeat(20_000) + "\"}", null), 413, "PAYLOAD_TOO_LARGE", null);
        assertProblem(post(cartId, "{\"email\":", null), 400, "MALFORMED_JSON", null);
    }

    @Test
    void a_bad_idempotency_key_is_400() {
        String cartId = shop.cart(null, 1, skus);

        HttpResult result = shop.checkout.http(HttpCall.post("/carts/" + cartId + "/checkout").header("Idempotency-Key", "short").json(Shop.body("tok_visa")));

        assertProblem(result, 400, "VALIDATION_FAILED", "Idempotency-Key");
    }
}
