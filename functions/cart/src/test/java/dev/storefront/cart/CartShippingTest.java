package dev.storefront.cart;

import com.fasterxml.jackson.databind.JsonNode;
import dev.storefront.domain.pricing.ShippingMethod;
import dev.storefront.domain.pricing.ShippingRate;
import dev.storefront.domain.pricing.ShippingZone;
import dev.storefront.testsupport.HttpCall;
import dev.storefront.testsupport.HttpResult;
import dev.storefront.testsupport.ShopSettingsFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.storefront.cart.CatalogFixture.sku;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Shipping and tax on a cart: the options for a country, the shopper's choice, and every answer
 * priced for it at read time (zones and rates: {@link ShopSettingsFixture}; DE includes 19 %, US
 * adds 7.25 %; eu Standard 4.90 free over 50.00).
 */
class CartShippingTest extends CartHarness {

    @BeforeAll
    static void start() {
        startFunctions();
        ShopSettingsFixture.seed();
    }

    static HttpResult options(String cartId, String country) {
        return cart.http(HttpCall.get("/carts/" + cartId + "/shipping-options" + (country == null ? "" : "?country=" + country)));
    }

    static HttpResult ship(String cartId, String body) {
        return cart.http(HttpCall.put("/carts/" + cartId + "/shipping").json(body));
    }

    static List<String> warningCodes(JsonNode cart) {
        List<String> codes = new ArrayList<>();
        cart.path("warnings").forEach(w -> codes.add(w.path("code").asText()));
        return codes;
    }

    @Test
    void a_cart_lists_the_methods_of_its_countrys_zone_with_their_charge_for_it() {
        String cartId = newCart(null);
        added(cartId, sku(2000, 10), 1);

        HttpResult de = options(cartId, "DE");

        assertThat(de.status()).as(de.toString()).isEqualTo(200);
        assertThat(de.json().at("/items/0/methodId").asText()).isEqualTo("standard");
        assertThat(de.json().at("/items/0/amount/amount").asLong()).isEqualTo(490);
        assertThat(de.json().at("/items/0/amount/currency").asText()).isEqualTo("EUR");
        assertThat(de.json().at("/items/0/carrier").asText()).isEqualTo("DHL");
        assertThat(de.json().at("/items/1/methodId").asText()).isEqualTo("express");
        assertThat(de.json().at("/items/1/deliveryDays/max").asInt()).isEqualTo(2);
        assertThat(options(cartId, "US").json().at("/items/0/amount/amount").asLong()).isEqualTo(1490);
    }

    @Test
    void a_country_in_no_zone_is_422_and_a_malformed_one_400() {
        String cartId = newCart(null);
        added(cartId, sku(2000, 10), 1);

        assertProblem(options(cartId, "JP"), 422, "SHIPPING_UNAVAILABLE");
        assertProblem(ship(cartId, "{\"country\":\"JP\",\"methodId\":\"standard\"}"), 422, "SHIPPING_UNAVAILABLE");
        assertProblem(options(cartId, "de"), 400, "VALIDATION_FAILED");
        assertProblem(options(cartId, null), 400, "VALIDATION_FAILED");
        assertProblem(ship(cartId, "{\"country\":\"DEU\",\"methodId\":\"standard\"}"), 400, "VALIDATION_FAILED");
        assertProblem(ship(cartId, "{\"country\":\"DE\",\"methodId\":\"standard\",\"amount\":0}"), 400, "VALIDATION_FAILED");
        assertProblem(ship(cartId, "{\"country\":\"DE\",\"methodId\":\"tracked\"}"), 422, "SHIPPING_METHOD_INVALID");
        assertThat(get(cartId, null).json().path("shipping").isNull()).as("nothing was chosen").isTrue();
    }

    @Test
    void a_cart_shipping_to_germany_shows_shipping_and_the_included_vat_in_its_total() {
        String cartId = newCart(null);
        added(cartId, sku(2000, 10), 1);
        assertThat(get(cartId, null).json().path("tax").isNull()).as("no country, no tax yet").isTrue();

        HttpResult shipped = ship(cartId, "{\"country\":\"DE\",\"methodId\":\"standard\"}");

        assertThat(shipped.status()).as(shipped.toString()).isEqualTo(200);
        JsonNode cart = shipped.json();
        assertThat(cart.at("/shipping/country").asText()).isEqualTo("DE");
        assertThat(cart.at("/shipping/methodId").asText()).isEqualTo("standard");
        assertThat(cart.at("/shipping/name").asText()).isEqualTo("Standard");
        assertThat(cart.at("/shipping/amount/amount").asLong()).isEqualTo(490);
        // 20.00 holds 3.19 VAT (2000 * 1900 / 11900 = 319.33), the 4.90 shipping 0.78 (78.24).
        assertThat(cart.at("/tax/included").asBoolean()).isTrue();
        assertThat(cart.at("/tax/amount/amount").asLong()).isEqualTo(397);
        assertThat(cart.at("/tax/breakdown/0/taxClass").asText()).isEqualTo("standard");
        assertThat(cart.at("/tax/breakdown/0/rate").asInt()).isEqualTo(1900);
        assertThat(cart.at("/total/amount").asLong()).isEqualTo(2490);
        assertThat(get(cartId, null).json().at("/total/amount").asLong()).as("every read").isEqualTo(2490);
    }

