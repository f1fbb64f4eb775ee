package dev.storefront.insights.retention;

import io.micronaut.context.annotation.ConfigurationProperties;

/** The notifications queue's URL, from {@code STOREFRONT_QUEUES_NOTIFICATIONS}. */
@ConfigurationProperties("storefront.queues")
public record InsightsQueues(String notifications) {
}
