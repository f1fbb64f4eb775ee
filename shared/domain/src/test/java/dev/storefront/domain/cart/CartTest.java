package dev.storefront.domain.cart;

import dev.storefront.domain.Caller;
import dev.storefront.domain.Money;
import dev.storefront.domain.Problem;
import dev.storefront.domain.ProblemCode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CartTest {

    static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    static Offer offer(String sku, long amount) {
        return new Offer(sku, "product-" + sku.toLowerCase(), "Product " + sku, new Money(amount, "EUR"), 10);
    }

    static Cart anonymous() {
        return Cart.open(CartId.random(), null, NOW);
    }

    static ProblemCode codeOf(Runnable change) {
        try {
            change.run();
            return null;
        } catch (Problem p) {
            return p.code();
        }
    }

    @Test
    void adding_a_sku_twice_adds_to_its_line_and_the_first_line_fixes_the_currency() {
        Cart cart = anonymous().add(offer("A", 1000), 2).add(offer("B", 500), 1).add(offer("A", 1000), 3);

        assertThat(cart.lines()).extracting(CartLine::sku, CartLine::quantity).containsExactly(
                org.assertj.core.groups.Tuple.tuple("A", 5), org.assertj.core.groups.Tuple.tuple("B", 1));
        assertThat(cart.currency()).isEqualTo("EUR");
        assertThat(cart.version()).as("changes never bump the version; storing does").isZero();
    }

    @Test
    void quantities_outside_1_to_99_and_a_line_above_99_are_refused() {
        Cart cart = anonymous().add(offer("A", 1000), 98);

        assertThat(codeOf(() -> anonymous().add(offer("A", 1), 0))).isEqualTo(ProblemCode.VALIDATION_FAILED);
        assertThat(codeOf(() -> anonymous().add(offer("A", 1), -1))).isEqualTo(ProblemCode.VALIDATION_FAILED);
        assertThat(codeOf(() -> anonymous().add(offer("A", 1), 100))).isEqualTo(ProblemCode.VALIDATION_FAILED);
        assertThat(codeOf(() -> cart.add(offer("A", 1000), 2))).isEqualTo(ProblemCode.CART_LIMIT_EXCEEDED);
        assertThat(cart.add(offer("A", 1000), 1).line("A").quantity()).isEqualTo(99);
    }

    @Test
    void a_cart_holds_at_most_50_skus() {
        Cart cart = anonymous();
        for (int i = 0; i < Cart.MAX_LINES; i++) {
            cart = cart.add(offer("SKU-" + i, 100), 1);
        }
        Cart full = cart;

        assertThat(codeOf(() -> full.add(offer("ONE-MORE", 100), 1))).isEqualTo(ProblemCode.CART_LIMIT_EXCEEDED);
        assertThat(full.add(offer("SKU-3", 100), 1).lines()).hasSize(Cart.MAX_LINES);
    }

    @Test
    void a_sku_in_another_currency_is_refused() {
        Cart cart = anonymous().add(offer("A", 1000), 1);
        Offer dollars = new Offer("B", "b", "B", new Money(100, "USD"), 5);

        assertThat(codeOf(() -> cart.add(dollars, 1))).isEqualTo(ProblemCode.CURRENCY_MISMATCH);
        assertThat(cart.remove("A").add(dollars, 1).currency()).isEqualTo("USD");
    }

    @Test
    void set_quantity_sets_adds_or_removes_and_zero_needs_no_offer() {
        Cart cart = anonymous().add(offer("A", 1000), 2);

        assertThat(cart.setQuantity("A", 7, offer("A", 1000)).line("A").quantity()).isEqualTo(7);
        assertThat(cart.setQuantity("B", 1, offer("B", 10)).lines()).hasSize(2);
        assertThat(cart.setQuantity("A", 0, null).lines()).isEmpty();
        assertThat(cart.setQuantity("A", 0, null).currency()).isNull();
        assertThat(codeOf(() -> cart.setQuantity("A", 3, null))).isEqualTo(ProblemCode.SKU_UNAVAILABLE);
        assertThat(codeOf(() -> cart.setQuantity("A", 100, offer("A", 1)))).isEqualTo(ProblemCode.VALIDATION_FAILED);
        assertThat(cart.remove("NOT-THERE")).isSameAs(cart);
    }

    @Test
    void a_line_remembers_the_price_the_shopper_saw_when_they_last_set_it() {
        Cart cart = anonymous().add(offer("A", 1000), 1).add(offer("A", 1200), 1);

        assertThat(cart.line("A").seenUnitPrice().amount()).isEqualTo(1200);
    }

    @Test
    void customer_carts_are_visible_to_their_owner_only_and_anonymous_carts_to_whoever_holds_the_id() {
        Cart mine = Cart.open(CartId.random(), "alice", NOW);
        Cart anyone = anonymous();
        Caller alice = new Caller("alice", Set.of());
        Caller bob = new Caller("bob", Set.of());

        assertThat(mine.isReadableBy(alice, NOW)).isTrue();
        assertThat(mine.isReadableBy(bob, NOW)).isFalse();
        assertThat(mine.isReadableBy(Caller.ANONYMOUS, NOW)).isFalse();
        assertThat(anyone.isReadableBy(Caller.ANONYMOUS, NOW)).isTrue();
        assertThat(anyone.isReadableBy(bob, NOW)).isTrue();
        assertThat(anyone.mergedInto(mine.cartId()).isReadableBy(Caller.ANONYMOUS, NOW)).isFalse();
    }

    @Test
    void anonymous_carts_expire_after_7_idle_days_and_customer_carts_after_30_and_a_change_restarts_the_clock() {
        Cart anonymous = anonymous();
        Cart customer = Cart.open(CartId.random(), "alice", NOW);
        Instant sixDaysLater = NOW.plus(Duration.ofDays(6));

        assertThat(anonymous.isExpired(NOW.plus(Duration.ofDays(7)).minusSeconds(1))).isFalse();
        assertThat(anonymous.isExpired(NOW.plus(Duration.ofDays(7)))).isTrue();
        assertThat(anonymous.touched(sixDaysLater).isExpired(NOW.plus(Duration.ofDays(12)))).isFalse();
        assertThat(customer.isExpired(NOW.plus(Duration.ofDays(29)))).isFalse();
        assertThat(customer.isExpired(NOW.plus(Duration.ofDays(30)))).isTrue();
    }

    @Test
    void only_open_carts_take_changes() {
        Cart merged = anonymous().mergedInto(CartId.random());

        assertThat(codeOf(merged::requireOpen)).isEqualTo(ProblemCode.CART_CLOSED);
    }

    @Test
    void merging_sums_quantities_up_to_the_limit_appends_new_skus_and_keeps_the_customers_code() {
        Cart customer = Cart.open(CartId.random(), "alice", NOW).add(offer("A", 1000), 60).withDiscountCode("MINE");
        Cart anonymous = anonymous().add(offer("A", 1000), 50).add(offer("B", 10), 2).withDiscountCode("THEIRS");

        Cart merged = customer.mergedWith(anonymous);

        assertThat(merged.line("A").quantity()).isEqualTo(99);
        assertThat(merged.line("B").quantity()).isEqualTo(2);
        assertThat(merged.discountCode()).isEqualTo("MINE");
        assertThat(Cart.open(CartId.random(), "bob", NOW).mergedWith(anonymous).discountCode()).isEqualTo("THEIRS");
        assertThat(Cart.open(CartId.random(), "bob", NOW).mergedWith(anonymous).currency()).isEqualTo("EUR");
    }

    @Test
    void merging_carts_in_two_currencies_is_refused() {
        Cart customer = Cart.open(CartId.random(), "alice", NOW).add(offer("A", 1000), 1);
        Cart dollars = anonymous().add(new Offer("B", "b", "B", new Money(100, "USD"), 5), 1);

        assertThat(codeOf(() -> customer.mergedWith(dollars))).isEqualTo(ProblemCode.CURRENCY_MISMATCH);
    }

    @Property
    void merged_carts_never_break_the_limits(@ForAll @Size(max = 60) List<@IntRange(min = 1, max = 99) Integer> mine,
                                             @ForAll @Size(max = 60) List<@IntRange(min = 1, max = 99) Integer> theirs) {
        Cart customer = fill(Cart.open(CartId.random(), "alice", NOW), mine, "M");
        Cart anonymous = fill(anonymous(), theirs, "T");

        Cart merged = customer.mergedWith(anonymous);

        assertThat(merged.lines()).hasSizeLessThanOrEqualTo(Cart.MAX_LINES);
        assertThat(merged.lines()).allSatisfy(l -> assertThat(l.quantity()).isBetween(1, Cart.MAX_QUANTITY_PER_LINE));
        assertThat(merged.lines().stream().map(CartLine::sku).distinct().count()).isEqualTo(merged.lines().size());
        customer.lines().forEach(l -> assertThat(merged.line(l.sku()).quantity()).isGreaterThanOrEqualTo(l.quantity()));
    }

    /** Lines with SKUs shared between the two carts (even indexes) and their own (odd). */
    private static Cart fill(Cart cart, List<Integer> quantities, String own) {
        for (int i = 0; i < quantities.size() && cart.lines().size() < Cart.MAX_LINES; i++) {
            String sku = i % 2 == 0 ? "S-" + i : own + "-" + i;
            cart = cart.add(offer(sku, 100), quantities.get(i));
        }
        return cart;
    }

    @Test
    void cart_ids_are_128_random_bits_in_hex_and_anything_else_is_not_an_id() {
        String id = CartId.random();

        assertThat(id).hasSize(32).matches("[0-9a-f]{32}");
        assertThat(CartId.isValid(id)).isTrue();
        assertThat(CartId.random()).isNotEqualTo(id);
        for (String bad : new String[]{null, "", id.toUpperCase(), id + "0", "../" + id.substring(3), "customer#alice"}) {
            assertThat(CartId.isValid(bad)).as(String.valueOf(bad)).isFalse();
        }
    }
}
