package dev.storefront.desk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.storefront.domain.order.Reconciliation;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The run's EMF lines: one per kind, zeros included, each a valid Storefront/ReconciliationFindings data point with its Kind. */
class FindingsMetricTest {

    @Test
    void every_kind_is_one_embedded_metric_line_counting_its_findings() throws Exception {
        Instant at = Instant.parse("2026-12-02T06:15:00Z");
        List<Reconciliation.Finding> findings = List.of(
                new Reconciliation.Finding(Reconciliation.Kind.ORDER_STUCK, "o-1", null, "PLACED since ..."),
                new Reconciliation.Finding(Reconciliation.Kind.ORDER_STUCK, "o-2", null, "SHIPPED since ..."),
                new Reconciliation.Finding(Reconciliation.Kind.STOCK_DRIFT, null, "GEL", "available 3 but ..."));
        List<JsonNode> lines = new ArrayList<>();
        for (String line : FindingsMetric.lines(at, findings)) {
            assertThat(line).doesNotContain("\n");
            lines.add(new ObjectMapper().readTree(line));
        }

        assertThat(lines).extracting(l -> l.path("Kind").asText(), l -> l.path("ReconciliationFindings").asLong())
                .containsExactly(tuple("ORDER_STUCK", 2L), tuple("PAYMENT_MISMATCH", 0L),
                        tuple("STOCK_DRIFT", 1L));
        JsonNode metadata = lines.get(0).path("_aws");
        assertThat(metadata.path("Timestamp").asLong()).isEqualTo(at.toEpochMilli());
        JsonNode directive = metadata.path("CloudWatchMetrics").path(0);
        assertThat(directive.path("Namespace").asText()).isEqualTo("Storefront");
        assertThat(directive.path("Dimensions").toString()).isEqualTo("[[\"Kind\"]]");
        assertThat(directive.path("Metrics").path(0).path("Name").asText()).isEqualTo("ReconciliationFindings");
    }
}
