package dev.storefront.insights.kpi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.storefront.testsupport.HttpCall;
import dev.storefront.testsupport.HttpResult;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cohorts from order.placed through the real consumer, read with GET /admin/cohorts: second orders
 * 10, 45 and 100 days after the first, a customer who never comes back, one whose two orders arrive
 * in reverse (months apart), a third order and a guest's order. Only this test writes 2032.
 */
class CohortsTest {

    final Insights insights = Insights.get();

    static String placed(Instant at, String customerId) {
        return Events.placed(Events.newOrderId(), at, 1000, "EUR", customerId, null);
    }

    static Instant at(String at) {
        return Instant.parse(at);
    }

    @Test
    void second_orders_at_10_45_and_100_days_then_the_january_cohort_counts_them_in_the_30_60_90_day_windows_they_are_within() {
        String r = UUID.randomUUID().toString().substring(0, 8);
        String ten = "ten-" + r, fortyFive = "forty-five-" + r, hundred = "hundred-" + r, once = "once-" + r, reversed = "reversed-" + r;
        insights.deliverAll(List.of(
                placed(at("2032-01-05T10:00:00Z"), ten),
                placed(at("2032-01-15T10:00:00Z"), ten),          // 10 days: within 30, 60, 90
                placed(at("2032-02-04T10:00:00Z"), ten),          // a third order: no new cohort fact
                placed(at("2032-01-10T08:00:00Z"), fortyFive),
                placed(at("2032-02-24T08:00:00Z"), fortyFive),    // 45 days: within 60, 90
                placed(at("2032-01-20T12:00:00Z"), hundred),
                placed(at("2032-04-29T12:00:00Z"), hundred),      // 100 days: in no window
                placed(at("2032-01-25T09:00:00Z"), once),
                placed(at("2032-02-16T20:00:00Z"), reversed),     // arrives first, placed second:
                placed(at("2032-01-31T20:00:00Z"), reversed),     // the customer moves to January, 16 days
                placed(at("2032-01-12T09:00:00Z"), null)));       // a guest: in no cohort

        HttpResult result = cohorts("?from=2032-01&to=2032-03");
        assertThat(result.status()).as(result.toString()).isEqualTo(200);
        JsonNode items = result.json().path("items");
        assertThat(items).hasSize(3);
        JsonNode january = items.get(0);
        assertThat(january.path("month").asText()).isEqualTo("2032-01");
        assertThat(january.path("customers").asLong()).isEqualTo(5);                 // ten, forty-five, hundred, once, reversed
        assertThat(january.path("secondOrderWithin30Days").asLong()).isEqualTo(2);   // ten (10), reversed (16)
        assertThat(january.path("secondOrderWithin60Days").asLong()).isEqualTo(3);   // + forty-five (45)
        assertThat(january.path("secondOrderWithin90Days").asLong()).isEqualTo(3);   // hundred (100) is in none
        assertThat(january.path("secondOrderRate30Days").decimalValue()).isEqualByComparingTo("0.4000");
        assertThat(january.path("secondOrderRate60Days").decimalValue()).isEqualByComparingTo("0.6000");
        assertThat(january.path("secondOrderRate90Days").decimalValue()).isEqualByComparingTo("0.6000");
        JsonNode february = items.get(1);
        assertThat(february.path("month").asText()).isEqualTo("2032-02");
        assertThat(february.path("customers").asLong()).as("reversed moved to January").isZero();
        assertThat(february.path("secondOrderRate30Days").isNull()).isTrue();
        assertThat(items.get(2).path("customers").asLong()).isZero();
    }

    @Test
    void a_reversed_malformed_missing_or_over_36_month_range_then_400() {
        for (String query : new String[]{"?from=2032-03&to=2032-01", "?from=2032-1&to=2032-02", "?from=2032-13&to=2033-01",
                "?from=2030-01&to=2033-01", "?to=2032-01", ""}) {
            HttpResult result = cohorts(query);
            assertThat(result.status()).as(query + " -> " + result).isEqualTo(400);
            assertThat(result.json().path("code").asText()).isEqualTo("VALIDATION_FAILED");
        }
        assertThat(cohorts("?from=2030-01&to=2032-12").json().path("items")).as("36 months are fine").hasSize(36);
        assertThat(insights.admin.http(HttpCall.get("/admin/cohorts?from=2032-01&to=2032-02").as("alice")).status()).isEqualTo(403);
    }

    private HttpResult cohorts(String query) {
        return insights.admin.http(HttpCall.get("/admin/cohorts" + query).as("ops", "admin"));
    }
}
