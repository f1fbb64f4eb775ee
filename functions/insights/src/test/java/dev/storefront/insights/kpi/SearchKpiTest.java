package dev.storefront.insights.kpi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** search.performed feeds searches and searchesWithoutResults (docs/INSIGHTS.md). */
class SearchKpiTest {

    final Insights insights = Insights.get();

    private static String searched(String at, String visitor, String query, int results) {
        ObjectNode event = Events.funnel("search.performed", Instant.parse(at), visitor, null, null);
        ObjectNode data = (ObjectNode) event.path("data");
        if (query != null) {
            data.put("query", query);
        }
        data.put("results", results);
        return event.toString();
    }

    @Test
    void searches_that_matched_nothing_are_counted_apart_once_each() {
        String visitor = "searcher-" + UUID.randomUUID().toString().substring(0, 8);
        String missed = searched("2007-07-01T10:00:00Z", visitor, "hammock", 0);

        assertThat(insights.deliver(List.of(
                searched("2007-07-01T09:00:00Z", visitor, "tent", 4),
                missed, missed,
                searched("2007-07-01T11:00:00Z", visitor, null, 12)))).isEmpty();

        JsonNode day = insights.rows("2007-07-01", "2007-07-01").get(0);
        assertThat(day.path("searches").asLong()).isEqualTo(3);
        assertThat(day.path("searchesWithoutResults").asLong()).isEqualTo(1);
    }
}
