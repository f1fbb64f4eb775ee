package dev.storefront.domain.pricing;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AllocationTest {

    @Test
    void the_cents_left_over_go_to_the_largest_remainders_then_the_larger_weight_then_the_earlier_line() {
        // 100 over three lines of 1.00: 33 r 100 each; all tie, equal weights, the first line gets the cent
        assertThat(Allocation.largestRemainder(100, new long[]{100, 100, 100})).containsExactly(34, 33, 33);
        // 10 over 3 and 3 and 4 (sum 10): exact, nothing left over
        assertThat(Allocation.largestRemainder(10, new long[]{3, 3, 4})).containsExactly(3, 3, 4);
        // 1 over 200 and 300 (sum 500): 0 r 200, 0 r 300: the larger remainder wins
        assertThat(Allocation.largestRemainder(1, new long[]{200, 300})).containsExactly(0, 1);
        // 1 over 250 and 250 and 500 (sum 1000): remainders 250, 250, 500 -> the 500 line
        assertThat(Allocation.largestRemainder(1, new long[]{250, 250, 500})).containsExactly(0, 0, 1);
        // 2 over 1, 2, 1 (sum 4): 0 r 2, 1 r 0, 0 r 2: one cent left, tie of remainders -> equal weights -> earlier
        assertThat(Allocation.largestRemainder(2, new long[]{1, 2, 1})).containsExactly(1, 1, 0);
        assertThat(Allocation.largestRemainder(0, new long[]{0, 0})).containsExactly(0, 0);
    }

    @Test
    void more_than_the_weights_or_a_negative_amount_cannot_be_allocated() {
        assertThatThrownBy(() -> Allocation.largestRemainder(11, new long[]{5, 5})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Allocation.largestRemainder(-1, new long[]{5})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Allocation.largestRemainder(1, new long[]{0})).isInstanceOf(IllegalArgumentException.class);
    }

    @Property
    void parts_sum_to_the_amount_and_never_exceed_their_weight(
            @ForAll @Size(min = 1, max = 12) List<@LongRange(min = 0, max = 10_000_000_000L) Long> weights,
            @ForAll @LongRange(min = 0, max = 1000) long perMille) {
        long[] w = weights.stream().mapToLong(Long::longValue).toArray();
        long sum = Arrays.stream(w).sum();
        long amount = BigInteger.valueOf(sum).multiply(BigInteger.valueOf(perMille)).divide(BigInteger.valueOf(1000)).longValueExact();

        long[] parts = Allocation.largestRemainder(amount, w);

        assertThat(Arrays.stream(parts).sum()).isEqualTo(amount);
        for (int i = 0; i < w.length; i++) {
            assertThat(parts[i]).isBetween(0L, w[i]);
            // the exact proportional share rounded down, or one minor unit more
            long floor = sum == 0 ? 0 : BigInteger.valueOf(amount).multiply(BigInteger.valueOf(w[i])).divide(BigInteger.valueOf(sum)).longValueExact();
            assertThat(parts[i]).isBetween(floor, floor + 1);
        }
    }
}
