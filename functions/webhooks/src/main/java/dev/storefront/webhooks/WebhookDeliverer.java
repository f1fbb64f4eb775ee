package dev.storefront.webhooks;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.micronaut.function.aws.MicronautRequestHandler;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import software.amazon.awssdk.core.exception.SdkException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Delivery jobs (the webhook-deliveries queue) in: each is one POST ({@link Deliveries#deliver}).
 * A receiver's failure is not this message's failure: the retry is a new, delayed job, and this one
 * is done. A job that cannot be read fails alone and rests in the DLQ after 5 receives; a DynamoDB
 * or SQS error fails it for SQS to redeliver.
 */
public class WebhookDeliverer extends MicronautRequestHandler<SQSEvent, SQSBatchResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookDeliverer.class);

    @Inject
    Deliveries deliveries;
    @Inject
    JsonMapper json;

    @Override
    public SQSBatchResponse execute(SQSEvent event) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event == null || event.getRecords() == null ? List.<SQSEvent.SQSMessage>of() : event.getRecords()) {
            MDC.put("messageId", message.getMessageId());
            try {
                DeliveryJob job = json.readValue(message.getBody(), DeliveryJob.class);
                MDC.put("webhookId", job.webhookId());
                MDC.put("eventId", job.eventId());
                deliveries.deliver(job);
            } catch (IOException | IllegalArgumentException | SdkException e) {
                LOG.error("Delivery job {} failed, reported for redelivery", message.getMessageId(), e);
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            } finally {
                MDC.remove("webhookId");
                MDC.remove("eventId");
                MDC.remove("messageId");
            }
        }
        return new SQSBatchResponse(failures);
    }
}
