package dev.storefront.cartstore;

import dev.storefront.aws.BatchGet;
import dev.storefront.domain.Money;
import dev.storefront.domain.cart.Offer;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.storefront.aws.Attributes.s;

/**
 * What the catalog sells, read-only, in two round trips whatever the number of SKUs: Inventory by
 * SKU (which product, how many available), then those Products by id (name, variant prices). It
 * reads the stored item shapes documented in docs/ARCHITECTURE.md (Products: {@code id, listing,
 * category, name, variants[{sku, amount, currency}]}; Inventory: {@code sku, productId, available}) and only
 * the attributes it needs. It never writes: the cart function has no write permission on these tables.
 */
// Only in functions given the table: Lambda contexts create every singleton eagerly, and the
// insights function uses this module for discount codes alone.
@Requires(property = "storefront.tables.inventory")
@Singleton
public class CatalogReader {

    private static final String PRODUCT_LISTING = "PRODUCT";
    private static final String STOCK_ATTRIBUTES = "sku, productId, available";
    private static final String PRODUCT_ATTRIBUTES = "id, listing, category, #n, variants";

    private final DynamoDbClient dynamo;
    private final String products;
    private final String inventory;

    CatalogReader(DynamoDbClient dynamo,
                  @Property(name = "storefront.tables.products") String products,
                  @Property(name = "storefront.tables.inventory") String inventory) {
        this.dynamo = dynamo;
        this.products = products;
        this.inventory = inventory;
    }

    /**
     * The current offer for each SKU the catalog sells. A SKU with no Inventory item (unknown), or
     * whose product no longer lists it (a variant removed), has no entry.
     */
    public Map<String, Offer> offers(Collection<String> skus) {
        if (skus.isEmpty()) {
            return Map.of();
        }
        List<Map<String, AttributeValue>> stock = BatchGet.items(dynamo, inventory,
                skus.stream().distinct().map(sku -> Map.of("sku", s(sku))).toList(), STOCK_ATTRIBUTES, Map.of());
        return offers(stock, new HashMap<>());
    }

    /**
     * As {@link #offers(Collection)}, for SKUs whose product is already known (a cart's lines note
     * it): stock and products in one BatchGetItem instead of two reads in a row. A SKU belongs to one
     * product for good (its Inventory registration is conditional), so the hint holds; should it not,
     * the missing products are read after all.
     */
    public Map<String, Offer> offers(Map<String, String> productIdBySku) {
        if (productIdBySku.isEmpty()) {
            return Map.of();
        }
        List<Map<String, AttributeValue>> skuKeys = productIdBySku.keySet().stream().map(sku -> Map.of("sku", s(sku))).toList();
        List<Map<String, AttributeValue>> productKeys = productIdBySku.values().stream().filter(java.util.Objects::nonNull).distinct()
                .map(id -> Map.of("id", s(id))).toList();
        if (skuKeys.size() + productKeys.size() > 100) {
            return offers(productIdBySku.keySet());
        }
        Map<String, List<Map<String, AttributeValue>>> found = BatchGet.tables(dynamo, Map.of(
                inventory, KeysAndAttributes.builder().keys(skuKeys).projectionExpression(STOCK_ATTRIBUTES).build(),
                products, KeysAndAttributes.builder().keys(productKeys).projectionExpression(PRODUCT_ATTRIBUTES)
                        .expressionAttributeNames(Map.of("#n", "name")).build()));
        Map<String, Map<String, AttributeValue>> productsById = new HashMap<>();
        found.get(products).forEach(item -> productsById.put(item.get("id").s(), item));
        return offers(found.get(inventory), productsById);
    }

    /** Joins stock with products, reading the products not in {@code productsById} yet. */
    private Map<String, Offer> offers(List<Map<String, AttributeValue>> stock, Map<String, Map<String, AttributeValue>> productsById) {
        List<Map<String, AttributeValue>> productKeys = stock.stream()
                .filter(item -> item.containsKey("productId"))
                .map(item -> item.get("productId").s()).distinct()
                .filter(id -> !productsById.containsKey(id))
                .map(id -> Map.of("id", s(id))).toList();
        if (!productKeys.isEmpty()) {
            BatchGet.items(dynamo, products, productKeys, PRODUCT_ATTRIBUTES, Map.of("#n", "name"))
                    .forEach(item -> productsById.put(item.get("id").s(), item));
        }

        Map<String, Offer> offers = new HashMap<>();
        for (Map<String, AttributeValue> item : stock) {
            String sku = item.get("sku").s();
            Map<String, AttributeValue> product = item.containsKey("productId") ? productsById.get(item.get("productId").s()) : null;
            if (product == null || !product.containsKey("listing") || !PRODUCT_LISTING.equals(product.get("listing").s())) {
                continue;
            }
            for (AttributeValue variant : product.get("variants").l()) {
                Map<String, AttributeValue> v = variant.m();
                if (sku.equals(v.get("sku").s())) {
                    long available = item.containsKey("available") ? Long.parseLong(item.get("available").n()) : 0;
                    offers.put(sku, new Offer(sku, product.get("id").s(), product.get("name").s(),
                            new Money(Long.parseLong(v.get("amount").n()), v.get("currency").s()), Math.max(0, available),
                            product.containsKey("category") ? product.get("category").s() : null));
                }
            }
        }
        return offers;
    }
}
