package dev.storefront.insights.kpi;

import dev.storefront.http.Html;
import dev.storefront.domain.Caller;
import dev.storefront.domain.insights.DailyKpis;
import dev.storefront.domain.insights.DateRange;
import dev.storefront.domain.insights.DayCounters;
import dev.storefront.domain.insights.GroupBy;
import dev.storefront.domain.insights.IsoWeek;
import dev.storefront.domain.insights.WeeklyDigest;
import dev.storefront.domain.insights.KpiReport;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The daily KPIs for admins (InsightsAdminFunction, behind the JWT authorizer; the admin group is
 * checked here as well): {@code GET /admin/kpis?from=2025-03-01&to=2025-03-31} as JSON, one row per
 * UTC day including days without events, and the same rows as a self-contained HTML dashboard.
 */
@Controller("/admin/kpis")
class KpiRoutes {

    /** The dashboard's range when none is asked for. */
    static final int DASHBOARD_DEFAULT_DAYS = 30;
    /** Nothing external may load: inline styles and the page's own form only (shared with the order desk). */
    static final String DASHBOARD_CSP = Html.PAGE_CSP;

    private final KpiTable table;
    private final Clock clock;
    private final GroupedKpis grouped;

    KpiRoutes(KpiTable table, Clock clock, GroupedKpis grouped) {
        this.table = table;
        this.clock = clock;
        this.grouped = grouped;
    }

    @Serdeable
    record KpiPage(String from, String to, List<KpiDayView> items) {
    }

    /** The day rows, or with {@code groupBy} the same rows per channel or campaign (GroupedKpis). */
    @Get
    HttpResponse<?> kpis(Caller caller, @Nullable @QueryValue String from, @Nullable @QueryValue String to,
                         @Nullable @QueryValue String groupBy) {
        caller.requireAdmin();
        GroupBy by = GroupBy.parse(groupBy);
        DateRange range = DateRange.parse(from, to);
        if (by != null) {
            return HttpResponse.ok(grouped.page(by, range));
        }
        return HttpResponse.ok(new KpiPage(range.from().toString(), range.to().toString(), rows(range).stream().map(KpiDayView::of).toList()));
    }

    @Get("/dashboard")
    HttpResponse<String> dashboard(Caller caller, @Nullable @QueryValue String from, @Nullable @QueryValue String to) {
        caller.requireAdmin();
        DateRange range = DateRange.parseOrLast(from, to, LocalDate.now(clock.withZone(ZoneOffset.UTC)), DASHBOARD_DEFAULT_DAYS);
        List<DayCounters> counted = table.countedUpTo(range);
        // The last week complete by the range's end, from the same days (its week before may start before the range).
        String weekly = WeeklyPanel.render(WeeklyDigest.of(IsoWeek.lastCompleteOn(range.to()), counted));
        return Html.page(Dashboard.render(range, KpiReport.rows(range, counted), weekly));
    }

    private List<DailyKpis> rows(DateRange range) {
        return KpiReport.rows(range, table.countedUpTo(range));
    }
}
