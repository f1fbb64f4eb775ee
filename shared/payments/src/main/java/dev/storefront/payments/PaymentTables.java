package dev.storefront.payments;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/** The sandbox processor's ledger (STOREFRONT_TABLES_PAYMENTS in template.yaml); a function without it has no processor. */
@ConfigurationProperties("storefront.tables")
record PaymentTables(@Nullable String payments) {
}
