package dev.storefront.domain.cart;

import dev.storefront.domain.Money;
import dev.storefront.domain.Problem;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static dev.storefront.domain.cart.CartTest.NOW;
import static dev.storefront.domain.cart.CartTest.anonymous;
import static dev.storefront.domain.cart.CartTest.offer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PricedCartTest {

    static final Discount TEN_PERCENT = Discount.percentage("WELCOME10", 10, null, null);
    static final Discount FIVE_OFF_FROM_30 = Discount.fixedAmount("FIVEOFF", new Money(500, "EUR"), new Money(3000, "EUR"), null);

    static Map<String, Offer> offers(Offer... offers) {
        Map<String, Offer> map = new HashMap<>();
        for (Offer offer : offers) {
            map.put(offer.sku(), offer);
        }
        return map;
    }

    @Test
    void lines_are_priced_from_the_catalog_now_not_from_what_was_stored() {
        Cart cart = anonymous().add(offer("A", 1000), 2).add(offer("B", 250), 3);

        PricedCart priced = PricedCart.of(cart, offers(offer("A", 1100), offer("B", 250)), null, NOW);

        assertThat(priced.lines().get(0).unitPrice()).isEqualTo(new Money(1100, "EUR"));
        assertThat(priced.lines().get(0).lineTotal()).isEqualTo(new Money(2200, "EUR"));
        assertThat(priced.subtotal()).isEqualTo(2200 + 750);
        assertThat(priced.total()).isEqualTo(priced.subtotal());
        assertThat(priced.lines().get(0).warnings()).singleElement().satisfies(w -> {
            assertThat(w.code()).isEqualTo(CartWarning.Code.PRICE_CHANGED);
            assertThat(w.previousUnitPrice()).isEqualTo(new Money(1000, "EUR"));
        });
        assertThat(priced.lines().get(1).warnings()).isEmpty();
    }

    @Test
    void stock_warnings_name_what_is_available_and_unsold_skus_are_left_out_of_the_subtotal() {
        Cart cart = anonymous().add(offer("A", 1000), 5).add(offer("B", 100), 1).add(offer("C", 100), 1);
        Offer fewA = new Offer("A", "product-a", "Product A", new Money(1000, "EUR"), 2);
        Offer noB = new Offer("B", "product-b", "Product B", new Money(100, "EUR"), 0);

        PricedCart priced = PricedCart.of(cart, offers(fewA, noB), null, NOW);

        assertThat(priced.lines().get(0).warnings()).singleElement().satisfies(w -> {
            assertThat(w.code()).isEqualTo(CartWarning.Code.INSUFFICIENT_STOCK);
            assertThat(w.available()).isEqualTo(2);
        });
        assertThat(priced.lines().get(1).warnings()).extracting(CartWarning::code).containsExactly(CartWarning.Code.OUT_OF_STOCK);
        assertThat(priced.lines().get(2).warnings()).extracting(CartWarning::code).containsExactly(CartWarning.Code.SKU_UNAVAILABLE);
        assertThat(priced.lines().get(2).unitPrice()).isNull();
        assertThat(priced.lines().get(2).name()).as("the name the shopper saw").isEqualTo("Product C");
        assertThat(priced.subtotal()).isEqualTo(5000 + 100);
    }

    @Test
    void a_percentage_rounds_half_up_and_a_fixed_amount_needs_its_minimum() {
        Cart cart = anonymous().add(offer("A", 1005), 1);
        Map<String, Offer> offers = offers(offer("A", 1005));

        PricedCart tenPercent = PricedCart.of(cart.withDiscountCode("WELCOME10"), offers, TEN_PERCENT, NOW);
        PricedCart belowMinimum = PricedCart.of(cart.withDiscountCode("FIVEOFF"), offers, FIVE_OFF_FROM_30, NOW);
        PricedCart aboveMinimum = PricedCart.of(cart.add(offer("A", 1005), 2).withDiscountCode("FIVEOFF"), offers, FIVE_OFF_FROM_30, NOW);

        assertThat(tenPercent.discount()).as("100.5 rounds to 101").isEqualTo(101);
        assertThat(tenPercent.total()).isEqualTo(904);
        assertThat(belowMinimum.discount()).isZero();
        assertThat(belowMinimum.warnings()).extracting(CartWarning::code).containsExactly(CartWarning.Code.DISCOUNT_NOT_APPLICABLE);
        assertThat(belowMinimum.warnings().get(0).detail()).contains("30.00 EUR");
        assertThat(aboveMinimum.discount()).isEqualTo(500);
        assertThat(aboveMinimum.total()).isEqualTo(3015 - 500);
    }

    @Test
    void an_expired_or_withdrawn_code_takes_nothing_off_and_says_why() {
        Cart cart = anonymous().add(offer("A", 5000), 1);
        Discount expired = Discount.percentage("OLD", 50, null, Instant.parse("2020-12-31T23:59:59Z"));

        PricedCart old = PricedCart.of(cart.withDiscountCode("OLD"), offers(offer("A", 5000)), expired, NOW);
        PricedCart gone = PricedCart.of(cart.withDiscountCode("GONE"), offers(offer("A", 5000)), null, NOW);

        assertThat(old.discount()).isZero();
        assertThat(old.warnings().get(0).detail()).contains("expired");
        assertThat(gone.discount()).isZero();
        assertThat(gone.warnings()).extracting(CartWarning::code).containsExactly(CartWarning.Code.DISCOUNT_NOT_APPLICABLE);
    }

    @Test
    void a_fixed_amount_never_takes_the_total_below_zero() {
        Discount big = Discount.fixedAmount("BIG", new Money(10_000, "EUR"), null, null);
        Cart cart = anonymous().add(offer("A", 300), 1).withDiscountCode("BIG");

        PricedCart priced = PricedCart.of(cart, offers(offer("A", 300)), big, NOW);

        assertThat(priced.discount()).isEqualTo(300);
        assertThat(priced.total()).isZero();
    }

    @Test
    void an_empty_cart_has_no_currency_and_zero_totals() {
        PricedCart priced = PricedCart.of(anonymous(), Map.of(), null, NOW);

        assertThat(priced.currency()).isNull();
        assertThat(priced.subtotal()).isZero();
        assertThat(priced.total()).isZero();
    }

    @Test
    void discount_codes_are_checked_when_defined() {
        assertThatThrownBy(() -> Discount.percentage("X", 10, null, null)).isInstanceOf(Problem.class);
        assertThatThrownBy(() -> Discount.percentage("lower", 10, null, null)).isInstanceOf(Problem.class);
        assertThatThrownBy(() -> Discount.percentage("ZERO", 0, null, null)).isInstanceOf(Problem.class);
        assertThatThrownBy(() -> Discount.percentage("MORE", 101, null, null)).isInstanceOf(Problem.class);
        assertThatThrownBy(() -> Discount.fixedAmount("NONE", new Money(0, "EUR"), null, null)).isInstanceOf(Problem.class);
        assertThatThrownBy(() -> Discount.fixedAmount("MIXED", new Money(5, "EUR"), new Money(5, "USD"), null)).isInstanceOf(Problem.class);
        assertThat(Discount.normalize(" welcome10 ")).isEqualTo("WELCOME10");
    }

    @Property
    void total_is_subtotal_minus_discount_and_never_negative(
            @ForAll @LongRange(min = 0, max = 1_000_000) long unit, @ForAll @IntRange(min = 1, max = 99) int quantity,
            @ForAll @IntRange(min = 1, max = 100) int percent, @ForAll @LongRange(min = 1, max = 10_000_000) long fixed) {
        Cart cart = anonymous().add(offer("A", unit), quantity);
        Map<String, Offer> offers = offers(offer("A", unit));

        for (Discount discount : new Discount[]{Discount.percentage("PCT", percent, null, null),
                Discount.fixedAmount("FIXED", new Money(fixed, "EUR"), null, null)}) {
            PricedCart priced = PricedCart.of(cart.withDiscountCode(discount.code()), offers, discount, NOW);
            assertThat(priced.subtotal()).isEqualTo(unit * quantity);
            assertThat(priced.discount()).isBetween(0L, priced.subtotal());
            assertThat(priced.total()).isEqualTo(priced.subtotal() - priced.discount()).isNotNegative();
        }
    }

    @Property
    void percentages_round_half_up_like_big_decimal(@ForAll @LongRange(min = 0, max = 50L * 99 * 10_000_000_000L) long subtotal,
                                                     @ForAll @IntRange(min = 1, max = 100) int percent) {
        long expected = BigDecimal.valueOf(subtotal).multiply(BigDecimal.valueOf(percent))
                .divide(BigDecimal.valueOf(100), 0, RoundingMode.HALF_UP).longValueExact();

        assertThat(Discount.percentOf(subtotal, percent)).isEqualTo(expected);
    }
}
