package dev.storefront.events;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.storefront.orderstore.OrderItems;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import software.amazon.awssdk.core.exception.SdkException;

import java.util.List;

/**
 * The outbox relay: the Orders table's stream in, one event per status change (and per return and refund step) out to the
 * order-events queue (and the same event to analytics-events, for insights). Checkout and fulfilment only write orders; publishing follows from the write
 * itself, so there is no dual write that could change an order and lose its event.
 *
 * <p>Records are handled in stream order. When one cannot be published, its sequence number is
 * reported as the batch item failure and the rest of the batch is left alone: Lambda retries from
 * that record (later ones were not sent, earlier ones are checkpointed), and after the mapping's
 * retries the record goes to the relay's failure queue. Nothing is lost; a retry may publish an
 * event twice, with the same event id.
 */
public class OrderEventsRelay extends MicronautRequestHandler<DynamodbEvent, StreamsEventResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(OrderEventsRelay.class);

    @Inject
    OrderEventsQueue queue;

    @Override
    public StreamsEventResponse execute(DynamodbEvent event) {
        List<DynamodbStreamRecord> records = event == null || event.getRecords() == null ? List.of() : event.getRecords();
        int published = 0;
        for (DynamodbStreamRecord record : records) {
            String sequenceNumber = record.getDynamodb() == null ? null : record.getDynamodb().getSequenceNumber();
            try {
                for (OrderEvent orderEvent : OrderEvents.of(record)) {
                    publish(orderEvent);
                    published++;
                }
            } catch (OrderItems.Unreadable e) {
                LOG.error("Stream record {} (sequence {}) is not an order change this relay can read: {}; stopping the batch here",
                        record.getEventID(), sequenceNumber, e.getMessage());
                return failedFrom(sequenceNumber, published, records.size());
            } catch (SdkException e) {
                LOG.error("Publishing stream record {} (sequence {}) failed; stopping the batch here", record.getEventID(), sequenceNumber, e);
                return failedFrom(sequenceNumber, published, records.size());
            }
        }
        LOG.info("Relayed {} order events from {} stream records", published, records.size());
        return new StreamsEventResponse(List.of());
    }

    private void publish(OrderEvent event) {
        MDC.put("orderId", event.orderId());
        MDC.put("eventId", event.eventId());
        try {
            String messageId = queue.publish(event);
            LOG.info("Published {} for order {} (event {}, message {})", event.type(), event.orderId(), event.eventId(), messageId);
        } finally {
            MDC.remove("orderId");
            MDC.remove("eventId");
        }
    }

    /** Lambda retries from the first failed record; an unknown sequence number fails the whole batch. */
    private static StreamsEventResponse failedFrom(String sequenceNumber, int published, int records) {
        LOG.warn("Relayed {} order events, then failed; {} stream records in the batch", published, records);
        return new StreamsEventResponse(List.of(new StreamsEventResponse.BatchItemFailure(sequenceNumber == null ? "" : sequenceNumber)));
    }
}
