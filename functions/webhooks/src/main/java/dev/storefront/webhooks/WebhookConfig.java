package dev.storefront.webhooks;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * Outbound webhooks' configuration from template.yaml: the table (STOREFRONT_TABLES_WEBHOOKS), the
 * delivery queue (STOREFRONT_QUEUES_WEBHOOK_DELIVERIES), whether private and loopback targets and
 * http are allowed (STOREFRONT_WEBHOOKS_ALLOW_PRIVATE_TARGETS: false on AWS, true under make run) and
 * the retry backoff's base (STOREFRONT_WEBHOOKS_BACKOFF_BASE_SECONDS).
 */
final class WebhookConfig {

    private WebhookConfig() {
    }

    @ConfigurationProperties("storefront.tables")
    record Tables(String webhooks) {
    }

    @ConfigurationProperties("storefront.queues.webhook")
    record Queues(String deliveries) {
    }

    @ConfigurationProperties("storefront.webhooks")
    record Settings(@Bindable(defaultValue = "false") boolean allowPrivateTargets,
                    @Bindable(defaultValue = "10") long backoffBaseSeconds) {

        Duration backoffBase() {
            return Duration.ofSeconds(backoffBaseSeconds);
        }
    }
}
