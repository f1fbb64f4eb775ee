package dev.storefront.webhooks;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.storefront.eventcontract.MessageBatch;
import io.micronaut.function.aws.MicronautRequestHandler;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Order events (the webhook-events queue, which the outbox relay feeds like order-events) in: one
 * delivery job per active webhook that wants the event's type, on the webhook-deliveries queue. A
 * job that cannot be sent fails the event's message, so SQS brings the event back (jobs already
 * sent for it may be sent twice; the deliverer drops an event that already arrived).
 */
public class OrderEventsFanout extends MicronautRequestHandler<SQSEvent, SQSBatchResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(OrderEventsFanout.class);

    @Inject
    Deliveries deliveries;
    @Inject
    JsonMapper json;

    @Override
    public SQSBatchResponse execute(SQSEvent event) {
        return MessageBatch.process(event, json, LOG, deliveries::fanOut);
    }
}
