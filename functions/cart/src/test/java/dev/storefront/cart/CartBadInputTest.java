package dev.storefront.cart;

import dev.storefront.domain.cart.Cart;

import dev.storefront.testsupport.HttpCall;
import dev.storefront.testsupport.HttpResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.storefront.cart.CatalogFixture.sku;
import static dev.storefront.cart.CatalogFixture.unique;
import static org.assertj.core.api.Assertions.assertThat;

/** Every kind of bad input is a 4xx problem with a stable code, never a 500, and changes no stored cart. */
class CartBadInputTest extends CartHarness {

    static String stocked;
    String cartId;
    Map<String, AttributeValue> before;

    @BeforeAll
    static void start() {
        startFunctions();
        stocked = sku(1000, 10);
    }

    @BeforeEach
    void aCartWithOneLine() {
        cartId = newCart(null);
        added(cartId, stocked, 2);
        before = CatalogFixture.storedCart(cartId);
    }

    void assertUnchanged() {
        assertThat(CatalogFixture.storedCart(cartId)).isEqualTo(before);
    }

    static Stream<Arguments> badLines() {
        return Stream.of(
                Arguments.of("quantity 0", "{\"sku\":\"%s\",\"quantity\":0}", 400, "VALIDATION_FAILED"),
                Arguments.of("negative quantity", "{\"sku\":\"%s\",\"quantity\":-1}", 400, "VALIDATION_FAILED"),
                Arguments.of("fractional quantity", "{\"sku\":\"%s\",\"quantity\":1.5}", 400, "VALIDATION_FAILED"),
                Arguments.of("quantity 2.0", "{\"sku\":\"%s\",\"quantity\":2.0}", 400, "VALIDATION_FAILED"),
                Arguments.of("quantity as a string", "{\"sku\":\"%s\",\"quantity\":\"2\"}", 400, "VALIDATION_FAILED"),
                Arguments.of("quantity null", "{\"sku\":\"%s\",\"quantity\":null}", 400, "VALIDATION_FAILED"),
                Arguments.of("no quantity", "{\"sku\":\"%s\"}", 400, "VALIDATION_FAILED"),
                Arguments.of("quantity above 99", "{\"sku\":\"%s\",\"quantity\":100}", 400, "VALIDATION_FAILED"),
                Arguments.of("huge quantity", "{\"sku\":\"%s\",\"quantity\":99999999999999999999999}", 400, "VALIDATION_FAILED"),
                Arguments.of("quantity 1e2", "{\"sku\":\"%s\",\"quantity\":1e2}", 400, "VALIDATION_FAILED"),
                Arguments.of("a price", "{\"sku\":\"%s\",\"quantity\":1,\"unitPrice\":{\"amount\":1,\"currency\":\"EUR\"}}", 400, "VALIDATION_FAILED"),
                Arguments.of("a total", "{\"sku\":\"%s\",\"quantity\":1,\"total\":0}", 400, "VALIDATION_FAILED"),
                Arguments.of("sku as a number", "{\"sku\":42,\"quantity\":1}", 400, "VALIDATION_FAILED"),
                Arguments.of("malformed", "{\"sku\":\"%s\",", 400, "MALFORMED_JSON"),
                Arguments.of("not an object", "[{\"sku\":\"%s\",\"quantity\":1}]", 400, "MALFORMED_JSON"),
                Arguments.of("duplicate keys", "{\"sku\":\"%s\",\"quantity\":1,\"quantity\":99}", 400, "MALFORMED_JSON"),
                Arguments.of("unknown sku", "{\"sku\":\"NO-SUCH-SKU-0\",\"quantity\":1}", 422, "SKU_UNAVAILABLE"),
                Arguments.of("sku with markup", "{\"sku\":\"<b>x</b>\",\"quantity\":1}", 422, "SKU_UNAVAILABLE"),
                Arguments.of("sku with a key prefix", "{\"sku\":\"customer#alice\",\"quantity\":1}", 422, "SKU_UNAVAILABLE"));
    }

    @ParameterizedTest(name = "POST items: {0}")
    @MethodSource("badLines")
    void bad_lines_are_refused_and_change_nothing(String why, String body, int status, String code) {
        HttpResult result = cart.http(HttpCall.post("/carts/" + cartId + "/items").json(body.formatted(stocked)));

        assertProblem(result, status, code);
        assertUnchanged();
    }

