package dev.storefront.insights.kpi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random X-Visitor-Id values from one address cannot inflate visitors (issue 25 item 8): one
 * source adds at most VisitorsPerSourcePerHour (30, the template's default) new visitor ids to an
 * hour; the rest are counted as visitorsCapped. Day 2003-05-20 is this test's alone.
 */
class VisitorCapTest {

    final Insights insights = Insights.get();

    @Test
    void of_50_random_visitor_ids_from_one_source_30_are_counted_as_visitors_and_20_as_capped() {
        String attacker = "a1b2c3d4e5f60718";
        String neighbour = "0f0e0d0c0b0a0908";
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            events.add(viewed(Instant.parse("2003-05-20T10:00:00Z").plusSeconds(i), "forged-" + UUID.randomUUID(), attacker));
        }
        String returning = "forged-returning";
        events.add(viewed(Instant.parse("2003-05-20T10:59:00Z"), returning, attacker));   // the 51st: capped, once
        events.add(viewed(Instant.parse("2003-05-20T10:59:30Z"), returning, attacker));   // seen again: not counted again
        events.add(viewed(Instant.parse("2003-05-20T10:30:00Z"), "neighbour-visitor", neighbour));
        events.add(viewed(Instant.parse("2003-05-20T11:00:00Z"), "next-hour-visitor", attacker)); // a new hour: room again

        insights.deliverAll(events);

        JsonNode day = insights.rows("2003-05-20", "2003-05-20").get(0);
        assertThat(day.path("visitors").asLong()).isEqualTo(30 + 1 + 1);
        assertThat(day.path("visitorsCapped").asLong()).isEqualTo(21);
        assertThat(day.path("productViews").asLong()).isEqualTo(54);
    }

    private static String viewed(Instant at, String visitorId, String sourceId) {
        ObjectNode event = Events.funnel("product.viewed", at, visitorId, null, null);
        event.put("sourceId", sourceId);
        event.withObject("/data").put("productId", "socks");
        return event.toString();
    }
}
