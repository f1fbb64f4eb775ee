package dev.storefront.analytics;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * The analytics-events queue's URL, from {@code STOREFRONT_QUEUES_ANALYTICS_EVENTS}; absent in a
 * function that sends no funnel events (the catalog and cart admins), which then sends none.
 */
@ConfigurationProperties("storefront.queues.analytics")
public record AnalyticsQueue(@Nullable String events) {
}
