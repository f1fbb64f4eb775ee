package dev.storefront.insights.kpi;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.storefront.domain.insights.WeeklyDigest;
import dev.storefront.domain.insights.WeeklyKpis;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.math.BigDecimal;
import java.util.Map;

/**
 * GET /admin/kpis/weekly's answer and kpi.weekly_digest's data: the week's five KPIs, the week
 * before's, and the change (docs/INSIGHTS.md, "Weekly digest"). Null rates are written as null.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
record WeeklyView(String week, String from, String to, long visitors, @Nullable BigDecimal conversionRate, long ordersPlaced,
                  Map<String, Long> revenue, Map<String, Long> averageOrderValue, @Nullable BigDecimal repeatPurchaseRate,
                  Week previous, Change change) {

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Week(String week, String from, String to, long visitors, @Nullable BigDecimal conversionRate, long ordersPlaced,
                Map<String, Long> revenue, Map<String, Long> averageOrderValue, @Nullable BigDecimal repeatPurchaseRate) {
        static Week of(WeeklyKpis k) {
            return new Week(k.week().toString(), k.week().monday().toString(), k.week().sunday().toString(), k.visitors(),
                    k.conversionRate(), k.ordersPlaced(), k.revenue(), k.averageOrderValue(), k.repeatPurchaseRate());
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Change(@Nullable BigDecimal visitors, @Nullable BigDecimal conversionRate, @Nullable BigDecimal ordersPlaced,
                  Map<String, BigDecimal> revenue, Map<String, BigDecimal> averageOrderValue, @Nullable BigDecimal repeatPurchaseRate) {
    }

    static WeeklyView of(WeeklyDigest digest) {
        WeeklyKpis k = digest.kpis();
        WeeklyDigest.Change c = digest.change();
        return new WeeklyView(k.week().toString(), k.week().monday().toString(), k.week().sunday().toString(), k.visitors(),
                k.conversionRate(), k.ordersPlaced(), k.revenue(), k.averageOrderValue(), k.repeatPurchaseRate(),
                Week.of(digest.previous()), new Change(c.visitors(), c.conversionRate(), c.ordersPlaced(), c.revenue(),
                c.averageOrderValue(), c.repeatPurchaseRate()));
    }
}
