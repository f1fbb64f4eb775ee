package dev.storefront.insights.kpi;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.storefront.domain.Caller;
import dev.storefront.domain.insights.Cohort;
import dev.storefront.domain.insights.MonthRange;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.serde.annotation.Serdeable;

import java.math.BigDecimal;
import java.util.List;

/** {@code GET /admin/cohorts?from=2026-01&to=2026-12}: per first-order month, its customers and the share with a second order within 30, 60, 90 days. */
@Controller("/admin/cohorts")
class CohortRoutes {

    private final CohortStore cohorts;

    CohortRoutes(CohortStore cohorts) {
        this.cohorts = cohorts;
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record CohortPage(String from, String to, List<CohortView> items) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record CohortView(String month, long customers, long secondOrderWithin30Days, long secondOrderWithin60Days, long secondOrderWithin90Days,
                      @Nullable BigDecimal secondOrderRate30Days, @Nullable BigDecimal secondOrderRate60Days, @Nullable BigDecimal secondOrderRate90Days) {
        static CohortView of(Cohort c) {
            return new CohortView(c.month().toString(), c.customers(), c.within30(), c.within60(), c.within90(), c.rate30(), c.rate60(), c.rate90());
        }
    }

    @Get
    CohortPage cohorts(Caller caller, @Nullable @QueryValue String from, @Nullable @QueryValue String to) {
        caller.requireAdmin();
        MonthRange range = MonthRange.parse(from, to);
        return new CohortPage(range.from().toString(), range.to().toString(), cohorts.cohorts(range).stream().map(CohortView::of).toList());
    }
}
