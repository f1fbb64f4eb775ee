package dev.storefront.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.storefront.testsupport.FunctionHarness;
import dev.storefront.testsupport.QueueInbox;
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
        TwoOrders run = twoNewOrdersWithAMissingQueue("STOREFRONT_QUEUES_ORDER_EVENTS");

        run.assertOnlyTheFirstRecordFailed();
        assertThat(QueueInbox.orderEvents().ofOrder(run.first())).isEmpty();
        assertThat(QueueInbox.orderEvents().ofOrder(run.second())).isEmpty();
    }

    @Test
    void an_order_event_that_analytics_events_does_not_take_is_retried_like_any_failed_send() throws Exception {
        TwoOrders run = twoNewOrdersWithAMissingQueue("STOREFRONT_QUEUES_ANALYTICS_EVENTS");

        run.assertOnlyTheFirstRecordFailed();
        assertThat(QueueInbox.orderEvents().ofOrder(run.first())).as("sent to order-events before the analytics send failed; the retry sends it again, same eventId")
                .hasSize(1);
        assertThat(QueueInbox.orderEvents().ofOrder(run.second())).isEmpty();
    }

    /** The relay, with the queue named by {@code queueVariable} missing, given a batch of two new orders. */
    private static TwoOrders twoNewOrdersWithAMissingQueue(String queueVariable) throws Exception {
        String missingQueue = TestStack.shared().emulators().sqsEndpoint() + "/000000000000/no-such-queue-" + UUID.randomUUID();
        FunctionHarness relay = FunctionHarness.start("OrderEventsRelayFunction", Map.of(queueVariable, missingQueue));
        String first = OrderItems.newOrderId();
        String second = OrderItems.newOrderId();
        Record firstRecord = OrderStream.insert(OrderItems.pending(first));
        JsonNode response = new ObjectMapper().readTree(relay.invoke(
                OrderStream.event(firstRecord, OrderStream.insert(OrderItems.pending(second))), UUID.randomUUID().toString()));
        return new TwoOrders(first, second, firstRecord, response);
    }

    private record TwoOrders(String first, String second, Record firstRecord, JsonNode response) {
        void assertOnlyTheFirstRecordFailed() {
            assertThat(response.path("batchItemFailures")).hasSize(1);
            assertThat(response.at("/batchItemFailures/0/itemIdentifier").asText()).isEqualTo(OrderStream.sequenceNumber(firstRecord));
        }
    }
}
