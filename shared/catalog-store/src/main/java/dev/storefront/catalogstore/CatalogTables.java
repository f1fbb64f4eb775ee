package dev.storefront.catalogstore;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * The catalog's table names, from {@code STOREFRONT_TABLES_PRODUCTS} and
 * {@code STOREFRONT_TABLES_INVENTORY}. Inventory may be absent: the insights function reads product
 * categories only and is given no Inventory table (Lambda contexts create every singleton eagerly,
 * so the stock readers exist there too, unused).
 */
@ConfigurationProperties("storefront.tables")
public record CatalogTables(String products, @Nullable String inventory) {

    /** The Inventory table, for the code that reads or writes stock. */
    public String requireInventory() {
        if (inventory == null) {
            throw new IllegalStateException("STOREFRONT_TABLES_INVENTORY is not set: this function was given no Inventory table");
        }
        return inventory;
    }
}
