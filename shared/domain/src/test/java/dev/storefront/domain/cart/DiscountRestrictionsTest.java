package dev.storefront.domain.cart;

import dev.storefront.domain.Money;
import dev.storefront.domain.Problem;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

import static dev.storefront.domain.cart.CartTest.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Personal, segment, category-limited and single-use codes (retention coupons are all but segment). */
class DiscountRestrictionsTest {

    static final Instant DELIVERED = NOW.minusSeconds(3600);
    static final Discount COUPON = RetentionCoupon.issue("BACK-TESTCODE2345", "alice", Set.of("shoes"), DELIVERED);

    static Offer offer(String sku, long amount, String category) {
        return new Offer(sku, "product-" + sku, "Product " + sku, new Money(amount, "EUR"), 100, category);
    }

    static Cart cartOf(String customerId, Offer... offers) {
        Cart cart = Cart.open("c".repeat(32), customerId, NOW).withDiscountCode(COUPON.code());
        for (Offer offer : offers) {
            cart = cart.add(offer, 1);
        }
        return cart;
    }

    static Map<String, Offer> offers(Offer... offers) {
        return PricedCartTest.offers(offers);
    }

    @Test
    void a_retention_coupon_then_it_is_10_percent_personal_single_use_and_valid_30_days() {
        assertThat(COUPON.percentOff()).isEqualTo(10);
        assertThat(COUPON.restrictions().customerId()).isEqualTo("alice");
        assertThat(COUPON.isSingleUse()).isTrue();
        assertThat(COUPON.expiresAt()).isEqualTo(DELIVERED.plus(java.time.Duration.ofDays(30)));
        assertThat(RetentionCoupon.isRetentionCode(RetentionCoupon.newCode())).isTrue();
        assertThat(Discount.isCode(RetentionCoupon.newCode())).isTrue();
        assertThat(RetentionCoupon.newCode()).isNotEqualTo(RetentionCoupon.newCode());
    }

    @Test
    void a_category_limited_code_then_only_lines_of_those_categories_are_reduced() {
        Offer shoes = offer("SHOE", 8000, "shoes");
        Offer socks = offer("SOCK", 1005, "socks");

        PricedCart priced = PricedCart.of(cartOf("alice", shoes, socks), offers(shoes, socks), COUPON, NOW);

        assertThat(priced.subtotal()).isEqualTo(9005);
        assertThat(priced.discount()).as("10% of the shoes' 8000 only").isEqualTo(800);
        assertThat(priced.total()).isEqualTo(8205);
        assertThat(priced.discountRefusal()).isEmpty();
    }

    @Test
    void no_line_of_the_codes_categories_then_nothing_is_off_and_the_cart_says_why() {
        Offer socks = offer("SOCK", 1000, "socks");

        PricedCart priced = PricedCart.of(cartOf("alice", socks), offers(socks), COUPON, NOW);

        assertThat(priced.discount()).isZero();
        assertThat(priced.discountRefusal()).hasValueSatisfying(why -> assertThat(why).contains("shoes"));
    }

    @Test
    void a_fixed_amount_limited_to_a_category_then_it_never_exceeds_those_lines() {
        Discount fiveOff = Discount.fixedAmount("FIVEOFF", new Money(5000, "EUR"), null, null)
                .restrictedTo(new DiscountRestrictions(null, null, Set.of("socks"), false));
        Offer shoes = offer("SHOE", 8000, "shoes");
        Offer socks = offer("SOCK", 1000, "socks");
        Cart cart = Cart.open("c".repeat(32), null, NOW).add(shoes, 1).add(socks, 1).withDiscountCode("FIVEOFF");

        assertThat(PricedCart.of(cart, offers(shoes, socks), fiveOff, NOW).discount()).isEqualTo(1000);
    }

    @Test
    void a_personal_code_then_another_customer_and_an_anonymous_cart_are_refused_exactly_as_for_an_unknown_code() {
        Offer shoes = offer("SHOE", 8000, "shoes");

        assertThat(COUPON.refusal(Shopper.of("alice"), 8000, "EUR", NOW)).isEmpty();
        assertThat(COUPON.refusal(Shopper.of("bob"), 8000, "EUR", NOW)).contains(Discount.unknown(COUPON.code()));
        assertThat(COUPON.refusal(Shopper.ANONYMOUS, 8000, "EUR", NOW)).contains(Discount.unknown(COUPON.code()));
        PricedCart bobs = PricedCart.of(cartOf("bob", shoes), offers(shoes), COUPON, NOW);
        assertThat(bobs.discount()).isZero();
        assertThat(bobs.discountRefusal()).isPresent();
    }

    @Test
    void a_redeemed_or_expired_coupon_then_it_is_refused_even_to_its_owner() {
        assertThat(COUPON.redeemedBy("order-1").refusal(Shopper.of("alice"), 8000, "EUR", NOW))
                .hasValueSatisfying(why -> assertThat(why).contains("already used"));
        assertThat(COUPON.refusal(Shopper.of("alice"), 8000, "EUR", DELIVERED.plus(java.time.Duration.ofDays(30))))
                .hasValueSatisfying(why -> assertThat(why).contains("expired"));
        Discount reusable = Discount.percentage("TEN", 10, null, null).redeemedBy("order-1");
        assertThat(reusable.refusal(Shopper.of("alice"), 8000, "EUR", NOW)).as("only single-use codes are used up").isEmpty();
    }

    @Test
    void a_segment_code_then_only_members_of_the_segment_may_use_it() {
        Discount campus = Discount.percentage("CAMPUS15", 15, null, null)
                .restrictedTo(new DiscountRestrictions(null, "campus", Set.of(), false));

        assertThat(campus.refusal(new Shopper("alice", Set.of("campus", "new")), 1000, "EUR", NOW)).isEmpty();
        assertThat(campus.refusal(new Shopper("bob", Set.of("loyal")), 1000, "EUR", NOW))
                .hasValueSatisfying(why -> assertThat(why).contains("not available for this account").doesNotContain("campus"));
        assertThat(campus.refusal(Shopper.ANONYMOUS, 1000, "EUR", NOW))
                .hasValueSatisfying(why -> assertThat(why).contains("not available for this account").doesNotContain("campus"));
    }

    @Test
    void bad_restrictions_then_they_are_refused_naming_the_field() {
        assertThatThrownBy(() -> new DiscountRestrictions(null, "Not A Segment", Set.of(), false)).isInstanceOf(Problem.class)
                .satisfies(e -> assertThat(((Problem) e).field()).isEqualTo("segment"));
        assertThatThrownBy(() -> new DiscountRestrictions(" ", null, Set.of(), false)).isInstanceOf(Problem.class)
                .satisfies(e -> assertThat(((Problem) e).field()).isEqualTo("customerId"));
        assertThatThrownBy(() -> new DiscountRestrictions(null, null, Set.of(""), false)).isInstanceOf(Problem.class)
                .satisfies(e -> assertThat(((Problem) e).field()).isEqualTo("categories"));
    }
}
