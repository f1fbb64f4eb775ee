package dev.storefront.insights.kpi;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.storefront.domain.insights.CampaignReturn;
import dev.storefront.domain.insights.DateRange;
import dev.storefront.domain.insights.DayCounters;
import dev.storefront.domain.insights.GroupBy;
import dev.storefront.domain.insights.KpiReport;
import dev.storefront.domain.insights.TrafficSource;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code GET /admin/kpis?from&to&groupBy=channel|campaign}: every daily KPI per group, and per group
 * the range's orders and revenue (last touch) and first-touch orders and revenue; campaign groups
 * add the range's spend, ROAS and cost per order. Two Queries (the groups' days, the spend) and, for
 * campaigns, a third for their names.
 */
@Singleton
class GroupedKpis {

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Page(String from, String to, String groupBy, List<Group> groups) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Group(String group, @Nullable String name, long ordersPlaced, Map<String, Long> revenue,
                 long firstTouchOrders, Map<String, Long> firstTouchRevenue,
                 @Nullable Map<String, Long> spend, @Nullable Map<String, BigDecimal> roas, @Nullable Map<String, Long> costPerOrder,
                 List<KpiDayView> items) {
    }

    private final GroupedDayStore days;
    private final CampaignSpendStore campaigns;

    GroupedKpis(GroupedDayStore days, CampaignSpendStore campaigns) {
        this.days = days;
        this.campaigns = campaigns;
    }

    Page page(GroupBy by, DateRange range) {
        Map<String, GroupedDayStore.GroupCounters> counted = new TreeMap<>();
        days.countedUpTo(by, range).forEach(g -> counted.put(g.group(), g));
        Map<String, Map<String, Long>> spend = by == GroupBy.CAMPAIGN ? campaigns.spendIn(range) : Map.of();
        Map<String, String> names = by == GroupBy.CAMPAIGN ? campaigns.names() : Map.of();
        TreeSet<String> groups = new TreeSet<>(counted.keySet());
        groups.addAll(spend.keySet());
        List<Group> out = new ArrayList<>();
        for (String group : groups) {
            GroupedDayStore.GroupCounters c = counted.getOrDefault(group, new GroupedDayStore.GroupCounters(group, List.of(), 0, Map.of()));
            Map<String, Long> revenue = new TreeMap<>();
            Map<String, Long> orders = new TreeMap<>();
            long placed = 0;
            for (DayCounters day : c.days()) {
                if (!day.date().isBefore(range.from())) {
                    placed += day.ordersPlaced();
                    day.revenue().forEach((cur, amount) -> revenue.merge(cur, amount, Long::sum));
                    day.ordersByCurrency().forEach((cur, n) -> orders.merge(cur, n, Long::sum));
                }
            }
            // none and other are not campaigns: no spend to speak of.
            CampaignReturn money = by == GroupBy.CAMPAIGN && TrafficSource.isCampaignId(group)
                    ? CampaignReturn.of(spend.getOrDefault(group, Map.of()), revenue, orders) : null;
            out.add(new Group(group, names.get(group), placed, revenue, c.firstTouchOrders(), new TreeMap<>(c.firstTouchRevenue()),
                    money == null ? null : money.spend(), money == null ? null : money.roas(), money == null ? null : money.costPerOrder(),
                    KpiReport.rows(range, c.days()).stream().map(KpiDayView::of).toList()));
        }
        return new Page(range.from().toString(), range.to().toString(), by.parameter(), out);
    }
}
