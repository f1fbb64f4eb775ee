package dev.storefront.checkout;

import io.micronaut.context.annotation.ConfigurationProperties;

/** The Idempotency-Key records (STOREFRONT_TABLES_IDEMPOTENCY in template.yaml). */
@ConfigurationProperties("storefront.tables")
record CheckoutTables(String idempotency) {
}
