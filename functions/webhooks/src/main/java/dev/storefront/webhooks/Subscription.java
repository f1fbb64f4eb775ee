package dev.storefront.webhooks;

import java.time.Instant;
import java.util.Set;

/**
 * A merchant's webhook: where to POST which order event types, signed with its secret. It is
 * disabled ({@code active} false, {@code disabledReason} set) after too many failures in a row.
 */
record Subscription(String webhookId, String url, Set<String> events, boolean active, String secret,
                    long consecutiveFailures, String disabledReason, Instant createdAt, Instant updatedAt) {

    boolean wants(String type) {
        return active && (events.contains(type) || events.contains("*"));
    }
}
