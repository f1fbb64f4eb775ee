package dev.storefront.catalogstore;

import dev.storefront.aws.BatchGet;
import dev.storefront.domain.catalog.StockChange;
import dev.storefront.domain.catalog.StockLevel;
import dev.storefront.domain.catalog.StockShards;
import dev.storefront.domain.order.Reconciliation;
import dev.storefront.stockledger.InventoryLedger;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static dev.storefront.aws.Attributes.n;
import static dev.storefront.aws.Attributes.s;

/** Stock levels, one Inventory item per SKU (and its shards when hot), as the catalog function shows and sets them. */
@Singleton
public class InventoryRepository {

    private final DynamoDbClient dynamo;
    private final CatalogTables tables;
    private final Clock clock;

    private final InventoryLedger ledger;

    InventoryRepository(DynamoDbClient dynamo, CatalogTables tables, Clock clock, InventoryLedger ledger) {
        this.dynamo = dynamo;
        this.tables = tables;
        this.clock = clock;
        this.ledger = ledger;
    }

    /** Available units per SKU, a hot SKU's summed over its shards; a SKU without an Inventory item reads as 0. */
    public Map<String, Long> available(Collection<String> skus) {
        List<Map<String, AttributeValue>> keys = skus.stream().distinct().map(CatalogItems::stockKey).toList();
        Map<String, Long> available = new HashMap<>(StockReads.available(dynamo, tables.requireInventory(),
                BatchGet.items(dynamo, tables.requireInventory(), keys, StockReads.ATTRIBUTES, Map.of())));
        skus.forEach(sku -> available.putIfAbsent(sku, 0L));
        return available;
    }

    /**
     * Returned units of a SKU back on sale: the Inventory write that adds them and its ledger entry,
     * for the caller's transaction (the return's receipt, whose own condition makes it happen once).
     * The one path by which a return puts stock back; on a hot SKU it goes to the SKU's own item,
     * which every stock read sums with the shards.
     */
    public List<TransactWriteItem> restock(String sku, int units, String returnId) {
        if (units < 1) {
            throw new IllegalArgumentException("restock at least one unit, not " + units);
        }
        TransactWriteItem stock = TransactWriteItem.builder().update(Update.builder().tableName(tables.requireInventory())
                .key(CatalogItems.stockKey(sku))
                .updateExpression("ADD available :q")
                .conditionExpression("attribute_exists(sku)")
                .expressionAttributeValues(Map.of(":q", n(units)))
                .build()).build();
        return List.of(stock, ledger.entryFor(StockChange.restocked(sku, 0, units, returnId, clock.instant())));
    }

    /** A SKU's stock (over all its shards), the product it belongs to and how many shards it reserves from (1: not hot). */
    public record Stock(String sku, String productId, long available, int shards) {
    }

    /**
     * Sets the available count of a known SKU, split over {@code shards} shards (null: as many as
     * it has now; 1: not hot); empty when no product has that SKU. One transaction writes the
     * SKU's item (and, for a SKU ever hot, every shard it has had) with each item's ledger entry.
     */
    public Optional<Stock> set(StockLevel level, Integer shards) {
        String table = tables.requireInventory();
        Map<String, AttributeValue> own = dynamo.getItem(r -> r.tableName(table).key(CatalogItems.stockKey(level.sku()))
                .projectionExpression(StockReads.ATTRIBUTES).consistentRead(true)).item();
        if (own == null || CatalogItems.owner(own) == null) {
            return Optional.empty();
        }
        int count = shards == null ? CatalogItems.shards(own) : StockShards.requireValid(shards);
        boolean everHot = count > 1 || CatalogItems.shardSlots(own) > 0;
        Instant now = clock.instant();
        String reference = UUID.randomUUID().toString();
        String productId = CatalogItems.owner(own);
        long[] units = StockShards.split(level.available(), count, CatalogItems.shardSlots(own));
        List<TransactWriteItem> writes = new ArrayList<>();
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":a", n(units[0]), ":now", s(now.toString())));
        if (everHot) {
            values.putAll(Map.of(":n", n(count), ":slots", n(units.length - 1)));
        }
        writes.add(TransactWriteItem.builder().update(Update.builder().tableName(table).key(CatalogItems.stockKey(level.sku()))
                .updateExpression("SET available = :a, updatedAt = :now" + (everHot ? ", shards = :n, shardSlots = :slots" : ""))
                .conditionExpression("attribute_exists(productId)")
                .expressionAttributeValues(values)
                .build()).build());
        writes.add(ledger.entryFor(StockChange.set(level.sku(), 0, units[0], reference, now)));
        for (int i = 1; i < units.length; i++) {
            writes.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                    .key(CatalogItems.stockKey(StockShards.key(level.sku(), i)))
                    .updateExpression("SET available = :a, shardOf = :sku, productId = :p, updatedAt = :now")
                    .expressionAttributeValues(Map.of(":a", n(units[i]), ":sku", s(level.sku()), ":p", s(productId), ":now", s(now.toString())))
                    .build()).build());
            writes.add(ledger.entryFor(StockChange.set(level.sku(), i, units[i], reference, now)));
        }
        try {
            dynamo.transactWriteItems(r -> r.transactItems(writes));
        } catch (TransactionCanceledException e) {
            if ("ConditionalCheckFailed".equals(e.cancellationReasons().get(0).code())) {
                return Optional.empty();
            }
            throw e;
        }
        return Optional.of(new Stock(level.sku(), productId, level.available(), count));
    }

    /**
     * STOCK_DRIFT findings of one SKU: each of its stock items (its own, and every shard it ever had)
     * whose {@code available} is not what its inventory ledger adds up to. A disagreement is read
     * again once before it counts, so a sale landing between the two reads is not reported; stock
     * not set by an admin since the ledger began is not judged ({@link StockChange#expected}).
     */
    public List<Reconciliation.Finding> drift(String sku) {
        Map<String, AttributeValue> own = stockItem(StockShards.key(sku, 0));
        if (own == null) {
            return List.of();
        }
        List<Reconciliation.Finding> findings = new ArrayList<>();
        for (int shard = 0; shard <= CatalogItems.shardSlots(own); shard++) {
            Optional<Reconciliation.Finding> finding = driftOf(sku, shard);
            if (finding.isPresent()) {
                finding = driftOf(sku, shard);
            }
            finding.ifPresent(findings::add);
        }
        return findings;
    }

    private Optional<Reconciliation.Finding> driftOf(String sku, int shard) {
        Map<String, AttributeValue> item = stockItem(StockShards.key(sku, shard));
        long available = item == null ? 0 : CatalogItems.available(item);
        var expected = ledger.expected(sku, shard);
        return expected.isPresent() ? Reconciliation.stockDrift(sku, shard, expected.getAsLong(), available) : Optional.empty();
    }

    private Map<String, AttributeValue> stockItem(String key) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(tables.requireInventory()).key(CatalogItems.stockKey(key))
                .projectionExpression(StockReads.ATTRIBUTES).consistentRead(true)).item();
        return item == null || item.isEmpty() ? null : item;
    }
}
