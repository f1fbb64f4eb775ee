package dev.storefront.customerstore;

import io.micronaut.context.annotation.ConfigurationProperties;

/** The Customers table's name, from {@code STOREFRONT_TABLES_CUSTOMERS}. */
@ConfigurationProperties("storefront.tables")
public record CustomerTables(String customers) {
}
