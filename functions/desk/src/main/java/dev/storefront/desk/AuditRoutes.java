package dev.storefront.desk;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.storefront.audit.AuditEntry;
import dev.storefront.audit.AuditLog;
import dev.storefront.domain.Caller;
import dev.storefront.domain.Problem;
import dev.storefront.http.QueryParams;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * {@code GET /admin/audit?from=&to=&limit=&cursor=}: every admin write, newest first. Both ends are
 * ISO-8601 instants and optional (the last 24 hours); a range is at most {@link #MAX_RANGE}.
 */
@Controller("/admin/audit")
class AuditRoutes {

    static final Duration DEFAULT_RANGE = Duration.ofHours(24);
    static final Duration MAX_RANGE = Duration.ofDays(366);
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 100;

    private final AuditLog log;
    private final Clock clock;

    AuditRoutes(AuditLog log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    @Serdeable
    record AuditPage(String from, String to, @JsonInclude(JsonInclude.Include.ALWAYS) List<AuditView> items, @Nullable String nextCursor) {
    }

    @Serdeable
    record AuditView(String at, String actor, String action, String target, String requestId,
                     @Nullable String before, @Nullable String after) {
        static AuditView of(AuditEntry e) {
            return new AuditView(e.at().toString(), e.actor(), e.action(), e.target(), e.requestId(), e.before(), e.after());
        }
    }

    @Get
    AuditPage audit(Caller caller, @Nullable @QueryValue String from, @Nullable @QueryValue String to,
                    @Nullable @QueryValue String limit, @Nullable @QueryValue String cursor) {
        caller.requireAdmin();
        Instant end = to == null ? clock.instant() : instant("to", to);
        Instant start = from == null ? end.minus(DEFAULT_RANGE) : instant("from", from);
        if (start.isAfter(end)) {
            throw Problem.invalid("from", "from is after to");
        }
        if (Duration.between(start, end).compareTo(MAX_RANGE) > 0) {
            throw Problem.invalid("to", "a range is at most " + MAX_RANGE.toDays() + " days");
        }
        int size = QueryParams.intInRange("limit", limit, 1, MAX_LIMIT, DEFAULT_LIMIT);
        AuditLog.Page page = log.page(start, end, size, cursor);
        return new AuditPage(start.toString(), end.toString(), page.items().stream().map(AuditView::of).toList(), page.nextCursor());
    }

    private static Instant instant(String name, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw Problem.invalid(name, name + " is not an ISO-8601 instant such as 2026-12-01T00:00:00Z");
        }
    }
}
