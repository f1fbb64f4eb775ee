package dev.storefront.insights.kpi;

import dev.storefront.domain.Caller;
import dev.storefront.domain.insights.IsoWeek;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** {@code GET /admin/kpis/weekly?week=2026-W48}: the digest of a week (default: the last complete one), as the Monday message carries it. */
@Controller("/admin/kpis/weekly")
class WeeklyRoutes {

    private final WeeklyDigestStore digests;
    private final Clock clock;

    WeeklyRoutes(WeeklyDigestStore digests, Clock clock) {
        this.digests = digests;
        this.clock = clock;
    }

    @Get
    WeeklyView weekly(Caller caller, @Nullable @QueryValue String week) {
        caller.requireAdmin();
        IsoWeek asked = week == null ? IsoWeek.lastCompleteOn(LocalDate.now(clock.withZone(ZoneOffset.UTC))) : IsoWeek.parse(week);
        return WeeklyView.of(digests.digest(asked));
    }
}