    @Test
    void an_unknown_sku_is_named_in_the_problem_and_markup_is_not_echoed() {
        HttpResult unknown = add(cartId, "NO-SUCH-SKU-1", 1, null);
        HttpResult markup = cart.http(HttpCall.post("/carts/" + cartId + "/items").json("{\"sku\":\"<script>\",\"quantity\":1}"));

        assertThat(unknown.json().path("detail").asText()).contains("NO-SUCH-SKU-1");
        assertThat(unknown.json().path("field").asText()).isEqualTo("sku");
        assertThat(markup.body()).doesNotContain("<script>");
    }

    @Test
    void a_sku_no_longer_in_its_product_cannot_be_added_or_raised() {
        List<String> skus = CatalogFixture.skus(500, 10, 2);
        String productId = CatalogFixture.productIdOf(skus.get(0));
        added(cartId, skus.get(1), 1);
        CatalogFixture.putProduct(productId, "Fewer variants", 500, "EUR", List.of(skus.get(0)));
        before = CatalogFixture.storedCart(cartId);

        assertProblem(add(cartId, skus.get(1), 1, null), 422, "SKU_UNAVAILABLE");
        assertProblem(set(cartId, skus.get(1), 3, null), 422, "SKU_UNAVAILABLE");
        assertUnchanged();
        assertThat(set(cartId, skus.get(1), 0, null).status()).as("but it can be removed").isEqualTo(200);
    }

    @Test
    void a_line_above_99_units_is_422() {
        assertProblem(add(cartId, stocked, 98, null), 422, "CART_LIMIT_EXCEEDED");
        assertUnchanged();
        assertThat(line(added(cartId, stocked, 97), stocked).path("quantity").asInt()).isEqualTo(99);
    }

    @Test
    void a_line_past_the_cart_limit_is_422() {
        List<String> skus = CatalogFixture.skus(10, 10, Cart.MAX_LINES - 1);
        skus.forEach(sku -> added(cartId, sku, 1));
        before = CatalogFixture.storedCart(cartId);

        HttpResult more = add(cartId, sku(10, 10), 1, null);

        assertProblem(more, 422, "CART_LIMIT_EXCEEDED");
        assertUnchanged();
        assertThat(get(cartId, null).json().path("lines")).hasSize(Cart.MAX_LINES);
    }

    @Test
    void a_sku_priced_in_another_currency_is_422() {
        String dollars = CatalogFixture.product(unique("usd"), "Dollar product", 900, "USD", 5, 1).get(0);

        assertProblem(add(cartId, dollars, 1, null), 422, "CURRENCY_MISMATCH");
        assertUnchanged();
    }

    static Stream<String> malformedCartIds() {
        return Stream.of("not-a-cart", "0123456789ABCDEF0123456789ABCDEF", "0123456789abcdef0123456789abcde",
                "0123456789abcdef0123456789abcdef0", "..%2F..%2Fetc", "customer%23alice", "%20", "0123456789abcdef0123456789abcdeg");
    }

    @ParameterizedTest(name = "cart id {0}")
    @MethodSource("malformedCartIds")
    void malformed_and_unknown_cart_ids_are_404_on_every_route(String id) {
        String unknown = "0123456789abcdef0123456789abcdef";
        for (String cartPath : new String[]{"/carts/" + id, "/carts/" + unknown}) {
            assertProblem(cart.http(HttpCall.get(cartPath)), 404, "NOT_FOUND");
            assertProblem(cart.http(HttpCall.post(cartPath + "/items").json("{\"sku\":\"" + stocked + "\",\"quantity\":1}")), 404, "NOT_FOUND");
            assertProblem(cart.http(HttpCall.put(cartPath + "/items/" + stocked).json("{\"quantity\":1}")), 404, "NOT_FOUND");
            assertProblem(cart.http(HttpCall.delete(cartPath + "/items/" + stocked)), 404, "NOT_FOUND");
            assertProblem(cart.http(HttpCall.post(cartPath + "/discount").json("{\"code\":\"X1\"}")), 404, "NOT_FOUND");
            assertProblem(cart.http(HttpCall.post(cartPath + "/merge").as(unique("u"))), 404, "NOT_FOUND");
        }
    }

