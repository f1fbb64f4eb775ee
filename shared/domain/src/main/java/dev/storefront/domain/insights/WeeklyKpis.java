package dev.storefront.domain.insights;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The five central KPIs of one ISO week (docs/INSIGHTS.md, "Weekly digest"): visitors (the sum of
 * the days' visitors: a visitor on two days counts twice), conversion rate (orders / visitors),
 * orders placed and revenue per currency, average order value per currency, and the repeat-purchase
 * rate as of the week's Sunday (cumulative, as the daily one).
 */
public record WeeklyKpis(IsoWeek week, long visitors, BigDecimal conversionRate, long ordersPlaced,
                         SortedMap<String, Long> revenue, SortedMap<String, Long> averageOrderValue, BigDecimal repeatPurchaseRate) {

    /** @param countedUpToEnd every counted day up to the week's Sunday (earlier days feed the cumulative rate) */
    public static WeeklyKpis of(IsoWeek week, List<DayCounters> countedUpToEnd) {
        DateRange days = week.days();
        List<DayCounters> upToSunday = countedUpToEnd.stream().filter(d -> !d.date().isAfter(days.to())).toList();
        long visitors = 0;
        long orders = 0;
        SortedMap<String, Long> revenue = new TreeMap<>();
        SortedMap<String, Long> ordersByCurrency = new TreeMap<>();
        for (DayCounters day : upToSunday) {
            if (!day.date().isBefore(days.from())) {
                visitors += day.visitors();
                orders += day.ordersPlaced();
                day.revenue().forEach((c, amount) -> revenue.merge(c, amount, Long::sum));
                day.ordersByCurrency().forEach((c, n) -> ordersByCurrency.merge(c, n, Long::sum));
            }
        }
        SortedMap<String, Long> aov = new TreeMap<>();
        revenue.forEach((c, amount) -> {
            long n = ordersByCurrency.getOrDefault(c, 0L);
            if (n > 0) {
                aov.put(c, Ratios.average(amount, n));
            }
        });
        List<DailyKpis> rows = KpiReport.rows(days, upToSunday);
        return new WeeklyKpis(week, visitors, Ratios.rate(orders, visitors), orders, Collections.unmodifiableSortedMap(revenue),
                Collections.unmodifiableSortedMap(aov), rows.get(rows.size() - 1).repeatPurchaseRate());
    }
}
