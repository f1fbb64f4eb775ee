package dev.storefront.events;

import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import dev.storefront.aws.EventMessages;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The order-events queue (standard SQS), and a copy of every order event for insights on the
 * analytics-events queue and for merchants' webhooks on webhook-events. Each event is one message on each: the envelope as the body, and
 * {@code type} and {@code eventId} also as message attributes, so a consumer can filter or drop a
 * duplicate without parsing the body.
 */
@Singleton
class OrderEventsQueue {

    private final SqsClient sqs;
    private final JsonMapper json;
    private final String queueUrl;
    private final String analyticsQueueUrl;
    private final String webhookQueueUrl;

    /** Without an analytics queue URL (a function outside the template), events go to order-events only. */
    OrderEventsQueue(SqsClient sqs, JsonMapper json, RelayQueues queues) {
        this.sqs = sqs;
        this.json = json;
        this.queueUrl = queues.order().events();
        this.analyticsQueueUrl = queues.analyticsEvents();
        this.webhookQueueUrl = queues.webhookEvents();
    }

    /**
     * Sends the event to order-events, then the same body (same eventId) to analytics-events; an
     * SDK exception when SQS did not take either, so the record is retried as a whole. A retry may
     * send order-events a second copy: consumers drop it by eventId, as they drop any redelivery,
     * while an order event missing from the insights would silently skew every KPI.
     * Returns order-events' message id.
     */
    String publish(OrderEvent event) {
        String body;
        try {
            body = json.writeValueAsString(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String messageId = EventMessages.send(sqs, queueUrl, body, event.type(), event.eventId(), null);
        if (analyticsQueueUrl != null) {
            EventMessages.send(sqs, analyticsQueueUrl, body, event.type(), event.eventId(), null);
        }
        // And for merchants' webhooks (functions/webhooks), which drop a second copy by eventId.
        if (webhookQueueUrl != null) {
            EventMessages.send(sqs, webhookQueueUrl, body, event.type(), event.eventId(), null);
        }
        return messageId;
    }
}
