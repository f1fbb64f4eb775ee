package dev.storefront.cart;

import dev.storefront.testsupport.TestStack;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Catalog data for cart tests, written straight into the Products and Inventory tables in the
 * stored shape docs/ARCHITECTURE.md documents (the catalog function owns those writes; its handler
 * is not part of this module). Every id is unique, so tests share the emulators without sharing data.
 */
final class CatalogFixture {

    private CatalogFixture() {
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A new SKU of a new product priced {@code amount} EUR minor units with {@code available} in stock. */
    static String sku(long amount, long available) {
        return skus(amount, available, 1).get(0);
    }

    static List<String> skus(long amount, long available, int count) {
        return product(unique("p"), "Test product", amount, "EUR", available, count);
    }

    static List<String> product(String productId, String name, long amount, String currency, long available, int count) {
        List<String> skus = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            skus.add((productId + "-" + i).toUpperCase());
        }
        putProduct(productId, name, amount, currency, skus);
        skus.forEach(sku -> setStock(sku, productId, available));
        return skus;
    }

    static void putProduct(String productId, String name, long amount, String currency, List<String> skus) {
        List<AttributeValue> variants = skus.stream().map(sku -> AttributeValue.fromM(Map.of(
                "sku", s(sku), "attributes", AttributeValue.fromM(Map.of()), "amount", n(amount), "currency", s(currency)))).toList();
        dynamo().putItem(r -> r.tableName(table("ProductsTable")).item(Map.of(
                "id", s(productId), "listing", s("PRODUCT"), "category", s("test"), "name", s(name), "description", s(""),
                "variants", AttributeValue.fromL(variants), "version", n(1),
                "createdAt", s("2026-01-01T00:00:00Z"), "updatedAt", s("2026-01-01T00:00:00Z"))));
    }

    static void setStock(String sku, String productId, long available) {
        dynamo().putItem(r -> r.tableName(table("InventoryTable")).item(Map.of(
                "sku", s(sku), "productId", s(productId), "available", n(available))));
    }

    static String productIdOf(String sku) {
        return dynamo().getItem(r -> r.tableName(table("InventoryTable")).key(Map.of("sku", s(sku)))).item().get("productId").s();
    }

    /** The stored cart item, as DynamoDB holds it. */
    static Map<String, AttributeValue> storedCart(String cartId) {
        return dynamo().getItem(r -> r.tableName(table("CartsTable")).key(Map.of("cartId", s(cartId))).consistentRead(true)).item();
    }

    static void putStoredCart(Map<String, AttributeValue> item) {
        dynamo().putItem(r -> r.tableName(table("CartsTable")).item(item));
    }

    static DynamoDbClient dynamo() {
        return TestStack.shared().emulators().dynamo();
    }

    static String table(String logicalId) {
        return TestStack.shared().resources().tableName(logicalId);
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
