package dev.storefront.fulfilment;

import dev.storefront.eventcontract.MessageBatch;
import dev.storefront.orderstore.PaymentSettlement;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.micronaut.function.aws.MicronautRequestHandler;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Order events (order-events queue) in: {@code order.placed} asks the partner to fulfil the order,
 * {@code order.cancelled} tells the partner to stop, when it had been asked, then makes the void the
 * cancellation still owes ({@link PaymentSettlement#settleOwed}: nothing owed, no call; same key,
 * so a void already made is not made twice). A void the processor does not take fails that message
 * alone: SQS redelivers it until the void is made, and after 5 receives it rests in the alarmed DLQ.
 * {@code return.requested} is forwarded to the partner as it is.
 * Every other type is not fulfilment's business and is acknowledged.
 */
public class OrderEventsConsumer extends MicronautRequestHandler<SQSEvent, SQSBatchResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(OrderEventsConsumer.class);

    @Inject
    PartnerRequests partner;
    @Inject
    PaymentSettlement settlement;
    @Inject
    JsonMapper json;

    @Override
    public SQSBatchResponse execute(SQSEvent event) {
        return MessageBatch.process(event, json, LOG, envelope -> {
            switch (envelope.type()) {
                case "order.placed" -> partner.placed(envelope);
                case "order.cancelled" -> partner.cancelled(envelope).ifPresent(settlement::settleOwed);
                case "return.requested" -> partner.returnRequested(envelope);
                default -> LOG.debug("{} {} is not for fulfilment", envelope.type(), envelope.eventId());
            }
        });
    }
}
