package dev.storefront.desk;

import dev.storefront.domain.order.Reconciliation;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Runs on the template's schedule (every 15 minutes): one reconciliation run, stored in place of
 * the last one (GET /admin/reconciliation) and counted per kind as a CloudWatch metric (the
 * ReconciliationFindingsAlarm). Answers the counts, for the log.
 */
public class ReconcilerFunction extends MicronautRequestHandler<Map<String, Object>, String> {

    @Inject
    Reconciler reconciler;
    @Inject
    ReconciliationStore runs;
    @Inject
    Clock clock;

    @Override
    public String execute(Map<String, Object> scheduledEvent) {
        Instant now = clock.instant();
        List<Reconciliation.Finding> findings = reconciler.run(now);
        runs.replace(now, findings);
        FindingsMetric.lines(now, findings).forEach(System.out::println);
        return "checked at " + now + ": " + findings.size() + " findings " + FindingsMetric.counts(findings);
    }
}
