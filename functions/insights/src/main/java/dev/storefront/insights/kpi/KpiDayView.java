package dev.storefront.insights.kpi;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.storefront.domain.insights.DailyKpis;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.math.BigDecimal;
import java.util.Map;

/** One row of GET /admin/kpis: every metric, a null rate where its denominator is 0 (written as null, never left out). */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
record KpiDayView(String date, long visitors, long productViews, long cartsCreated, long checkoutsStarted,
                  long checkoutsFailed, long ordersPlaced, long paymentsFailed, long fulfilmentsRequested,
                  long ordersRejected, long ordersShipped, Map<String, Long> revenue, Map<String, Long> averageOrderValue,
                  @Nullable BigDecimal conversionRate, @Nullable BigDecimal cartConversionRate,
                  @Nullable BigDecimal checkoutAbandonmentRate, @Nullable BigDecimal paymentFailureRate,
                  long customersWithOrders, long repeatCustomers, @Nullable BigDecimal repeatPurchaseRate,
                  @Nullable Long medianPlacedToShippedMinutes, @Nullable BigDecimal partnerRejectionRate,
                  long retentionConversions, long visitorsCapped, long paymentAttemptsBlocked, Map<String, Long> netRevenue,
                  long searches, long searchesWithoutResults, long returnsRequested, @Nullable BigDecimal returnRate,
                  Map<String, Long> refunds, Map<String, Long> netRevenueAfterRefunds) {

    static KpiDayView of(DailyKpis k) {
        return new KpiDayView(k.date().toString(), k.visitors(), k.productViews(), k.cartsCreated(), k.checkoutsStarted(),
                k.checkoutsFailed(), k.ordersPlaced(), k.paymentsFailed(), k.fulfilmentsRequested(), k.ordersRejected(),
                k.ordersShipped(), k.revenue(), k.averageOrderValue(), k.conversionRate(), k.cartConversionRate(),
                k.checkoutAbandonmentRate(), k.paymentFailureRate(), k.customersWithOrders(), k.repeatCustomers(),
                k.repeatPurchaseRate(), k.medianPlacedToShippedMinutes(), k.partnerRejectionRate(), k.retentionConversions(),
                k.visitorsCapped(), k.paymentAttemptsBlocked(), k.netRevenue(), k.searches(), k.searchesWithoutResults(),
                k.returnsRequested(), k.returnRate(), k.refunds(), k.netRevenueAfterRefunds());
    }
}
