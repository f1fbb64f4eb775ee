package dev.storefront.domain.insights;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One day's KPIs, every metric of docs/INSIGHTS.md: counts as counted, revenue and average order
 * value per currency (minor units; both on the charged totals, shipping and tax included), net
 * revenue per currency (less tax and shipping, {@link NetRevenue}), rates as decimals with 4 places (null where the denominator is
 * 0). The repeat-purchase rate is cumulative: over every signed-in customer with an order up to the
 * end of this day. The return rate is the day's returns asked for per order placed that day; refunds
 * count on the day they were made, and net revenue after refunds is net revenue less them net of their tax.
 */
public record DailyKpis(LocalDate date, long visitors, long productViews, long cartsCreated, long checkoutsStarted,
                        long checkoutsFailed, long ordersPlaced, long paymentsFailed, long fulfilmentsRequested,
                        long ordersRejected, long ordersShipped,
                        SortedMap<String, Long> revenue, SortedMap<String, Long> averageOrderValue,
                        BigDecimal conversionRate, BigDecimal cartConversionRate, BigDecimal checkoutAbandonmentRate,
                        BigDecimal paymentFailureRate, long customersWithOrders, long repeatCustomers,
                        BigDecimal repeatPurchaseRate, Long medianPlacedToShippedMinutes, BigDecimal partnerRejectionRate,
                        long retentionConversions, long visitorsCapped, long paymentAttemptsBlocked,
                        SortedMap<String, Long> netRevenue, long searches, long searchesWithoutResults,
                        long returnsRequested, BigDecimal returnRate, SortedMap<String, Long> refunds,
                        SortedMap<String, Long> netRevenueAfterRefunds) {

    /**
     * @param customersWithOrders signed-in customers with at least one order placed up to the end of the day
     * @param repeatCustomers     of those, the ones with at least two
     */
    public static DailyKpis of(DayCounters day, long customersWithOrders, long repeatCustomers) {
        SortedMap<String, Long> aov = new TreeMap<>();
        for (Map.Entry<String, Long> revenue : day.revenue().entrySet()) {
            long orders = day.ordersByCurrency().getOrDefault(revenue.getKey(), 0L);
            if (orders > 0) {
                aov.put(revenue.getKey(), Ratios.average(revenue.getValue(), orders));
            }
        }
        return new DailyKpis(day.date(), day.visitors(), day.productViews(), day.cartsCreated(), day.checkoutsStarted(),
                day.checkoutsFailed(), day.ordersPlaced(), day.paymentsFailed(), day.fulfilmentsRequested(),
                day.ordersRejected(), day.ordersShipped(),
                day.revenue(), java.util.Collections.unmodifiableSortedMap(aov),
                Ratios.rate(day.ordersPlaced(), day.visitors()),
                Ratios.rate(day.ordersPlaced(), day.cartsCreated()),
                Ratios.complement(day.ordersPlaced(), day.checkoutsStarted()),
                Ratios.rate(day.paymentsFailed(), day.ordersPlaced() + day.paymentsFailed()),
                customersWithOrders, repeatCustomers,
                Ratios.rate(repeatCustomers, customersWithOrders),
                Ratios.lowerMedian(day.shippedAfterMinutes()),
                Ratios.rate(day.ordersRejected(), day.fulfilmentsRequested()),
                day.retentionConversions(), day.visitorsCapped(), day.paymentAttemptsBlocked(), day.netRevenue(),
                day.searches(), day.searchesWithoutResults(),
                day.returnsRequested(), Ratios.rate(day.returnsRequested(), day.ordersPlaced()), day.refunds(), afterRefunds(day));
    }

    /** Net revenue less the day's refunds net of their tax, per currency (negative on a day that refunded more than it sold). */
    private static SortedMap<String, Long> afterRefunds(DayCounters day) {
        SortedMap<String, Long> net = new TreeMap<>(day.netRevenue());
        day.refundsNet().forEach((currency, refunded) -> net.merge(currency, -refunded, Long::sum));
        return java.util.Collections.unmodifiableSortedMap(net);
    }
}
