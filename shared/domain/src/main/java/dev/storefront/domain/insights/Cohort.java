package dev.storefront.domain.insights;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The signed-in customers whose first order was placed in one UTC month, and how many of them placed
 * a second order within 30, 60 and 90 days of the first (whole days, the second's placedAt minus the
 * first's, truncated: 30 days and 23 hours is within 30). The shares are of all the month's customers,
 * so a recent month's shares still grow.
 */
public record Cohort(YearMonth month, long customers, long within30, long within60, long within90) {

    /** The windows, in days, each second order is counted in. */
    public static final List<Integer> WINDOWS = List.of(30, 60, 90);

    public static YearMonth monthOf(Instant placedAt) {
        return YearMonth.from(placedAt.atOffset(ZoneOffset.UTC));
    }

    /** The windows a second order placed this long after the first falls in (30, 60, 90: each it is within). */
    public static List<Integer> windowsOf(Instant first, Instant second) {
        long days = Duration.between(first, second).toDays();
        return WINDOWS.stream().filter(w -> days <= w).toList();
    }

    public BigDecimal rate30() {
        return Ratios.rate(within30, customers);
    }

    public BigDecimal rate60() {
        return Ratios.rate(within60, customers);
    }

    public BigDecimal rate90() {
        return Ratios.rate(within90, customers);
    }
}
