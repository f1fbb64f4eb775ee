package dev.storefront.catalogstore;

import dev.storefront.aws.BatchGet;
import dev.storefront.domain.catalog.StockShards;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.storefront.aws.Attributes.n;

/**
 * A SKU's stock as every reader shows it: its own Inventory item, plus, for a hot SKU, the sum of
 * its shards ({@link StockShards}), read in one more BatchGetItem only when some SKU read is hot.
 */
final class StockReads {

    /** What a stock reader projects from a SKU's own item: enough to find its shards. */
    static final String ATTRIBUTES = "sku, productId, available, shards, shardSlots";

    private StockReads() {
    }

    /** The stock items, each hot SKU's {@code available} replaced by the sum over its own item and every shard it has had. */
    static List<Map<String, AttributeValue>> merged(DynamoDbClient dynamo, String table, List<Map<String, AttributeValue>> items) {
        List<Map<String, AttributeValue>> shardKeys = new ArrayList<>();
        for (Map<String, AttributeValue> item : items) {
            for (int i = 1; i <= CatalogItems.shardSlots(item); i++) {
                shardKeys.add(CatalogItems.stockKey(StockShards.key(CatalogItems.sku(item), i)));
            }
        }
        if (shardKeys.isEmpty()) {
            return items;
        }
        Map<String, Long> onShards = new HashMap<>();
        BatchGet.items(dynamo, table, shardKeys, "sku, shardOf, available", Map.of())
                .forEach(shard -> onShards.merge(shard.get("shardOf").s(), CatalogItems.available(shard), Long::sum));
        List<Map<String, AttributeValue>> merged = new ArrayList<>();
        for (Map<String, AttributeValue> item : items) {
            Long extra = onShards.get(CatalogItems.sku(item));
            if (extra == null) {
                merged.add(item);
            } else {
                Map<String, AttributeValue> copy = new HashMap<>(item);
                copy.put("available", n(CatalogItems.available(item) + extra));
                merged.add(copy);
            }
        }
        return merged;
    }

    /** Merged available units by SKU. */
    static Map<String, Long> available(DynamoDbClient dynamo, String table, List<Map<String, AttributeValue>> items) {
        Map<String, Long> available = new HashMap<>();
        merged(dynamo, table, items).forEach(item -> available.put(CatalogItems.sku(item), CatalogItems.available(item)));
        return available;
    }
}
