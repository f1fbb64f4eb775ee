package dev.storefront.domain.insights;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A week's five KPIs beside the week before's, and the change: counts and money relative
 * ((this − before) / before, 4 places; null, or absent for a currency, when before was 0), rates
 * in points (this − before; null when either is null).
 */
public record WeeklyDigest(WeeklyKpis kpis, WeeklyKpis previous, Change change) {

    public record Change(BigDecimal visitors, BigDecimal conversionRate, BigDecimal ordersPlaced,
                         SortedMap<String, BigDecimal> revenue, SortedMap<String, BigDecimal> averageOrderValue,
                         BigDecimal repeatPurchaseRate) {
    }

    /** @param countedUpToEnd every counted day up to the week's Sunday */
    public static WeeklyDigest of(IsoWeek week, List<DayCounters> countedUpToEnd) {
        WeeklyKpis now = WeeklyKpis.of(week, countedUpToEnd);
        WeeklyKpis before = WeeklyKpis.of(week.previous(), countedUpToEnd);
        return new WeeklyDigest(now, before, new Change(relative(now.visitors(), before.visitors()),
                points(now.conversionRate(), before.conversionRate()), relative(now.ordersPlaced(), before.ordersPlaced()),
                relative(now.revenue(), before.revenue()), relative(now.averageOrderValue(), before.averageOrderValue()),
                points(now.repeatPurchaseRate(), before.repeatPurchaseRate())));
    }

    static BigDecimal relative(long now, long before) {
        return Ratios.rate(now - before, before);
    }

    static BigDecimal points(BigDecimal now, BigDecimal before) {
        return now == null || before == null ? null : now.subtract(before);
    }

    private static SortedMap<String, BigDecimal> relative(Map<String, Long> now, Map<String, Long> before) {
        SortedMap<String, BigDecimal> change = new TreeMap<>();
        before.forEach((currency, amount) -> {
            BigDecimal rate = relative(now.getOrDefault(currency, 0L), amount);
            if (rate != null) {
                change.put(currency, rate);
            }
        });
        return Collections.unmodifiableSortedMap(change);
    }
}
