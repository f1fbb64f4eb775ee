package dev.storefront.pricingstore;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Requires;

/** The ShopSettings table's name, from {@code STOREFRONT_TABLES_SETTINGS}. */
// Only in functions given the table: Lambda contexts create every singleton eagerly, and jars
// (or test classpaths) that merely hold this module must still start.
@Requires(property = "storefront.tables.settings")
@ConfigurationProperties("storefront.tables")
public record PricingTables(String settings) {
}
