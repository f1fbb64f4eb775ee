package dev.storefront.fulfilment;

import dev.storefront.eventcontract.MessageBatch;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.micronaut.function.aws.MicronautRequestHandler;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The partner's updates (fulfilment-updates FIFO queue) in: each is validated against its schema
 * under docs/events and applied to its order by {@link PartnerUpdates}. Invalid messages fail
 * alone; duplicates and stale updates are acknowledged. Every update that changes nothing but a
 * duplicate (stale, for an unknown order, invalid yet naming an order) is answered on the requests
 * queue with a {@code fulfilment.update_ignored}.
 */
public class PartnerUpdatesConsumer extends MicronautRequestHandler<SQSEvent, SQSBatchResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(PartnerUpdatesConsumer.class);

    @Inject
    PartnerUpdates updates;
    @Inject
    IgnoredUpdates answers;
    @Inject
    JsonMapper json;

    @Override
    public SQSBatchResponse execute(SQSEvent event) {
        return MessageBatch.process(event, json, LOG, updates::apply,
                (message, problem) -> answers.invalid(message.getMessageId(), message.getBody(), problem));
    }
}
