package dev.storefront.fulfilment;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Requires;

/** The partner's requests queue (STOREFRONT_QUEUES_FULFILMENT_REQUESTS in template.yaml: both handlers send to it). */
@Requires(property = "storefront.queues.fulfilment.requests")
@ConfigurationProperties("storefront.queues.fulfilment")
record FulfilmentQueues(String requests) {
}
