package dev.storefront.webhooks;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * A message on the webhook-deliveries queue: POST {@code event} (the order event's envelope, as
 * published) to webhook {@code webhookId}, attempt {@code attempt}. A retry is the same job again
 * with the attempt counted on, sent with an SQS delay; a wait longer than SQS's 15 minutes is
 * carried by {@code notBefore} (the job is sent on again until then).
 */
@Serdeable
record DeliveryJob(String webhookId, String eventId, String type, int attempt, String firstAttemptAt,
                   @Nullable String notBefore, String event) {

    DeliveryJob next(String dueAt) {
        return new DeliveryJob(webhookId, eventId, type, attempt + 1, firstAttemptAt, dueAt, event);
    }
}
