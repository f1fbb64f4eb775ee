package dev.storefront.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.storefront.testsupport.TestStack;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What arrived on the real order-events queue in the test stack's ElasticMQ, read with a real SQS
 * client as a consumer would. Tests in this JVM share the queue, so every message read is kept
 * here by its orderId (and deleted from the queue): each test looks only at its own orders.
 */
final class OrderEventsInbox {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, List<Received>> BY_ORDER = new ConcurrentHashMap<>();

    /** One message: its body as sent, parsed, and its message attributes. */
    record Received(String body, JsonNode event, Map<String, String> attributes) {
        String type() {
            return event.path("type").asText();
        }

        String eventId() {
            return event.path("eventId").asText();
        }
    }

    private OrderEventsInbox() {
    }

    /** Every message of the order received so far, after reading whatever the queue holds now. */
    static synchronized List<Received> of(String orderId) {
        drain();
        return List.copyOf(BY_ORDER.getOrDefault(orderId, List.of()));
    }

    /** Reads until the queue answers empty; the relay sends before its invocation returns. */
    private static void drain() {
        TestStack stack = TestStack.shared();
        SqsClient sqs = stack.emulators().sqs();
        String url = stack.resources().queueUrl("OrderEventsQueue");
        while (true) {
            List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(0)
                    .messageAttributeNames("All").messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
            if (messages.isEmpty()) {
                return;
            }
            for (Message message : messages) {
                JsonNode event;
                try {
                    event = JSON.readTree(message.body());
                } catch (IOException e) {
                    throw new UncheckedIOException("order-events holds a message that is not JSON: " + message.body(), e);
                }
                Map<String, String> attributes = new ConcurrentHashMap<>();
                message.messageAttributes().forEach((name, value) -> attributes.put(name, value.stringValue()));
                BY_ORDER.computeIfAbsent(event.path("orderId").asText(), id -> new ArrayList<>())
                        .add(new Received(message.body(), event, attributes));
                sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(message.receiptHandle()));
            }
        }
    }
}
