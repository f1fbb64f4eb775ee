package dev.storefront.stockledger;

import dev.storefront.domain.catalog.StockChange;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import static dev.storefront.aws.Attributes.n;
import static dev.storefront.aws.Attributes.s;
import static dev.storefront.aws.Attributes.text;

/**
 * The inventory ledger (InventoryLedger table), its one owner: every change of a stock item is an
 * entry in the partition of that item ({@code stock = <sku>} or {@code <sku>#<shard>}, so a hot SKU's
 * shards spread over the ledger as they do over Inventory), sorted by time ({@code entry =
 * <at>#<reason>#<reference>}). Entries are written only through {@link #entryFor}, in the
 * transaction of the change they record.
 */
@Singleton
public class InventoryLedger {

    /** Fixed width, so the sort key orders as time does (Instant.toString drops trailing zeros). */
    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final DynamoDbClient dynamo;
    private final LedgerTables tables;

    public InventoryLedger(DynamoDbClient dynamo, LedgerTables tables) {
        this.dynamo = dynamo;
        this.tables = tables;
    }

    /**
     * The ledger entry of {@code change}, to write in the same transaction as the change itself
     * (admin set, reservation, release, restock of returned goods): the one way an entry is made.
     */
    public TransactWriteItem entryFor(StockChange change) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("stock", s(change.stockKey()));
        item.put("entry", s(AT.format(change.at()) + "#" + change.reason() + "#" + change.reference()));
        item.put("sku", s(change.sku()));
        item.put("shard", n(change.shard()));
        item.put("reason", s(change.reason().name()));
        item.put("delta", n(change.delta()));
        if (change.balance() != null) {
            item.put("balance", n(change.balance()));
        }
        item.put("reference", s(change.reference()));
        item.put("at", s(change.at().toString()));
        return TransactWriteItem.builder().put(Put.builder().tableName(tables.requireLedger()).item(item).build()).build();
    }

    /**
     * What the ledger says the stock item holds ({@link StockChange#expected}): read newest first
     * back to its last admin set only, so the read stays as short as the time since that set.
     */
    public OptionalLong expected(String sku, int shard) {
        String key = dev.storefront.domain.catalog.StockShards.key(sku, shard);
        List<StockChange> newestFirst = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            var page = dynamo.query(QueryRequest.builder().tableName(tables.requireLedger())
                    .keyConditionExpression("stock = :k").expressionAttributeValues(Map.of(":k", s(key)))
                    .scanIndexForward(false).consistentRead(true).exclusiveStartKey(from).build());
            for (Map<String, AttributeValue> item : page.items()) {
                StockChange change = change(item);
                newestFirst.add(change);
                if (change.reason() == StockChange.Reason.SET) {
                    return StockChange.expected(newestFirst);
                }
            }
            start = page.lastEvaluatedKey() == null || page.lastEvaluatedKey().isEmpty() ? null : page.lastEvaluatedKey();
        } while (start != null);
        return StockChange.expected(newestFirst);
    }

    private static StockChange change(Map<String, AttributeValue> item) {
        return new StockChange(text(item, "sku"), Integer.parseInt(item.get("shard").n()), StockChange.Reason.valueOf(text(item, "reason")),
                Long.parseLong(item.get("delta").n()), item.containsKey("balance") ? Long.valueOf(item.get("balance").n()) : null,
                text(item, "reference"), Instant.parse(text(item, "at")));
    }
}
