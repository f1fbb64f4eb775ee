package dev.storefront.webhooks;

import java.time.Instant;

/** One POST of an event to a webhook, as logged: what came back and how long it took. */
record DeliveryAttempt(String webhookId, String eventId, String type, int attempt, Instant at, Outcome outcome,
                       Integer responseCode, long latencyMs, String error, Instant nextAttemptAt) {

    enum Outcome {
        /** 2xx. */
        SUCCEEDED,
        /** Another status, a timeout or no connection: tried again later (nextAttemptAt), unless given up. */
        FAILED,
        /** The target is not allowed (it resolves to a private address now): not called. */
        REFUSED
    }
}
