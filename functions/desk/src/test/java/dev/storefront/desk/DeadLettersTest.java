package dev.storefront.desk;

import com.fasterxml.jackson.databind.JsonNode;
import dev.storefront.testsupport.FunctionHarness;
import dev.storefront.testsupport.HttpCall;
import dev.storefront.testsupport.HttpResult;
import dev.storefront.testsupport.QueueInbox;
import dev.storefront.testsupport.TestStack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dead-letter page and redrive over the real ElasticMQ queues of the template: a poison message
 * is seen (redacted) without being consumed, and a redrive puts every message back on its source
 * queue. Each test uses its own messages on its own dead-letter queue.
 */
class DeadLettersTest {

    static FunctionHarness desk;

    @BeforeAll
    static void start() {
        desk = FunctionHarness.start("DeskFunction");
    }

    static HttpResult asAdmin(HttpCall call) {
        return desk.http(call.as("ops-" + UUID.randomUUID().toString().substring(0, 6), "admin"));
    }

    static void poison(String dlqLogicalId, String body) {
        TestStack stack = TestStack.shared();
        stack.emulators().sqs().sendMessage(r -> r.queueUrl(stack.resources().queueUrl(dlqLogicalId)).messageBody(body));
    }

    static JsonNode queue(JsonNode page, String name) {
        for (JsonNode item : page.path("items")) {
            if (item.path("queue").asText().equals(name)) {
                return item;
            }
        }
        throw new AssertionError("no queue " + name + " in " + page);
    }

    static List<JsonNode> samplesWith(JsonNode queue, String marker) {
        List<JsonNode> found = new ArrayList<>();
        queue.path("samples").forEach(s -> {
            if (s.path("body").path("marker").asText().equals(marker)) {
                found.add(s);
            }
        });
        return found;
    }

    @Test
    void a_poison_message_is_listed_with_its_personal_data_redacted_and_stays_in_its_queue() {
        String marker = UUID.randomUUID().toString();
        poison("AnalyticsEventsDLQ", """
                {"marker":"%s","type":"order.placed","email":"ada@example.com",
                 "data":{"shippingAddress":{"name":"Ada","line1":"12 St James's Square"},"total":{"amount":4200}}}""".formatted(marker));

        for (int look = 0; look < 2; look++) {
            HttpResult page = asAdmin(HttpCall.get("/admin/dead-letters"));
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            JsonNode analytics = queue(page.json(), "analytics-events");
            assertThat(analytics.path("approximateCount").asLong()).isGreaterThanOrEqualTo(1);
            List<JsonNode> mine = samplesWith(analytics, marker);
            assertThat(mine).as("seen on look %d: %s", look, analytics).hasSize(1);
            JsonNode body = mine.get(0).path("body");
            assertThat(body.path("email").asText()).isEqualTo("[redacted]");
            assertThat(body.at("/data/shippingAddress").asText()).isEqualTo("[redacted]");
            assertThat(body.at("/data/total/amount").asInt()).isEqualTo(4200);
            assertThat(mine.get(0).path("receiveCount").asInt()).isGreaterThanOrEqualTo(1);
        }
        assertThat(page("/admin/dead-letters").toString()).doesNotContain("ada@example.com").doesNotContain("St James");
    }

    static JsonNode page(String path) {
        return asAdmin(HttpCall.get(path)).json();
    }

    @Test
    void a_redrive_moves_every_message_of_a_dead_letter_queue_back_to_its_source_queue_and_says_how_many() {
        List<String> markers = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString(), UUID.randomUUID().toString());
        markers.forEach(m -> poison("OrderEventsDLQ", "{\"marker\":\"" + m + "\",\"type\":\"order.placed\"}"));

        HttpResult redrive = asAdmin(HttpCall.post("/admin/dead-letters/order-events/redrive"));

        assertThat(redrive.status()).as(redrive.toString()).isIn(200, 202);
        if (redrive.status() == 200) {
            assertThat(redrive.json().path("status").asText()).isEqualTo("COMPLETED");
            assertThat(redrive.json().path("moved").asLong()).isGreaterThanOrEqualTo(3);
        }
        QueueInbox source = QueueInbox.of("OrderEventsQueue");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(source.matching(r -> markers.contains(r.text("marker")))).hasSize(3));
        assertThat(queue(page("/admin/dead-letters"), "order-events").path("samples")).noneMatch(s -> markers.contains(s.path("body").path("marker").asText()));
    }

    @Test
    void a_fifo_dead_letter_queue_is_moved_back_in_order_keeping_each_message_group() {
        TestStack stack = TestStack.shared();
        String group = "order-" + UUID.randomUUID();
        List<String> markers = List.of("first-" + group, "second-" + group, "third-" + group);
        for (String marker : markers) {
            stack.emulators().sqs().sendMessage(r -> r.queueUrl(stack.resources().queueUrl("FulfilmentUpdatesDLQ"))
                    .messageBody("{\"marker\":\"" + marker + "\"}").messageGroupId(group).messageDeduplicationId(marker));
        }

        HttpResult redrive = asAdmin(HttpCall.post("/admin/dead-letters/fulfilment-updates/redrive"));

        assertThat(redrive.status()).as(redrive.toString()).isEqualTo(200);
        assertThat(redrive.json().path("moved").asLong()).isGreaterThanOrEqualTo(3);
        List<String> order = new ArrayList<>();
        String url = stack.resources().queueUrl("FulfilmentUpdatesQueue");
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            stack.emulators().sqs().receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1)
                    .messageSystemAttributeNamesWithStrings("MessageGroupId")).messages().forEach(m -> {
                        if (group.equals(m.attributesAsStrings().get("MessageGroupId"))) {
                            order.add(m.body());
                        }
                        stack.emulators().sqs().deleteMessage(d -> d.queueUrl(url).receiptHandle(m.receiptHandle()));
                    });
            return order.size() >= 3;
        });
        assertThat(order).containsExactly(markers.stream().map(m -> "{\"marker\":\"" + m + "\"}").toArray(String[]::new));
    }

    @Test
    void a_queue_outside_the_stack_is_404_the_stream_failure_records_are_409_and_only_admins_may_look() {
        HttpResult unknown = asAdmin(HttpCall.post("/admin/dead-letters/some-other-queue/redrive"));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("code").asText()).isEqualTo("NOT_FOUND");
        HttpResult stream = asAdmin(HttpCall.post("/admin/dead-letters/order-events-relay-failures/redrive"));
        assertThat(stream.status()).as(stream.toString()).isEqualTo(409);
        assertThat(desk.http(HttpCall.get("/admin/dead-letters").as("shopper")).status()).isEqualTo(403);
        assertThat(desk.http(HttpCall.post("/admin/dead-letters/order-events/redrive").as("shopper")).status()).isEqualTo(403);
        assertThat(desk.http(HttpCall.get("/admin/dead-letters")).status()).isEqualTo(401);
    }
}
