package dev.storefront.catalogstore;

import dev.storefront.aws.BatchGet;
import dev.storefront.domain.cart.Offer;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the catalog sells, read-only, for carts, checkout and insights: offers in two round trips
 * whatever the number of SKUs (Inventory by SKU: which product, how many available; then those
 * Products by id: name, variant prices), reading only the attributes they need, the categories
 * of some products, and one product with its stock for the search index. It never writes: the functions that use it have no write permission on these tables.
 */
@Singleton
public class CatalogReader {

    private static final String STOCK_ATTRIBUTES = StockReads.ATTRIBUTES;
    private static final String PRODUCT_ATTRIBUTES = "id, listing, category, #n, variants";
    private static final Map<String, String> PRODUCT_NAMES = Map.of("#n", "name");

    private final DynamoDbClient dynamo;
    private final CatalogTables tables;

    CatalogReader(DynamoDbClient dynamo, CatalogTables tables) {
        this.dynamo = dynamo;
        this.tables = tables;
    }

    /**
     * The current offer for each SKU the catalog sells. A SKU with no Inventory item (unknown), or
     * whose product no longer lists it (a variant removed), has no entry.
     */
    public Map<String, Offer> offers(Collection<String> skus) {
        if (skus.isEmpty()) {
            return Map.of();
        }
        List<Map<String, AttributeValue>> stock = BatchGet.items(dynamo, tables.requireInventory(),
                skus.stream().distinct().map(CatalogItems::stockKey).toList(), STOCK_ATTRIBUTES, Map.of());
        return offers(stock, new HashMap<>());
    }

    /**
     * As {@link #offers(Collection)}, for SKUs whose product is already known (a cart's lines note
     * it): stock and products in one BatchGetItem instead of two reads in a row. A SKU belongs to one
     * product for good (its Inventory registration is conditional), so the hint holds; should it not,
     * the missing products are read after all.
     */
    public Map<String, Offer> offers(Map<String, String> productIdBySku) {
        return offers(productIdBySku, null, null).offers();
    }

    /** Offers, and the items of another table's keys read in the same BatchGetItem. */
    public record OffersWith(Map<String, Offer> offers, List<Map<String, AttributeValue>> alongside) {
    }

    /**
     * As {@link #offers(Map)}, reading {@code alongsideKeys} of {@code alongsideTable} (null: none) in
     * the same BatchGetItem: what a cart priced for a destination needs, in the round trip it makes anyway.
     */
    public OffersWith offers(Map<String, String> productIdBySku, String alongsideTable, KeysAndAttributes alongsideKeys) {
        int alongside = alongsideKeys == null ? 0 : alongsideKeys.keys().size();
        if (productIdBySku.isEmpty()) {
            return new OffersWith(Map.of(), alongside == 0 ? List.of()
                    : BatchGet.tables(dynamo, Map.of(alongsideTable, alongsideKeys)).get(alongsideTable));
        }
        String inventory = tables.requireInventory();
        List<Map<String, AttributeValue>> skuKeys = productIdBySku.keySet().stream().map(CatalogItems::stockKey).toList();
        List<Map<String, AttributeValue>> productKeys = productIdBySku.values().stream().filter(Objects::nonNull).distinct()
                .map(CatalogItems::productKey).toList();
        if (skuKeys.size() + productKeys.size() + alongside > 100) {
            return new OffersWith(offers(productIdBySku.keySet()), alongside == 0 ? List.of()
                    : BatchGet.tables(dynamo, Map.of(alongsideTable, alongsideKeys)).get(alongsideTable));
        }
        Map<String, KeysAndAttributes> request = new HashMap<>();
        request.put(inventory, KeysAndAttributes.builder().keys(skuKeys).projectionExpression(STOCK_ATTRIBUTES).build());
        request.put(tables.products(), KeysAndAttributes.builder().keys(productKeys).projectionExpression(PRODUCT_ATTRIBUTES)
                .expressionAttributeNames(PRODUCT_NAMES).build());
        if (alongside > 0) {
            request.put(alongsideTable, alongsideKeys);
        }
        Map<String, List<Map<String, AttributeValue>>> found = BatchGet.tables(dynamo, request);
        Map<String, Map<String, AttributeValue>> productsById = new HashMap<>();
        found.get(tables.products()).forEach(item -> productsById.put(CatalogItems.productId(item), item));
        return new OffersWith(offers(found.get(inventory), productsById),
                alongside == 0 ? List.of() : found.getOrDefault(alongsideTable, List.of()));
    }

    /** A product as listed now: what it is, when it was first listed, the units available per SKU. */
    public record ListedProduct(dev.storefront.domain.catalog.Product product, String createdAt, Map<String, Long> available) {
    }

    /**
     * A product and the stock of each of its SKUs, for the search index: one consistent GetItem and
     * one BatchGetItem. Empty when there is no such product (deleted, or a category's id).
     */
    public java.util.Optional<ListedProduct> listed(String productId) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(tables.products())
                .key(CatalogItems.productKey(productId)).consistentRead(true)).item();
        if (!CatalogItems.isProduct(item)) {
            return java.util.Optional.empty();
        }
        dev.storefront.domain.catalog.Product product = CatalogItems.fromItem(item);
        Map<String, Long> available = StockReads.available(dynamo, tables.requireInventory(), BatchGet.items(dynamo, tables.requireInventory(),
                product.skus().stream().map(CatalogItems::stockKey).toList(), STOCK_ATTRIBUTES, Map.of()));
        return java.util.Optional.of(new ListedProduct(product, CatalogItems.createdAt(item), available));
    }

    /** The distinct categories of the products that still exist; products since removed add none. */
    public Set<String> categoriesOf(Collection<String> productIds) {
        Set<String> categories = new TreeSet<>();
        BatchGet.items(dynamo, tables.products(), productIds.stream().distinct().map(CatalogItems::productKey).toList(),
                        "id, category", Map.of())
                .forEach(item -> {
                    String category = CatalogItems.category(item);
                    if (category != null) {
                        categories.add(category);
                    }
                });
        return categories;
    }

    /** Joins stock with products, reading the products not in {@code productsById} yet. */
    private Map<String, Offer> offers(List<Map<String, AttributeValue>> ownItems, Map<String, Map<String, AttributeValue>> productsById) {
        List<Map<String, AttributeValue>> stock = StockReads.merged(dynamo, tables.requireInventory(), ownItems);
        List<Map<String, AttributeValue>> productKeys = stock.stream()
                .map(CatalogItems::owner).filter(Objects::nonNull).distinct()
                .filter(id -> !productsById.containsKey(id))
                .map(CatalogItems::productKey).toList();
        if (!productKeys.isEmpty()) {
            BatchGet.items(dynamo, tables.products(), productKeys, PRODUCT_ATTRIBUTES, PRODUCT_NAMES)
                    .forEach(item -> productsById.put(CatalogItems.productId(item), item));
        }
        Map<String, Offer> offers = new HashMap<>();
        for (Map<String, AttributeValue> item : stock) {
            String owner = CatalogItems.owner(item);
            Offer offer = CatalogItems.offer(item, owner == null ? null : productsById.get(owner));
            if (offer != null) {
                offers.put(offer.sku(), offer);
            }
        }
        return offers;
    }
}
