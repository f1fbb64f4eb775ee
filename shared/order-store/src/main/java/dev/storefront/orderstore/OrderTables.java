package dev.storefront.orderstore;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Requires;

/**
 * The tables an order's moves write: Orders, and Inventory for the stock they take and give back
 * (STOREFRONT_TABLES_ORDERS and STOREFRONT_TABLES_INVENTORY in template.yaml).
 */
@Requires(property = "storefront.tables.orders")
@ConfigurationProperties("storefront.tables")
public record OrderTables(String orders, String inventory) {
}
