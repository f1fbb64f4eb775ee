package dev.storefront.desk;

import io.micronaut.context.annotation.ConfigurationProperties;

/** The reconciler's findings table, from {@code STOREFRONT_TABLES_RECONCILIATION}: written by the reconciler, read by the desk. */
@ConfigurationProperties("storefront.tables")
record ReconciliationTables(String reconciliation) {
}
