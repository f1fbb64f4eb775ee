package dev.storefront.events;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * Where the relay sends: order-events, and analytics-events and webhook-events when the template
 * gives them (STOREFRONT_QUEUES_ORDER_EVENTS, STOREFRONT_QUEUES_ANALYTICS_EVENTS,
 * STOREFRONT_QUEUES_WEBHOOK_EVENTS in template.yaml).
 */
@ConfigurationProperties("storefront.queues")
record RelayQueues(Order order, @Nullable Analytics analytics, @Nullable Webhook webhook) {

    @ConfigurationProperties("order")
    record Order(String events) {
    }

    @ConfigurationProperties("analytics")
    record Analytics(@Nullable String events) {
    }

    @ConfigurationProperties("webhook")
    record Webhook(@Nullable String events) {
    }

    /** The webhook-events queue URL (outbound webhooks); null without one. */
    @Nullable
    String webhookEvents() {
        return webhook == null || webhook.events() == null || webhook.events().isBlank() ? null : webhook.events();
    }

    /** The analytics-events queue URL; null without one (a function outside the template). */
    @Nullable
    String analyticsEvents() {
        return analytics == null || analytics.events() == null || analytics.events().isBlank() ? null : analytics.events();
    }
}
