package dev.storefront.local;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The insights function as `make run` runs it: analytics events sent to the real analytics-events
 * queue, polled like Lambda's event-source mapping (partial batch failures, redrive after 5
 * receives), counted in InsightsTable and read back through GET /admin/kpis over HTTP.
 */
abstract class InsightsScenarios {

    static final Duration PATIENCE = Duration.ofSeconds(90);

    abstract LocalRuntime runtime();

    static String viewed(String eventId, String date, String visitorId) {
        return "{\"eventId\":\"" + eventId + "\",\"type\":\"product.viewed\",\"version\":1,\"occurredAt\":\"" + date
                + "T12:00:00Z\",\"visitorId\":\"" + visitorId + "\",\"data\":{\"productId\":\"socks\"}}";
    }

    @Test
    void poison_analytics_events_end_in_the_dead_letter_queue_while_their_neighbours_are_counted_once() {
        LocalRuntime runtime = runtime();
        ApiClient api = new ApiClient(runtime.baseUrl());
        String admin = runtime.token("insights-admin", "admin");
        String marker = UUID.randomUUID().toString().substring(0, 8);
        // A date no other test writes: this test's counts are the day's counts.
        String date = "2009-0" + (1 + (marker.charAt(0) % 9)) + "-1" + (marker.charAt(1) % 9);
        String queue = runtime.resources().queueUrl("AnalyticsEventsQueue");
        String dlq = runtime.resources().queueUrl("AnalyticsEventsDLQ");
        String duplicateId = UUID.randomUUID().toString();
        List<String> poison = List.of("not json " + marker,
                viewed(UUID.randomUUID().toString(), date, "bad visitor " + marker),                 // visitorId outside the schema's pattern
                "{\"type\":\"order.placed\",\"marker\":\"" + marker + "\"}");                     // no envelope
        List<String> bodies = new ArrayList<>(List.of(viewed(duplicateId, date, "v1-" + marker), viewed(duplicateId, date, "v1-" + marker),
                viewed(UUID.randomUUID().toString(), date, "v2-" + marker), viewed(UUID.randomUUID().toString(), date, "v1-" + marker)));
        bodies.addAll(1, poison);
        // Operator's shortcut: a 1 s visibility timeout makes the five receives take seconds, not 5 x 60 s.
        runtime.sqs().setQueueAttributes(r -> r.queueUrl(queue).attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "1")));
        try {
            List<SendMessageBatchRequestEntry> batch = new ArrayList<>();
            for (int i = 0; i < bodies.size(); i++) {
                batch.add(SendMessageBatchRequestEntry.builder().id("m" + i).messageBody(bodies.get(i)).build());
            }
            assertThat(runtime.sqs().sendMessageBatch(r -> r.queueUrl(queue).entries(batch)).failed()).isEmpty();

            List<String> dead = new ArrayList<>();
            await().atMost(PATIENCE).until(() -> {
                runtime.sqs().receiveMessage(r -> r.queueUrl(dlq).maxNumberOfMessages(10).waitTimeSeconds(1)).messages().forEach(m -> {
                    if (m.body().contains(marker)) {
                        dead.add(m.body());
                        runtime.sqs().deleteMessage(r -> r.queueUrl(dlq).receiptHandle(m.receiptHandle()));
                    }
                });
                return dead.size() >= poison.size();
            });
            assertThat(dead).containsExactlyInAnyOrderElementsOf(poison);

            JsonNode day = api.send("GET", "/admin/kpis?from=" + date + "&to=" + date, null, admin).json().path("items").get(0);
            assertThat(day.path("productViews").asLong()).as("3 distinct events, one of them sent twice").isEqualTo(3);
            assertThat(day.path("visitors").asLong()).isEqualTo(2);
        } finally {
            runtime.sqs().setQueueAttributes(r -> r.queueUrl(queue).attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "60")));
        }
    }

    @Test
    void the_kpi_api_and_dashboard_are_for_admins_over_http() {
        LocalRuntime runtime = runtime();
        ApiClient api = new ApiClient(runtime.baseUrl());
        ApiClient.Response anonymous = api.send("GET", "/admin/kpis?from=2025-03-01&to=2025-03-02", null, null);
        assertThat(anonymous.status()).isEqualTo(401);
        ApiClient.Response customer = api.send("GET", "/admin/kpis?from=2025-03-01&to=2025-03-02", null, runtime.token("kpi-customer"));
        assertThat(customer.status()).isEqualTo(403);
        ApiClient.Response tooLong = api.send("GET", "/admin/kpis?from=2024-01-01&to=2025-01-01", null, runtime.token("kpi-admin", "admin"));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.contentType()).startsWith("application/problem+json");
        ApiClient.Response dashboard = api.send("GET", "/admin/kpis/dashboard", null, runtime.token("kpi-admin", "admin"));
        assertThat(dashboard.status()).isEqualTo(200);
        assertThat(dashboard.contentType()).startsWith("text/html");
        assertThat(dashboard.body()).contains("<svg");
    }
}
