package dev.storefront.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What arrived on one of the test stack's queues, read with a real SQS client as its consumer
 * would. Tests in one JVM share the queues, so every message read is kept here (and deleted from
 * the queue); each test picks its own by a visitor, cart or order id it made up.
 */
public final class QueueInbox {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, QueueInbox> BY_QUEUE = new java.util.concurrent.ConcurrentHashMap<>();

    private final String queue;
    private final List<Received> received = new ArrayList<>();

    /** One message: its body as sent, parsed, and its message attributes. */
    public record Received(String body, JsonNode event, Map<String, String> attributes) {
        public String type() {
            return event.path("type").asText();
        }

        public String eventId() {
            return event.path("eventId").asText();
        }

        public String text(String field) {
            JsonNode value = event.path(field);
            return value.isMissingNode() || value.isNull() ? null : value.asText();
        }

        public JsonNode data() {
            return event.path("data");
        }
    }

    private QueueInbox(String queue) {
        this.queue = queue;
    }

    /** analytics-events: funnel events and the relay's copies of order events. */
    public static QueueInbox analyticsEvents() {
        return of("AnalyticsEventsQueue");
    }

    /** order-events: what the relay publishes for fulfilment. */
    public static QueueInbox orderEvents() {
        return of("OrderEventsQueue");
    }

    /** The inbox of a queue by its logical id in template.yaml. */
    public static QueueInbox of(String logicalId) {
        return BY_QUEUE.computeIfAbsent(logicalId, QueueInbox::new);
    }

    /** Every message with this visitorId received so far, in the order they were read. */
    public List<Received> ofVisitor(String visitorId) {
        return matching(r -> visitorId.equals(r.text("visitorId")));
    }

    public List<Received> ofCart(String cartId) {
        return matching(r -> cartId.equals(r.text("cartId")));
    }

    public List<Received> ofOrder(String orderId) {
        return matching(r -> orderId.equals(r.text("orderId")));
    }

    /** Every message received so far that matches, after reading whatever the queue holds now. */
    public synchronized List<Received> matching(Predicate<Received> which) {
        drain();
        return received.stream().filter(which).toList();
    }

    private void drain() {
        TestStack stack = TestStack.shared();
        SqsClient sqs = stack.emulators().sqs();
        String url = stack.resources().queueUrl(queue);
        while (true) {
            List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(0)
                    .messageAttributeNames("All")).messages();
            if (messages.isEmpty()) {
                return;
            }
            for (Message message : messages) {
                JsonNode event;
                try {
                    event = JSON.readTree(message.body());
                } catch (IOException e) {
                    throw new UncheckedIOException(queue + " holds a message that is not JSON: " + message.body(), e);
                }
                Map<String, String> attributes = new java.util.HashMap<>();
                message.messageAttributes().forEach((name, value) -> attributes.put(name, value.stringValue()));
                received.add(new Received(message.body(), event, Map.copyOf(attributes)));
                sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(message.receiptHandle()));
            }
        }
    }
}
