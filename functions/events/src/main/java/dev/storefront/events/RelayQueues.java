package dev.storefront.events;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * Where the relay sends: order-events, and analytics-events when the template gives it
 * (STOREFRONT_QUEUES_ORDER_EVENTS, STOREFRONT_QUEUES_ANALYTICS_EVENTS in template.yaml).
 */
@ConfigurationProperties("storefront.queues")
record RelayQueues(Order order, @Nullable Analytics analytics) {

    @ConfigurationProperties("order")
    record Order(String events) {
    }

    @ConfigurationProperties("analytics")
    record Analytics(@Nullable String events) {
    }

    /** The analytics-events queue URL; null without one (a function outside the template). */
    @Nullable
    String analyticsEvents() {
        return analytics == null || analytics.events() == null || analytics.events().isBlank() ? null : analytics.events();
    }
}