    @Test
    void tax_is_added_on_top_for_the_united_states() {
        String cartId = newCart(null);
        added(cartId, sku(2000, 10), 1);

        JsonNode cart = ship(cartId, "{\"country\":\"US\"}").json();

        // No method named: the zone's default. 7.25 % of 20.00 = 1.45, of 14.90 = 1.08 (108.025).
        assertThat(cart.at("/shipping/methodId").asText()).isEqualTo("standard");
        assertThat(cart.at("/tax/included").asBoolean()).isFalse();
        assertThat(cart.at("/tax/amount/amount").asLong()).isEqualTo(253);
        assertThat(cart.at("/total/amount").asLong()).isEqualTo(2000 + 1490 + 253);
    }

    @Test
    void changing_lines_across_the_free_over_threshold_changes_the_shipping_charge_and_the_cart_says_so() {
        String cartId = newCart(null);
        String sku = sku(2000, 10);
        added(cartId, sku, 1);
        ship(cartId, "{\"country\":\"DE\",\"methodId\":\"standard\"}");

        JsonNode free = added(cartId, sku, 2);
        JsonNode charged = set(cartId, sku, 2, null).json();
        JsonNode same = set(cartId, sku, 1, null).json();

        assertThat(free.at("/shipping/amount/amount").asLong()).as("60.00 >= 50.00").isZero();
        assertThat(free.at("/total/amount").asLong()).isEqualTo(6000);
        assertThat(warningCodes(free)).contains("SHIPPING_CHANGED");
        assertThat(charged.at("/shipping/amount/amount").asLong()).as("40.00 < 50.00").isEqualTo(490);
        assertThat(charged.at("/total/amount").asLong()).isEqualTo(4490);
        assertThat(warningCodes(charged)).contains("SHIPPING_CHANGED");
        assertThat(warningCodes(same)).as("4.90 before and after").doesNotContain("SHIPPING_CHANGED");
        assertThat(warningCodes(get(cartId, null).json())).as("a read changes nothing").doesNotContain("SHIPPING_CHANGED");
    }

    @Test
    void a_zone_replaced_by_an_admin_prices_carts_from_the_next_read_and_a_country_it_drops_is_no_longer_served() {
        String cartId = newCart(null);
        added(cartId, sku(2000, 10), 1);
        ShopSettingsFixture.save(zone("nordic", List.of("IS", "FO"), 1500));
        assertThat(options(cartId, "IS").json().at("/items/0/amount/amount").asLong()).isEqualTo(1500);

        // The claims of kept countries carry the zone's copy: replacing the zone rewrites them.
        ShopSettingsFixture.save(zone("nordic", List.of("IS"), 1700));

        assertThat(options(cartId, "IS").json().at("/items/0/amount/amount").asLong()).isEqualTo(1700);
        assertProblem(options(cartId, "FO"), 422, "SHIPPING_UNAVAILABLE");
    }

    static ShippingZone zone(String zoneId, List<String> countries, long amount) {
        return new ShippingZone(zoneId, "Nordic", countries, List.of(new ShippingMethod("post", "Post", "Posturinn",
                new ShippingMethod.DeliveryDays(3, 6), ShippingRate.flat("EUR", amount, null))));
    }

    @Test
    void express_can_be_chosen_and_is_never_free() {
        String cartId = newCart(null);
        added(cartId, sku(3000, 10), 2);

        JsonNode cart = ship(cartId, "{\"country\":\"FR\",\"methodId\":\"express\"}").json();

        assertThat(cart.at("/shipping/amount/amount").asLong()).isEqualTo(990);
        assertThat(cart.at("/total/amount").asLong()).isEqualTo(6990);
        assertThat(cart.at("/tax/breakdown/0/rate").asInt()).isEqualTo(2000);
    }
}
