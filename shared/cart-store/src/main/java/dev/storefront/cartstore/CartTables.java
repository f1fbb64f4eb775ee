package dev.storefront.cartstore;

import io.micronaut.context.annotation.ConfigurationProperties;

/** The Carts table's name, from {@code STOREFRONT_TABLES_CARTS}. */
@ConfigurationProperties("storefront.tables")
public record CartTables(String carts) {
}
