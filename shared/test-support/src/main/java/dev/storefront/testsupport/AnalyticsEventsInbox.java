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
 * What arrived on the test stack's analytics-events queue, read with a real SQS client as the
 * insights function would. Tests in one JVM share the queue, so every message read is kept here
 * (and deleted from the queue); each test picks its own by a visitor, cart or order id it made up.
 */
public final class AnalyticsEventsInbox {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<Received> RECEIVED = new ArrayList<>();

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

    private AnalyticsEventsInbox() {
    }

    /** Every message with this visitorId received so far, in the order they were read. */
    public static List<Received> ofVisitor(String visitorId) {
        return matching(r -> visitorId.equals(r.text("visitorId")));
    }

    public static List<Received> ofCart(String cartId) {
        return matching(r -> cartId.equals(r.text("cartId")));
    }

    public static List<Received> ofOrder(String orderId) {
        return matching(r -> orderId.equals(r.text("orderId")));
    }

    /** Every message received so far that matches, after reading whatever the queue holds now. */
    public static synchronized List<Received> matching(Predicate<Received> which) {
        drain();
        return RECEIVED.stream().filter(which).toList();
    }

    private static void drain() {
        TestStack stack = TestStack.shared();
        SqsClient sqs = stack.emulators().sqs();
        String url = stack.resources().queueUrl("AnalyticsEventsQueue");
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
                    throw new UncheckedIOException("analytics-events holds a message that is not JSON: " + message.body(), e);
                }
                Map<String, String> attributes = new java.util.HashMap<>();
                message.messageAttributes().forEach((name, value) -> attributes.put(name, value.stringValue()));
                RECEIVED.add(new Received(message.body(), event, Map.copyOf(attributes)));
                sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(message.receiptHandle()));
            }
        }
    }
}
