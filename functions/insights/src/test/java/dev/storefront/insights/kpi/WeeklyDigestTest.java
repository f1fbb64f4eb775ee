package dev.storefront.insights.kpi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.storefront.domain.EventIds;
import dev.storefront.samlocal.ScheduledEvents;
import dev.storefront.testsupport.EventSchemas;
import dev.storefront.testsupport.FunctionHarness;
import dev.storefront.testsupport.HttpCall;
import dev.storefront.testsupport.HttpResult;
import dev.storefront.testsupport.TestStack;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The weekly digest: 2033-W10 against 2033-W09 (only this test writes 2033) through the real
 * consumer, the scheduled function run twice for the same Monday (one message on the real
 * notifications queue), GET /admin/kpis/weekly and the dashboard's weekly panel.
 */
class WeeklyDigestTest {

    final Insights insights = Insights.get();

    static Instant at(String at) {
        return Instant.parse(at);
    }

    @Test
    void a_week_against_the_week_before_when_the_job_runs_twice_then_one_digest_with_the_hand_computed_changes() {
        String r = UUID.randomUUID().toString().substring(0, 8);
        List<String> events = new ArrayList<>();
        // W09 (Mon 2033-02-28 to Sun 03-06): 4 visitor-days, 1 order EUR 20.00.
        for (String day : new String[]{"2033-02-28", "2033-03-01", "2033-03-02", "2033-03-06"}) {
            events.add(Events.viewed(at(day + "T10:00:00Z"), "w9-" + day + r, "tablet"));
        }
        events.add(Events.placed(Events.newOrderId(), at("2033-03-06T12:00:00Z"), 2000, "EUR", "digest-a-" + r, null));
        // W10 (Mon 03-07 to Sun 03-13): 6 visitor-days (one visitor on two days counts twice), 3 orders EUR 10 + 20 + 30.
        for (String day : new String[]{"2033-03-07", "2033-03-08", "2033-03-09", "2033-03-10", "2033-03-11"}) {
            events.add(Events.viewed(at(day + "T10:00:00Z"), "w10-" + day + r, "tablet"));
        }
        events.add(Events.viewed(at("2033-03-13T10:00:00Z"), "w10-2033-03-07" + r, "tablet"));
        events.add(Events.placed(Events.newOrderId(), at("2033-03-08T12:00:00Z"), 1000, "EUR", "digest-a-" + r, null));
        events.add(Events.placed(Events.newOrderId(), at("2033-03-09T12:00:00Z"), 2000, "EUR", "digest-b-" + r, null));
        events.add(Events.placed(Events.newOrderId(), at("2033-03-13T23:59:59Z"), 3000, "EUR", null, null));
        // The next Monday belongs to W11: not in the digest.
        events.add(Events.placed(Events.newOrderId(), at("2033-03-14T00:00:01Z"), 9999, "EUR", null, null));
        insights.deliverAll(events);

        FunctionHarness job = FunctionHarness.start("WeeklyDigestFunction");
        String monday = ScheduledEvents.event(ScheduledEvents.ruleArn("us-east-1", "weekly"), "us-east-1", at("2033-03-14T06:00:00Z"));
        assertThat(job.invoke(monday, UUID.randomUUID().toString())).contains("sent 2033-W10").doesNotContain("already");
        assertThat(job.invoke(monday, UUID.randomUUID().toString())).as("a rerun").contains("already sent 2033-W10");

        List<JsonNode> digests = digestsOnTheNotificationsQueue();
        assertThat(digests).as("one message for the week, however often the job ran").hasSize(1);
        JsonNode digest = digests.get(0);
        assertThat(digest.path("eventId").asText()).isEqualTo(EventIds.of("kpi:weekly_digest:2033-W10").toString());
        JsonNode data = digest.path("data");
        assertThat(data.path("week").asText()).isEqualTo("2033-W10");
        assertThat(data.path("from").asText()).isEqualTo("2033-03-07");
        assertThat(data.path("to").asText()).isEqualTo("2033-03-13");
        assertThat(data.path("visitors").asLong()).isEqualTo(6);
        assertThat(data.path("ordersPlaced").asLong()).isEqualTo(3);
        assertThat(data.path("conversionRate").decimalValue()).isEqualByComparingTo("0.5000");      // 3 / 6
        assertThat(data.path("revenue").path("EUR").asLong()).isEqualTo(6000);
        assertThat(data.path("averageOrderValue").path("EUR").asLong()).isEqualTo(2000);
        JsonNode previous = data.path("previous");
        assertThat(previous.path("week").asText()).isEqualTo("2033-W09");
        assertThat(previous.path("visitors").asLong()).isEqualTo(4);
        assertThat(previous.path("conversionRate").decimalValue()).isEqualByComparingTo("0.2500");  // 1 / 4
        assertThat(previous.path("revenue").path("EUR").asLong()).isEqualTo(2000);
        JsonNode change = data.path("change");
        assertThat(change.path("visitors").decimalValue()).isEqualByComparingTo("0.5000");          // (6 - 4) / 4
        assertThat(change.path("ordersPlaced").decimalValue()).isEqualByComparingTo("2.0000");      // (3 - 1) / 1
        assertThat(change.path("conversionRate").decimalValue()).isEqualByComparingTo("0.2500");    // 0.5 - 0.25, points
        assertThat(change.path("revenue").path("EUR").decimalValue()).isEqualByComparingTo("2.0000"); // (6000 - 2000) / 2000
        assertThat(change.path("averageOrderValue").path("EUR").decimalValue()).isEqualByComparingTo("0.0000");
        // The repeat-purchase rate is cumulative over every test's customers: the digest's is the daily row's of each Sunday.
        JsonNode sunday = insights.rows("2033-03-13", "2033-03-13").get(0);
        JsonNode sundayBefore = insights.rows("2033-03-06", "2033-03-06").get(0);
        assertThat(data.path("repeatPurchaseRate").decimalValue()).isEqualByComparingTo(sunday.path("repeatPurchaseRate").decimalValue());
        assertThat(change.path("repeatPurchaseRate").decimalValue()).isEqualByComparingTo(
                sunday.path("repeatPurchaseRate").decimalValue().subtract(sundayBefore.path("repeatPurchaseRate").decimalValue()));

        HttpResult weekly = insights.admin.http(HttpCall.get("/admin/kpis/weekly?week=2033-W10").as("ops", "admin"));
        assertThat(weekly.status()).as(weekly.toString()).isEqualTo(200);
        assertThat(weekly.json()).as("the route answers what the message carries").isEqualTo(data);

        HttpResult page = insights.dashboard("?from=2033-03-01&to=2033-03-15");
        assertThat(page.body()).contains("data-panel=\"weekly\"").contains("Week 2033-W10").contains("+50.0 %").contains("+25.0 points");
    }

