package dev.storefront.domain.pricing;

import java.math.BigInteger;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Splitting an amount of minor units into parts proportional to weights, so that the parts sum to
 * the amount exactly (largest remainder method, also called Hamilton's).
 */
public final class Allocation {

    private Allocation() {
    }

    /**
     * Each part is first {@code floor(amount * weight / sum of weights)}; the minor units left over go
     * one each to the parts with the largest remainders. Equal remainders: the larger weight first,
     * then the earlier position, so the same input always gives the same parts.
     *
     * <p>With {@code 0 <= amount <= sum of weights} no part exceeds its weight, and a weight of 0
     * gets 0.
     *
     * @throws IllegalArgumentException for a negative weight or amount, or an amount above the sum of
     *                                  the weights
     */
    public static long[] largestRemainder(long amount, long[] weights) {
        long sum = 0;
        for (long weight : weights) {
            if (weight < 0) {
                throw new IllegalArgumentException("negative weight " + weight);
            }
            sum = Math.addExact(sum, weight);
        }
        if (amount < 0 || amount > sum) {
            throw new IllegalArgumentException("cannot allocate " + amount + " over weights summing to " + sum);
        }
        long[] parts = new long[weights.length];
        if (amount == 0) {
            return parts;
        }
        long[] remainders = new long[weights.length];
        long left = amount;
        BigInteger total = BigInteger.valueOf(sum);
        for (int i = 0; i < weights.length; i++) {
            // amount * weight can exceed a long (10^10 * 10^10): exact in BigInteger, both results fit.
            BigInteger[] quotient = BigInteger.valueOf(amount).multiply(BigInteger.valueOf(weights[i])).divideAndRemainder(total);
            parts[i] = quotient[0].longValueExact();
            remainders[i] = quotient[1].longValueExact();
            left -= parts[i];
        }
        int[] order = IntStream.range(0, weights.length).boxed()
                .sorted(Comparator.<Integer>comparingLong(i -> remainders[i]).reversed()
                        .thenComparing(Comparator.<Integer>comparingLong(i -> weights[i]).reversed())
                        .thenComparingInt(i -> i))
                .mapToInt(Integer::intValue).toArray();
        for (int k = 0; k < left; k++) {
            parts[order[k]]++;
        }
        return parts;
    }
}
