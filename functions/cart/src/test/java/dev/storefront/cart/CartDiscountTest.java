package dev.storefront.cart;

import com.fasterxml.jackson.databind.JsonNode;
import dev.storefront.testsupport.HttpCall;
import dev.storefront.testsupport.HttpResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.storefront.cart.CatalogFixture.sku;
import static dev.storefront.cart.CatalogFixture.unique;
import static org.assertj.core.api.Assertions.assertThat;

/** Discount codes: defined by admins, applied by shoppers, computed on the server at read time. */
class CartDiscountTest extends CartHarness {

    @BeforeAll
    static void start() {
        startFunctions();
    }

    static String code(String prefix) {
        return prefix + unique("").substring(1).toUpperCase();
    }

    @Test
    void an_admin_defines_codes_and_replacing_one_is_200() {
        String code = code("TEN");

        HttpResult created = putDiscount(code, "{\"kind\":\"PERCENTAGE\",\"percentOff\":10}");
        HttpResult replaced = putDiscount(code, "{\"kind\":\"FIXED_AMOUNT\",\"amountOff\":{\"amount\":500,\"currency\":\"EUR\"},"
                + "\"minimumSubtotal\":{\"amount\":3000,\"currency\":\"EUR\"},\"expiresAt\":\"2099-01-01T00:00:00Z\"}");

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().path("percentOff").asInt()).isEqualTo(10);
        assertThat(replaced.status()).isEqualTo(200);
        assertThat(replaced.json().at("/amountOff/amount").asLong()).isEqualTo(500);
        assertThat(replaced.json().at("/minimumSubtotal/amount").asLong()).isEqualTo(3000);
        assertThat(replaced.json().path("expiresAt").asText()).isEqualTo("2099-01-01T00:00:00Z");
    }

    @Test
    void only_admins_define_codes() {
        String code = code("NOPE");

        assertThat(admin.http(HttpCall.put("/admin/discounts/" + code).json("{\"kind\":\"PERCENTAGE\",\"percentOff\":90}")).status())
                .as("the authorizer's 401").isEqualTo(401);
        assertProblem(admin.http(HttpCall.put("/admin/discounts/" + code).as("mallory").json("{\"kind\":\"PERCENTAGE\",\"percentOff\":90}")), 403, "FORBIDDEN");
        assertProblem(discount(newCart(null), code, null), 422, "DISCOUNT_INVALID");
    }

    @ParameterizedTest(name = "bad code definition {0}")
    @ValueSource(strings = {
            "{\"kind\":\"PERCENTAGE\",\"percentOff\":0}",
            "{\"kind\":\"PERCENTAGE\",\"percentOff\":101}",
            "{\"kind\":\"PERCENTAGE\",\"percentOff\":12.5}",
            "{\"kind\":\"PERCENTAGE\",\"percentOff\":10,\"amountOff\":{\"amount\":1,\"currency\":\"EUR\"}}",
            "{\"kind\":\"FIXED_AMOUNT\",\"amountOff\":{\"amount\":0,\"currency\":\"EUR\"}}",
            "{\"kind\":\"FIXED_AMOUNT\",\"amountOff\":{\"amount\":100,\"currency\":\"XXX1\"}}",
            "{\"kind\":\"FIXED_AMOUNT\",\"amountOff\":{\"amount\":100,\"currency\":\"EUR\"},\"minimumSubtotal\":{\"amount\":1,\"currency\":\"USD\"}}",
            "{\"kind\":\"FIXED_AMOUNT\",\"amountOff\":{\"amount\":100,\"currency\":\"EUR\"},\"percentOff\":5}",
            "{\"kind\":\"BOGOF\"}",
            "{\"kind\":\"PERCENTAGE\",\"percentOff\":10,\"expiresAt\":\"tomorrow\"}",
            "{\"kind\":\"PERCENTAGE\",\"percentOff\":10,\"active\":true}"})
    void bad_definitions_are_400(String body) {
        assertProblem(putDiscount(code("BAD"), body), 400, "VALIDATION_FAILED");
    }

    @Test
    void a_lower_case_code_in_the_path_is_400() {
        assertProblem(putDiscount("welcome", "{\"kind\":\"PERCENTAGE\",\"percentOff\":10}"), 400, "VALIDATION_FAILED");
    }

    @Test
    void a_percentage_rounds_half_up_and_codes_are_case_insensitive() {
        String code = code("TEN");
        putDiscount(code, "{\"kind\":\"PERCENTAGE\",\"percentOff\":10}");
        String cartId = newCart(null);
        added(cartId, sku(1005, 10), 1);

        HttpResult applied = discount(cartId, code.toLowerCase(), null);

        assertThat(applied.status()).as(applied.toString()).isEqualTo(200);
        JsonNode cart = applied.json();
        assertThat(cart.path("discountCode").asText()).isEqualTo(code);
        assertThat(cart.at("/subtotal/amount").asLong()).isEqualTo(1005);
        assertThat(cart.at("/discount/amount").asLong()).as("100.5 rounds half up").isEqualTo(101);
        assertThat(cart.at("/total/amount").asLong()).isEqualTo(904);
        assertThat(cart.at("/total/currency").asText()).isEqualTo("EUR");
    }

    @Test
    void a_fixed_amount_needs_its_minimum_subtotal_when_applied_and_stops_applying_below_it() {
        String code = code("FIVE");
        putDiscount(code, "{\"kind\":\"FIXED_AMOUNT\",\"amountOff\":{\"amount\":500,\"currency\":\"EUR\"},"
                + "\"minimumSubtotal\":{\"amount\":3000,\"currency\":\"EUR\"}}");
        String cartId = newCart(null);
        String a = sku(1000, 10);
        added(cartId, a, 2);

        HttpResult tooSmall = discount(cartId, code, null);
        added(cartId, a, 1);
        HttpResult applied = discount(cartId, code, null);
        HttpResult shrunk = set(cartId, a, 2, null);

        assertProblem(tooSmall, 422, "DISCOUNT_INVALID");
        assertThat(tooSmall.json().path("detail").asText()).contains("30.00 EUR");
        assertThat(applied.json().at("/discount/amount").asLong()).isEqualTo(500);
        assertThat(applied.json().at("/total/amount").asLong()).isEqualTo(2500);
        assertThat(shrunk.json().at("/discount/amount").asLong()).isZero();
        assertThat(shrunk.json().at("/total/amount").asLong()).isEqualTo(2000);
        assertThat(shrunk.json().path("discountCode").asText()).as("kept: it applies again above the minimum").isEqualTo(code);
        assertThat(shrunk.json().path("warnings")).extracting(w -> w.path("code").asText()).containsExactly("DISCOUNT_NOT_APPLICABLE");
    }

    @Test
    void a_fixed_amount_never_makes_the_total_negative_and_a_code_can_be_removed() {
        String code = code("BIG");
        putDiscount(code, "{\"kind\":\"FIXED_AMOUNT\",\"amountOff\":{\"amount\":100000,\"currency\":\"EUR\"}}");
        String cartId = newCart(null);
        added(cartId, sku(250, 10), 1);

        JsonNode applied = discount(cartId, code, null).json();
        HttpResult removed = cart.http(HttpCall.delete("/carts/" + cartId + "/discount"));

        assertThat(applied.at("/discount/amount").asLong()).isEqualTo(250);
        assertThat(applied.at("/total/amount").asLong()).isZero();
        assertThat(removed.status()).isEqualTo(200);
        assertThat(removed.json().path("discountCode").isNull()).isTrue();
        assertThat(removed.json().at("/total/amount").asLong()).isEqualTo(250);
    }

    @Test
    void a_code_that_expires_after_it_was_applied_stops_applying() {
        String code = code("SOON");
        putDiscount(code, "{\"kind\":\"PERCENTAGE\",\"percentOff\":20,\"expiresAt\":\"" + java.time.Instant.now().plusSeconds(3600) + "\"}");
        String cartId = newCart(null);
        added(cartId, sku(1000, 10), 1);
        discount(cartId, code, null);
        try {
            MovableClock.INSTANCE.advance(java.time.Duration.ofHours(2));
            JsonNode later = get(cartId, null).json();

            assertThat(later.at("/discount/amount").asLong()).isZero();
            assertThat(later.path("warnings").get(0).path("detail").asText()).contains("expired");
        } finally {
            MovableClock.INSTANCE.reset();
        }
    }
}