    @Test
    void a_malformed_week_or_one_the_year_does_not_have_then_400() {
        for (String week : new String[]{"2026-W54", "2025-W53", "2026-W00", "2026-48", "W48", "2026-W4"}) {
            HttpResult result = insights.admin.http(HttpCall.get("/admin/kpis/weekly?week=" + week).as("ops", "admin"));
            assertThat(result.status()).as(week + " -> " + result).isEqualTo(400);
            assertThat(result.json().path("code").asText()).isEqualTo("VALIDATION_FAILED");
        }
        assertThat(insights.admin.http(HttpCall.get("/admin/kpis/weekly").as("ops", "admin")).status()).as("default: the last complete week").isEqualTo(200);
        assertThat(insights.admin.http(HttpCall.get("/admin/kpis/weekly").as("alice")).status()).isEqualTo(403);
    }

    /** The digests on the notifications queue; other messages (retention coupons of other tests) are made visible again at once. */
    static List<JsonNode> digestsOnTheNotificationsQueue() {
        TestStack stack = TestStack.shared();
        String url = stack.resources().queueUrl("NotificationsQueue");
        List<JsonNode> digests = new ArrayList<>();
        List<Message> received;
        do {
            received = stack.emulators().sqs().receiveMessage(q -> q.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(0)
                    .visibilityTimeout(5)).messages();
            for (Message message : received) {
                try {
                    JsonNode body = Events.JSON.readTree(message.body());
                    if ("kpi.weekly_digest".equals(body.path("type").asText())) {
                        EventSchemas.assertValid(message.body());
                        digests.add(body);
                        stack.emulators().sqs().deleteMessage(q -> q.queueUrl(url).receiptHandle(message.receiptHandle()));
                    } else {
                        stack.emulators().sqs().changeMessageVisibility(q -> q.queueUrl(url).receiptHandle(message.receiptHandle()).visibilityTimeout(0));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        } while (received.stream().anyMatch(m -> m.body().contains("kpi.weekly_digest")));
        return digests;
    }
}
