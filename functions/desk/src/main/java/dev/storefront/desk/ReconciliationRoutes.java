package dev.storefront.desk;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.storefront.domain.Caller;
import dev.storefront.domain.order.Reconciliation;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** {@code GET /admin/reconciliation}: the reconciler's last run, its time and findings (no run yet: no time, no findings). */
@Controller("/admin/reconciliation")
class ReconciliationRoutes {

    private final ReconciliationStore runs;

    ReconciliationRoutes(ReconciliationStore runs) {
        this.runs = runs;
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record LastRun(@Nullable String checkedAt, int total, List<FindingView> findings) {
    }

    @Serdeable
    record FindingView(String kind, @Nullable String orderId, @Nullable String sku, String detail) {
        static FindingView of(Reconciliation.Finding f) {
            return new FindingView(f.kind().name(), f.orderId(), f.sku(), f.detail());
        }
    }

    @Get
    LastRun last(Caller caller) {
        caller.requireAdmin();
        return runs.last().map(run -> new LastRun(run.checkedAt().toString(), run.total(), run.findings().stream().map(FindingView::of).toList()))
                .orElse(new LastRun(null, 0, List.of()));
    }
}
