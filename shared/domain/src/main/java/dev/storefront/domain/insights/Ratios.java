package dev.storefront.domain.insights;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** How every KPI divides: rates as decimals with 4 places, money as whole minor units, both rounded half up. */
public final class Ratios {

    public static final int RATE_SCALE = 4;

    private Ratios() {
    }

    /** numerator / denominator to 4 places, or null when the denominator is 0 (no rate, not a 0 % rate). */
    public static BigDecimal rate(long numerator, long denominator) {
        if (denominator == 0) {
            return null;
        }
        return BigDecimal.valueOf(numerator).divide(BigDecimal.valueOf(denominator), RATE_SCALE, RoundingMode.HALF_UP);
    }

    /** 1 - numerator / denominator, floored at 0, or null when the denominator is 0. */
    public static BigDecimal complement(long numerator, long denominator) {
        if (denominator == 0) {
            return null;
        }
        BigDecimal rate = rate(Math.min(numerator, denominator), denominator);
        return BigDecimal.ONE.subtract(rate).setScale(RATE_SCALE, RoundingMode.UNNECESSARY);
    }

    /** An average amount in whole minor units, rounded half up. */
    public static long average(long total, long count) {
        return BigDecimal.valueOf(total).divide(BigDecimal.valueOf(count), 0, RoundingMode.HALF_UP).longValueExact();
    }

    /**
     * The lower median of a histogram of whole minutes: the ⌈n/2⌉-th smallest value, so always a
     * value that was observed (for 1, 2, 3, 4 minutes it is 2). Null for an empty histogram.
     */
    public static Long lowerMedian(java.util.SortedMap<Long, Long> histogram) {
        long n = histogram.values().stream().mapToLong(Long::longValue).sum();
        if (n == 0) {
            return null;
        }
        long rank = (n + 1) / 2;
        long seen = 0;
        for (var bucket : histogram.entrySet()) {
            seen += bucket.getValue();
            if (seen >= rank) {
                return bucket.getKey();
            }
        }
        throw new IllegalStateException("unreachable: rank " + rank + " of " + n);
    }
}
