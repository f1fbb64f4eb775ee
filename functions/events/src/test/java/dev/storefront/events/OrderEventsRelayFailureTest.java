package dev.storefront.events;

import dev.storefront.testsupport.QueueInbox;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.storefront.testsupport.FunctionHarness;
import dev.storefront.testsupport.TestStack;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.Record;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** When SQS does not take an event, the record is reported for Lambda to retry and nothing after it is sent. */
class OrderEventsRelayFailureTest {

    @Test
    void a_send_failure_reports_the_first_unsent_record_and_sends_nothing_after_it() throws Exception {
        String missingQueue = TestStack.shared().emulators().sqsEndpoint() + "/000000000000/no-such-queue";
        FunctionHarness relay = FunctionHarness.start("OrderEventsRelayFunction", Map.of("STOREFRONT_QUEUES_ORDER_EVENTS", missingQueue));
        String first = OrderItems.newOrderId();
        String second = OrderItems.newOrderId();
        Record firstRecord = OrderStream.insert(OrderItems.pending(first));

        JsonNode response = new ObjectMapper().readTree(relay.invoke(
                OrderStream.event(firstRecord, OrderStream.insert(OrderItems.pending(second))), UUID.randomUUID().toString()));

        assertThat(response.path("batchItemFailures")).hasSize(1);
        assertThat(response.at("/batchItemFailures/0/itemIdentifier").asText()).isEqualTo(OrderStream.sequenceNumber(firstRecord));
        assertThat(QueueInbox.orderEvents().ofOrder(first)).isEmpty();
        assertThat(QueueInbox.orderEvents().ofOrder(second)).isEmpty();
    }

    @Test
    void an_order_event_that_analytics_events_does_not_take_is_retried_like_any_failed_send() throws Exception {
        String missingQueue = TestStack.shared().emulators().sqsEndpoint() + "/000000000000/no-such-analytics-queue";
        FunctionHarness relay = FunctionHarness.start("OrderEventsRelayFunction", Map.of("STOREFRONT_QUEUES_ANALYTICS_EVENTS", missingQueue));
        String first = OrderItems.newOrderId();
        String second = OrderItems.newOrderId();
        Record firstRecord = OrderStream.insert(OrderItems.pending(first));

        JsonNode response = new ObjectMapper().readTree(relay.invoke(
                OrderStream.event(firstRecord, OrderStream.insert(OrderItems.pending(second))), UUID.randomUUID().toString()));

        assertThat(response.path("batchItemFailures")).hasSize(1);
        assertThat(response.at("/batchItemFailures/0/itemIdentifier").asText()).isEqualTo(OrderStream.sequenceNumber(firstRecord));
        assertThat(QueueInbox.orderEvents().ofOrder(first)).as("sent to order-events before the analytics send failed; the retry sends it again, same eventId")
                .hasSize(1);
        assertThat(QueueInbox.orderEvents().ofOrder(second)).isEmpty();
    }
}
