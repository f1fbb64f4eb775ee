package dev.storefront.insights.retention;

import io.micronaut.context.annotation.ConfigurationProperties;

/** The notifications queue's URL, from {@code STOREFRONT_QUEUES_NOTIFICATIONS}. */
@ConfigurationProperties("storefront.queues")
record InsightsQueues(String notifications) {
}