    @Test
    void a_bad_sku_in_the_path_is_404_and_bad_quantities_are_400() {
        assertProblem(cart.http(HttpCall.put("/carts/" + cartId + "/items/%3Cb%3E").json("{\"quantity\":1}")), 404, "NOT_FOUND");
        assertProblem(cart.http(HttpCall.delete("/carts/" + cartId + "/items/..%2Fx")), 404, "NOT_FOUND");
        for (String body : new String[]{"{\"quantity\":-1}", "{\"quantity\":100}", "{\"quantity\":2.5}", "{\"quantity\":\"1\"}",
                "{}", "{\"quantity\":1,\"sku\":\"OTHER\"}"}) {
            assertProblem(cart.http(HttpCall.put("/carts/" + cartId + "/items/" + stocked).json(body)), 400, "VALIDATION_FAILED");
        }
        assertUnchanged();
    }

    @Test
    void an_oversized_body_is_413_and_a_non_json_body_415() {
        String huge = "{\"sku\":\"" + stocked + "\",\"quantity\":1,\"note\":\"" + "x".repeat(17 * 1024) + "\"}";

        assertProblem(cart.http(HttpCall.post("/carts/" + cartId + "/items").json(huge)), 413, "PAYLOAD_TOO_LARGE");
        assertProblem(cart.http(HttpCall.post("/carts/" + cartId + "/items").json("{\"sku\":\"" + stocked + "\",\"quantity\":1}")
                .header("content-type", "text/plain")), 415, "UNSUPPORTED_MEDIA_TYPE");
        assertUnchanged();
    }

    @Test
    void unknown_malformed_and_expired_discount_codes_are_422_discount_invalid() {
        String expired = "OLD" + unique("X").substring(2).toUpperCase();
        assertThat(putDiscount(expired, "{\"kind\":\"PERCENTAGE\",\"percentOff\":50,\"expiresAt\":\"2020-12-31T23:59:59Z\"}").status()).isEqualTo(201);

        assertProblem(discount(cartId, "NO-SUCH-CODE-" + unique("Z").toUpperCase().substring(2), null), 422, "DISCOUNT_INVALID");
        assertProblem(discount(cartId, expired, null), 422, "DISCOUNT_INVALID");
        assertProblem(discount(cartId, "<script>", null), 422, "DISCOUNT_INVALID");
        assertThat(discount(cartId, "<script>", null).body()).doesNotContain("<script>");
        assertProblem(cart.http(HttpCall.post("/carts/" + cartId + "/discount").json("{\"code\":5}")), 400, "VALIDATION_FAILED");
        assertProblem(cart.http(HttpCall.post("/carts/" + cartId + "/discount").json("{\"code\":\"" + "A".repeat(65) + "\"}")), 400, "VALIDATION_FAILED");
        assertProblem(cart.http(HttpCall.post("/carts/" + cartId + "/discount").json("{\"code\":\"X1\",\"amount\":100}")), 400, "VALIDATION_FAILED");
        assertUnchanged();
    }

    @Test
    void malformed_if_match_is_400() {
        for (String ifMatch : new String[]{"W/\"2\"", "abc", "\"-1\"", "\"\"", "99999999999999999999"}) {
            HttpResult result = cart.http(HttpCall.post("/carts/" + cartId + "/items").header("if-match", ifMatch)
                    .json("{\"sku\":\"" + stocked + "\",\"quantity\":1}"));
            assertProblem(result, 400, "VALIDATION_FAILED");
        }
        assertUnchanged();
    }

    @Test
    void routes_without_input_refuse_fields() {
        assertProblem(cart.http(HttpCall.post("/carts").json("{\"customerId\":\"alice\"}")), 400, "VALIDATION_FAILED");
        assertProblem(cart.http(HttpCall.post("/carts/" + cartId + "/merge").as(unique("u")).json("{\"into\":\"x\"}")), 400, "VALIDATION_FAILED");
        assertUnchanged();
    }

    @Test
    void a_checked_out_cart_reads_but_takes_no_changes() {
        Map<String, AttributeValue> item = new HashMap<>(before);
        item.put("status", AttributeValue.fromS("CHECKED_OUT"));
        CatalogFixture.putStoredCart(item);
        before = CatalogFixture.storedCart(cartId);

        assertThat(get(cartId, null).json().path("status").asText()).isEqualTo("CHECKED_OUT");
        assertProblem(add(cartId, stocked, 1, null), 409, "CART_CLOSED");
        assertProblem(remove(cartId, stocked, null), 409, "CART_CLOSED");
        assertUnchanged();
    }
}
