package dev.storefront.catalog;

import dev.storefront.aws.BatchGet;
import dev.storefront.domain.catalog.StockLevel;
import io.micronaut.context.annotation.Property;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.storefront.catalog.ProductItems.n;
import static dev.storefront.catalog.ProductItems.s;

/** Stock levels, one Inventory item per SKU. */
@Singleton
class InventoryRepository {

    private final DynamoDbClient dynamo;
    private final String inventory;
    private final Clock clock;

    InventoryRepository(DynamoDbClient dynamo, @Property(name = "storefront.tables.inventory") String inventory, Clock clock) {
        this.dynamo = dynamo;
        this.inventory = inventory;
        this.clock = clock;
    }

    /** Available units per SKU; a SKU without an Inventory item reads as 0. */
    Map<String, Long> available(Collection<String> skus) {
        Map<String, Long> available = new HashMap<>();
        List<Map<String, AttributeValue>> keys = skus.stream().distinct().map(sku -> Map.of("sku", s(sku))).toList();
        BatchGet.items(dynamo, inventory, keys, "sku, available", Map.of())
                .forEach(item -> available.put(item.get("sku").s(), Long.parseLong(item.get("available").n())));
        skus.forEach(sku -> available.putIfAbsent(sku, 0L));
        return available;
    }

    record Stock(String sku, String productId, long available) {
    }

    /** Sets the available count of a known SKU; empty when no product has that SKU. */
    Optional<Stock> set(StockLevel level) {
        try {
            Map<String, AttributeValue> item = dynamo.updateItem(r -> r.tableName(inventory)
                    .key(Map.of("sku", s(level.sku())))
                    .updateExpression("SET available = :a, updatedAt = :now")
                    .conditionExpression("attribute_exists(productId)")
                    .expressionAttributeValues(Map.of(":a", n(level.available()), ":now", s(clock.instant().toString())))
                    .returnValues(ReturnValue.ALL_NEW)).attributes();
            return Optional.of(new Stock(item.get("sku").s(), item.get("productId").s(), Long.parseLong(item.get("available").n())));
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        }
    }
}
