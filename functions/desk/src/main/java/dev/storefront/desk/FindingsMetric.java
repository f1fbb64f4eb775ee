package dev.storefront.desk;

import dev.storefront.domain.order.Reconciliation;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A run's findings as CloudWatch embedded-metric-format lines (Storefront/ReconciliationFindings,
 * dimension Kind): Lambda sends stdout to CloudWatch Logs, which turns each line into a data point.
 * One line per kind (an EMF document holds one value per dimension set), zeros included, so the
 * alarm sees the run and sees it clean.
 */
final class FindingsMetric {

    static final String NAMESPACE = "Storefront";
    static final String METRIC = "ReconciliationFindings";

    private FindingsMetric() {
    }

    static List<String> lines(Instant at, List<Reconciliation.Finding> findings) {
        Map<Reconciliation.Kind, Long> counts = counts(findings);
        return Arrays.stream(Reconciliation.Kind.values()).map(kind -> line(at, kind, counts.getOrDefault(kind, 0L))).toList();
    }

    private static String line(Instant at, Reconciliation.Kind kind, long count) {
        return "{\"_aws\":{\"Timestamp\":" + at.toEpochMilli() + ",\"CloudWatchMetrics\":[{\"Namespace\":\"" + NAMESPACE
                + "\",\"Dimensions\":[[\"Kind\"]],\"Metrics\":[{\"Name\":\"" + METRIC + "\",\"Unit\":\"Count\"}]}]},\"Kind\":\"" + kind.name()
                + "\",\"" + METRIC + "\":" + count + "}";
    }

    static Map<Reconciliation.Kind, Long> counts(List<Reconciliation.Finding> findings) {
        return findings.stream().collect(Collectors.groupingBy(Reconciliation.Finding::kind, Collectors.counting()));
    }
}
