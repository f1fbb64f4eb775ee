package dev.storefront.fulfilment;

import dev.storefront.eventcontract.Envelope;
import io.micronaut.json.JsonMapper;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import dev.storefront.aws.EventMessages;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The fulfilment-requests FIFO queue the partner reads: one message group per order (so a
 * partner sees an order's request before its cancellation), deduplicated by the event id (SQS
 * drops a re-send within 5 minutes; the partner drops later copies by {@code eventId}).
 */
// Only where the template gives the queue (both handlers of this jar).
@Requires(property = "storefront.queues.fulfilment.requests")
@Singleton
class FulfilmentRequests {

    private final SqsClient sqs;
    private final JsonMapper json;
    private final String queueUrl;

    FulfilmentRequests(SqsClient sqs, JsonMapper json, FulfilmentQueues queues) {
        this.sqs = sqs;
        this.json = json;
        this.queueUrl = queues.requests();
    }

    void send(Envelope message) {
        String body;
        try {
            body = json.writeValueAsString(message);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        EventMessages.send(sqs, queueUrl, body, message.type(), message.eventId(), message.orderId());
    }
}
