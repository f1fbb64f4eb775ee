package dev.storefront.domain.insights;

import java.time.LocalDate;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What was counted for one UTC day, as the insights table holds it: plain counters, revenue and
 * order counts per currency, the placed-to-shipped durations of the orders shipped that day (whole
 * minutes to how many orders), and how many customers placed their first and their second order
 * that day. Every KPI of the day is computed from these ({@link DailyKpis}).
 *
 * @param netRevenue per currency, the orders' totals less tax and shipping ({@link NetRevenue})
 * @param returnsRequested returns buyers asked for that day
 * @param refunds per currency, the refunds made that day (succeeded), tax included
 * @param refundsNet per currency, the same less their tax
 */
public record DayCounters(LocalDate date, long visitors, long productViews, long cartsCreated, long checkoutsStarted,
                          long checkoutsFailed, long ordersPlaced, long paymentsFailed, long fulfilmentsRequested,
                          long ordersRejected, long ordersShipped, long retentionConversions,
                          long firstOrderCustomers, long secondOrderCustomers,
                          SortedMap<String, Long> revenue, SortedMap<String, Long> ordersByCurrency,
                          SortedMap<Long, Long> shippedAfterMinutes, long visitorsCapped, long paymentAttemptsBlocked,
                          SortedMap<String, Long> netRevenue, long searches, long searchesWithoutResults,
                          long returnsRequested, SortedMap<String, Long> refunds, SortedMap<String, Long> refundsNet) {

    public DayCounters {
        revenue = unmodifiable(revenue);
        refunds = unmodifiable(refunds);
        refundsNet = unmodifiable(refundsNet);
        netRevenue = unmodifiable(netRevenue);
        ordersByCurrency = unmodifiable(ordersByCurrency);
        shippedAfterMinutes = unmodifiable(shippedAfterMinutes);
    }

    /** A day counted before returns and refunds were. */
    public DayCounters(LocalDate date, long visitors, long productViews, long cartsCreated, long checkoutsStarted,
                       long checkoutsFailed, long ordersPlaced, long paymentsFailed, long fulfilmentsRequested,
                       long ordersRejected, long ordersShipped, long retentionConversions,
                       long firstOrderCustomers, long secondOrderCustomers,
                       SortedMap<String, Long> revenue, SortedMap<String, Long> ordersByCurrency,
                       SortedMap<Long, Long> shippedAfterMinutes, long visitorsCapped, long paymentAttemptsBlocked,
                       SortedMap<String, Long> netRevenue, long searches, long searchesWithoutResults) {
        this(date, visitors, productViews, cartsCreated, checkoutsStarted, checkoutsFailed, ordersPlaced, paymentsFailed,
                fulfilmentsRequested, ordersRejected, ordersShipped, retentionConversions, firstOrderCustomers, secondOrderCustomers,
                revenue, ordersByCurrency, shippedAfterMinutes, visitorsCapped, paymentAttemptsBlocked, netRevenue, searches,
                searchesWithoutResults, 0, null, null);
    }

    /** A day counted before net revenue and searches were. */
    public DayCounters(LocalDate date, long visitors, long productViews, long cartsCreated, long checkoutsStarted,
                       long checkoutsFailed, long ordersPlaced, long paymentsFailed, long fulfilmentsRequested,
                       long ordersRejected, long ordersShipped, long retentionConversions,
                       long firstOrderCustomers, long secondOrderCustomers,
                       SortedMap<String, Long> revenue, SortedMap<String, Long> ordersByCurrency,
                       SortedMap<Long, Long> shippedAfterMinutes, long visitorsCapped, long paymentAttemptsBlocked) {
        this(date, visitors, productViews, cartsCreated, checkoutsStarted, checkoutsFailed, ordersPlaced, paymentsFailed,
                fulfilmentsRequested, ordersRejected, ordersShipped, retentionConversions, firstOrderCustomers, secondOrderCustomers,
                revenue, ordersByCurrency, shippedAfterMinutes, visitorsCapped, paymentAttemptsBlocked, null, 0, 0, 0, null, null);
    }

    /** A day without abuse counted (no capped visitors, no blocked payment attempts) and no searches. */
    public DayCounters(LocalDate date, long visitors, long productViews, long cartsCreated, long checkoutsStarted,
                       long checkoutsFailed, long ordersPlaced, long paymentsFailed, long fulfilmentsRequested,
                       long ordersRejected, long ordersShipped, long retentionConversions,
                       long firstOrderCustomers, long secondOrderCustomers,
                       SortedMap<String, Long> revenue, SortedMap<String, Long> ordersByCurrency,
                       SortedMap<Long, Long> shippedAfterMinutes) {
        this(date, visitors, productViews, cartsCreated, checkoutsStarted, checkoutsFailed, ordersPlaced, paymentsFailed,
                fulfilmentsRequested, ordersRejected, ordersShipped, retentionConversions, firstOrderCustomers, secondOrderCustomers,
                revenue, ordersByCurrency, shippedAfterMinutes, 0, 0, null, 0, 0, 0, null, null);
    }

    /** A day nothing happened on. */
    public static DayCounters empty(LocalDate date) {
        return new DayCounters(date, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null, null, null);
    }

    private static <K extends Comparable<K>> SortedMap<K, Long> unmodifiable(Map<K, Long> map) {
        return java.util.Collections.unmodifiableSortedMap(map == null ? new TreeMap<>() : new TreeMap<>(map));
    }
}
