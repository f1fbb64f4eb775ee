package dev.storefront.eventcontract;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.micronaut.json.JsonMapper;
import org.slf4j.Logger;
import org.slf4j.MDC;
import software.amazon.awssdk.core.exception.SdkException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One SQS batch, message by message: each body is checked against its schema under docs/events,
 * read as an {@link Envelope} and handed on. A message that fails (unprocessable, or a transient
 * DynamoDB, SQS or processor error) is reported as a batch item failure, so Lambda deletes the
 * others and only that one comes back (and, after maxReceiveCount, rests in the DLQ).
 */
public final class MessageBatch {

    private MessageBatch() {
    }

    /** Told of a message whose body is not a valid envelope of its type, before it is reported failed. */
    @FunctionalInterface
    public interface InvalidMessages {
        void invalid(SQSEvent.SQSMessage message, String problem);
    }

    public static SQSBatchResponse process(SQSEvent event, JsonMapper json, Logger log, Consumer<Envelope> handler) {
        return process(event, json, log, handler, (message, problem) -> { });
    }

    public static SQSBatchResponse process(SQSEvent event, JsonMapper json, Logger log, Consumer<Envelope> handler,
                                           InvalidMessages invalid) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        List<SQSEvent.SQSMessage> records = event == null || event.getRecords() == null ? List.of() : event.getRecords();
        for (SQSEvent.SQSMessage message : records) {
            MDC.put("messageId", message.getMessageId());
            try {
                Envelope envelope;
                try {
                    envelope = read(message.getBody(), json);
                } catch (Unprocessable e) {
                    invalid.invalid(message, e.getMessage());
                    throw e;
                }
                MDC.put("orderId", envelope.orderId());
                MDC.put("eventId", envelope.eventId());
                MDC.put("type", envelope.type());
                handler.accept(envelope);
            } catch (Unprocessable e) {
                log.error("Message {} cannot be processed, reported as failed (the DLQ takes it after 5 receives): {}",
                        message.getMessageId(), e.getMessage());
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            } catch (SdkException | IllegalStateException e) {
                log.error("Message {} failed for now, reported as failed to be redelivered", message.getMessageId(), e);
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            } finally {
                MDC.remove("orderId");
                MDC.remove("eventId");
                MDC.remove("type");
                MDC.remove("messageId");
            }
        }
        if (!failures.isEmpty()) {
            log.warn("{} of {} messages failed", failures.size(), records.size());
        }
        return new SQSBatchResponse(failures);
    }

    private static Envelope read(String body, JsonMapper json) {
        if (body == null) {
            throw new Unprocessable("no body");
        }
        List<String> errors = EventContract.packaged().errors(body);
        if (!errors.isEmpty()) {
            throw new Unprocessable("not valid for docs/events: " + String.join("; ", errors));
        }
        try {
            return json.readValue(body, Envelope.class);
        } catch (IOException e) {
            throw new Unprocessable("unreadable envelope: " + e.getMessage());
        }
    }
}
