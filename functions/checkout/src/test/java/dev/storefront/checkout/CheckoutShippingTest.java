package dev.storefront.checkout;

import com.fasterxml.jackson.databind.JsonNode;
import dev.storefront.testsupport.HttpResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checkout charges shipping and tax computed on the server for the shipping address (zones and
 * rates: ShopSettingsFixture; eu Standard 4.90 free over 50.00, Express 9.90; DE 19 % included;
 * US Standard 14.90, 7.25 % on top), stores the breakdown on the order and authorizes its total.
 */
class CheckoutShippingTest {

    static Shop shop;

    @BeforeAll
    static void start() {
        shop = new Shop();
    }

    static void assertProblem(HttpResult result, int status, String code) {
        assertThat(result.status()).as(result.toString()).isEqualTo(status);
        assertThat(result.json().path("code").asText()).as(result.toString()).isEqualTo(code);
    }

    @Test
    void an_old_style_body_on_a_cart_without_a_choice_ships_by_the_zones_default_method() {
        String[] skus = shop.stockedProduct(5, 2000);
        String cartId = shop.cart(null, 1, skus);

        HttpResult placed = shop.checkoutTo(cartId, Shop.address("DE"), null);

        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        JsonNode order = placed.json();
        assertThat(order.at("/shipping/methodId").asText()).isEqualTo("standard");
        assertThat(order.at("/shipping/carrier").asText()).isEqualTo("DHL");
        assertThat(order.at("/shipping/amount/amount").asLong()).isEqualTo(490);
        // VAT inside 20.00: 319.33 -> 3.19; inside 4.90 shipping: 78.24 -> 0.78.
        assertThat(order.at("/tax/included").asBoolean()).isTrue();
        assertThat(order.at("/tax/amount/amount").asLong()).isEqualTo(397);
        assertThat(order.at("/tax/breakdown/0/taxable/amount").asLong()).isEqualTo(2000 - 319 + 490 - 78);
        assertThat(order.at("/lines/0/tax/amount").asLong()).isEqualTo(319);
        assertThat(order.at("/lines/0/discountAllocated/amount").asLong()).isZero();
        assertThat(order.at("/total/amount").asLong()).isEqualTo(2490);
        String orderId = order.path("orderId").asText();
        assertThat(Shop.authorizedAmount("order:" + orderId + ":authorize")).as("the order's total is authorized").isEqualTo(2490);
        JsonNode read = shop.checkout.http(dev.storefront.testsupport.HttpCall.get("/orders/" + orderId)).json();
        assertThat(read.at("/tax/breakdown")).isEqualTo(order.at("/tax/breakdown"));
        assertThat(read.at("/shipping")).isEqualTo(order.at("/shipping"));
    }

    @Test
    void the_address_country_wins_over_the_carts_choice_and_a_named_method_over_the_default() {
        String[] skus = shop.stockedProduct(5, 2000);
        String cartId = shop.cart(null, 1, skus);
        shop.shipCart(cartId, "US", "standard");

        HttpResult placed = shop.checkoutTo(cartId, Shop.address("DE"), "\"shippingMethodId\":\"express\"");

        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        JsonNode order = placed.json();
        assertThat(order.at("/shippingAddress/country").asText()).isEqualTo("DE");
        assertThat(order.at("/shipping/methodId").asText()).isEqualTo("express");
        assertThat(order.at("/tax/included").asBoolean()).as("German VAT, not US sales tax").isTrue();
        assertThat(order.at("/total/amount").asLong()).isEqualTo(2000 + 990);
    }

    @Test
    void a_us_order_adds_its_tax_on_top() {
        String[] skus = shop.stockedProduct(5, 2000);
        String cartId = shop.cart(null, 1, skus);
        shop.shipCart(cartId, "US", "standard");

        HttpResult placed = shop.checkoutTo(cartId, Shop.address("US"), null);

        JsonNode order = placed.json();
        assertThat(order.at("/tax/included").asBoolean()).isFalse();
        // 7.25 % of 20.00 = 1.45, of 14.90 shipping = 1.08 (108.025).
        assertThat(order.at("/tax/amount/amount").asLong()).isEqualTo(253);
        assertThat(order.at("/total/amount").asLong()).isEqualTo(3743);
        assertThat(Shop.authorizedAmount("order:" + order.path("orderId").asText() + ":authorize")).isEqualTo(3743);
    }

    @Test
    void an_address_in_no_zone_or_a_method_the_zone_lacks_is_422_and_reserves_nothing() {
        String[] skus = shop.stockedProduct(5, 2000);
        String cartId = shop.cart(null, 1, skus);

        assertProblem(shop.checkoutTo(cartId, Shop.address("JP"), null), 422, "SHIPPING_UNAVAILABLE");
        assertProblem(shop.checkoutTo(cartId, Shop.address("DE"), "\"shippingMethodId\":\"tracked\""), 422, "SHIPPING_METHOD_INVALID");
        assertProblem(shop.checkoutTo(cartId, Shop.address("XX"), null), 400, "VALIDATION_FAILED");
        assertProblem(shop.checkoutTo(cartId, Shop.address("DE"), "\"shippingMethodId\":7"), 400, "VALIDATION_FAILED");

        assertThat(Shop.stock(skus[0])).isEqualTo(5);
        assertThat(shop.cartOf(cartId, null).path("status").asText()).isEqualTo("OPEN");
        assertThat(shop.checkoutTo(cartId, Shop.address("DE"), null).status()).as("the cart still checks out").isEqualTo(201);
    }
}
