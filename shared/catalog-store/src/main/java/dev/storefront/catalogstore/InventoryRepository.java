package dev.storefront.catalogstore;

import dev.storefront.aws.BatchGet;
import dev.storefront.domain.catalog.StockLevel;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.storefront.aws.Attributes.n;
import static dev.storefront.aws.Attributes.s;

/** Stock levels, one Inventory item per SKU, as the catalog function shows and sets them. */
@Singleton
public class InventoryRepository {

    private final DynamoDbClient dynamo;
    private final CatalogTables tables;
    private final Clock clock;

    InventoryRepository(DynamoDbClient dynamo, CatalogTables tables, Clock clock) {
        this.dynamo = dynamo;
        this.tables = tables;
        this.clock = clock;
    }

    /** Available units per SKU; a SKU without an Inventory item reads as 0. */
    public Map<String, Long> available(Collection<String> skus) {
        Map<String, Long> available = new HashMap<>();
        List<Map<String, AttributeValue>> keys = skus.stream().distinct().map(CatalogItems::stockKey).toList();
        BatchGet.items(dynamo, tables.requireInventory(), keys, "sku, available", Map.of())
                .forEach(item -> available.put(CatalogItems.sku(item), CatalogItems.available(item)));
        skus.forEach(sku -> available.putIfAbsent(sku, 0L));
        return available;
    }

    /**
     * Returned units of a SKU back on sale: the Inventory write that adds them, for the caller's
     * transaction (the return's receipt, whose own condition makes it happen once). The one path by
     * which a return puts stock back.
     */
    public TransactWriteItem restock(String sku, int units) {
        if (units < 1) {
            throw new IllegalArgumentException("restock at least one unit, not " + units);
        }
        return TransactWriteItem.builder().update(Update.builder().tableName(tables.requireInventory())
                .key(CatalogItems.stockKey(sku))
                .updateExpression("ADD available :q")
                .conditionExpression("attribute_exists(sku)")
                .expressionAttributeValues(Map.of(":q", n(units)))
                .build()).build();
    }

    /** A SKU's stock and the product it belongs to. */
    public record Stock(String sku, String productId, long available) {
    }

    /** Sets the available count of a known SKU; empty when no product has that SKU. */
    public Optional<Stock> set(StockLevel level) {
        try {
            Map<String, AttributeValue> item = dynamo.updateItem(r -> r.tableName(tables.requireInventory())
                    .key(CatalogItems.stockKey(level.sku()))
                    .updateExpression("SET available = :a, updatedAt = :now")
                    .conditionExpression("attribute_exists(productId)")
                    .expressionAttributeValues(Map.of(":a", n(level.available()), ":now", s(clock.instant().toString())))
                    .returnValues(ReturnValue.ALL_NEW)).attributes();
            return Optional.of(new Stock(CatalogItems.sku(item), CatalogItems.owner(item), CatalogItems.available(item)));
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        }
    }
}
