package dev.storefront.events;

import io.micronaut.context.annotation.Property;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import dev.storefront.aws.EventMessages;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The order-events queue (standard SQS). Each event is one message: the envelope as the body, and
 * {@code type} and {@code eventId} also as message attributes, so a consumer can filter or drop a
 * duplicate without parsing the body.
 */
@Singleton
class OrderEventsQueue {

    private final SqsClient sqs;
    private final JsonMapper json;
    private final String queueUrl;

    OrderEventsQueue(SqsClient sqs, JsonMapper json, @Property(name = "storefront.queues.order.events") String queueUrl) {
        this.sqs = sqs;
        this.json = json;
        this.queueUrl = queueUrl;
    }

    /** Sends the event; an SDK exception when SQS did not take it. Returns SQS's message id. */
    String publish(OrderEvent event) {
        String body;
        try {
            body = json.writeValueAsString(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return EventMessages.send(sqs, queueUrl, body, event.type(), event.eventId(), null);
    }
}
