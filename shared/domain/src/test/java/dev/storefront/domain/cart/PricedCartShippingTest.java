package dev.storefront.domain.cart;

import dev.storefront.domain.Problem;
import dev.storefront.domain.ProblemCode;
import dev.storefront.domain.pricing.Destination;
import dev.storefront.domain.pricing.ShippingMethod;
import dev.storefront.domain.pricing.ShippingRate;
import dev.storefront.domain.pricing.ShippingZone;
import dev.storefront.domain.pricing.TaxRates;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.storefront.domain.cart.CartTest.NOW;
import static dev.storefront.domain.cart.CartTest.anonymous;
import static dev.storefront.domain.cart.CartTest.offer;
import static dev.storefront.domain.cart.PricedCartTest.offers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A cart priced for a destination: strictly for checkout, leniently for reads, and what a line change did to shipping. */
class PricedCartShippingTest {

    static final ShippingZone EU = new ShippingZone("eu", "EU", List.of("DE"), List.of(
            new ShippingMethod("standard", "Standard", "DHL", new ShippingMethod.DeliveryDays(2, 4), ShippingRate.flat("EUR", 490, 5000L))));
    static final Destination DE = new Destination("DE", EU, TaxRates.included("DE", 1900, 700));
    static final Destination JP = new Destination("JP", null, null);

    static PricedCart priced(Cart cart) {
        return PricedCart.of(cart.withShipping(new ShippingChoice("DE", "standard")), offers(offer("A", 2000)), null, NOW);
    }

    @Test
    void crossing_the_free_over_threshold_either_way_is_said_and_staying_on_one_side_is_not() {
        Cart one = anonymous().add(offer("A", 2000), 1);
        Cart three = one.add(offer("A", 2000), 2);

        PricedCart free = priced(three).quotedFor(DE).shippingChangedFrom(priced(one).quotedFor(DE));
        PricedCart charged = priced(one).quotedFor(DE).shippingChangedFrom(priced(three).quotedFor(DE));
        PricedCart same = priced(one).quotedFor(DE).shippingChangedFrom(priced(one).quotedFor(DE));

        assertThat(free.breakdown().shipping().amount()).isZero();
        assertThat(free.warnings()).extracting(CartWarning::code).containsExactly(CartWarning.Code.SHIPPING_CHANGED);
        assertThat(free.warnings().get(0).detail()).contains("free").contains("50.00 EUR");
        assertThat(charged.breakdown().shipping().amount()).isEqualTo(490);
        assertThat(charged.total()).isEqualTo(2490);
        assertThat(charged.warnings()).extracting(CartWarning::code).containsExactly(CartWarning.Code.SHIPPING_CHANGED);
        assertThat(same.warnings()).isEmpty();
    }

    @Test
    void a_read_for_a_country_no_zone_serves_shows_the_tax_without_shipping_and_says_so_while_checkout_refuses() {
        PricedCart cart = priced(anonymous().add(offer("A", 2000), 1));

        PricedCart read = cart.quotedFor(JP);

        assertThat(read.warnings()).extracting(CartWarning::code).containsExactly(CartWarning.Code.SHIPPING_UNAVAILABLE);
        assertThat(read.breakdown().shipping()).isNull();
        assertThat(read.total()).isEqualTo(2000);
        assertThatThrownBy(() -> cart.shippedTo(JP, null)).isInstanceOfSatisfying(Problem.class,
                p -> assertThat(p.code()).isEqualTo(ProblemCode.SHIPPING_UNAVAILABLE));
        assertThatThrownBy(() -> cart.shippedTo(DE, "express")).isInstanceOfSatisfying(Problem.class,
                p -> assertThat(p.code()).isEqualTo(ProblemCode.SHIPPING_METHOD_INVALID));
    }

    @Test
    void an_empty_cart_has_nothing_to_price_but_its_zone_and_method_are_still_checked() {
        PricedCart empty = priced(anonymous());

        assertThat(empty.quotedFor(DE).breakdown()).isNull();
        assertThat(empty.quotedFor(JP).warnings()).extracting(CartWarning::code).containsExactly(CartWarning.Code.SHIPPING_UNAVAILABLE);
        assertThat(empty.shippingOptions(DE)).extracting(o -> o.amount()).containsExactly(490L);
        assertThatThrownBy(() -> empty.shippedTo(DE, "express")).isInstanceOf(Problem.class);
    }
}
