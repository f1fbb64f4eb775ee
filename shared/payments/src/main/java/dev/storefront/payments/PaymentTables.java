package dev.storefront.payments;

import io.micronaut.context.annotation.ConfigurationProperties;

/** The sandbox processor's ledger (STOREFRONT_TABLES_PAYMENTS in template.yaml). */
@ConfigurationProperties("storefront.tables")
record PaymentTables(String payments) {
}
