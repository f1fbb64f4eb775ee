package dev.storefront.discountstore;

import io.micronaut.context.annotation.ConfigurationProperties;

/** The DiscountCodes table's name, from {@code STOREFRONT_TABLES_DISCOUNTS}. */
@ConfigurationProperties("storefront.tables")
public record DiscountTables(String discounts) {
}
