package dev.storefront.aws;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads many items of one table by key: BatchGetItem in chunks of 100 keys, retrying the keys
 * DynamoDB leaves unprocessed under throttling a few rounds before giving up. Items that do not
 * exist are simply absent from the result, in no particular order.
 */
public final class BatchGet {

    static final int MAX_KEYS_PER_REQUEST = 100;
    static final int MAX_UNPROCESSED_ROUNDS = 5;

    private BatchGet() {
    }

    /**
     * @param projection     a projection expression, or null for whole items
     * @param attributeNames placeholders used in the projection (e.g. {@code #n -> name}), may be empty
     */
    public static List<Map<String, AttributeValue>> items(DynamoDbClient dynamo, String table, List<Map<String, AttributeValue>> keys,
                                                          String projection, Map<String, String> attributeNames) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        List<Map<String, AttributeValue>> distinct = keys.stream().distinct().toList();
        for (int from = 0; from < distinct.size(); from += MAX_KEYS_PER_REQUEST) {
            KeysAndAttributes.Builder chunk = KeysAndAttributes.builder()
                    .keys(distinct.subList(from, Math.min(distinct.size(), from + MAX_KEYS_PER_REQUEST)))
                    .projectionExpression(projection);
            if (attributeNames != null && !attributeNames.isEmpty()) {
                chunk.expressionAttributeNames(attributeNames);
            }
            Map<String, KeysAndAttributes> request = Map.of(table, chunk.build());
            for (int round = 0; request != null && !request.isEmpty(); round++) {
                if (round == MAX_UNPROCESSED_ROUNDS) {
                    throw new IllegalStateException("Reads of " + table + " stayed throttled after " + round + " rounds");
                }
                Map<String, KeysAndAttributes> batch = request;
                BatchGetItemResponse response = dynamo.batchGetItem(r -> r.requestItems(batch));
                items.addAll(response.responses().getOrDefault(table, List.of()));
                request = response.unprocessedKeys();
            }
        }
        return items;
    }

    /**
     * Items of several tables in one BatchGetItem (at most 100 keys in all), retrying unprocessed
     * keys; the items found, by table.
     */
    public static Map<String, List<Map<String, AttributeValue>>> tables(DynamoDbClient dynamo, Map<String, KeysAndAttributes> request) {
        int keys = request.values().stream().mapToInt(k -> k.keys().size()).sum();
        if (keys > MAX_KEYS_PER_REQUEST) {
            throw new IllegalArgumentException(keys + " keys in one BatchGetItem; at most " + MAX_KEYS_PER_REQUEST);
        }
        Map<String, List<Map<String, AttributeValue>>> items = new java.util.HashMap<>();
        request.keySet().forEach(table -> items.put(table, new ArrayList<>()));
        Map<String, KeysAndAttributes> pending = request.entrySet().stream().filter(e -> !e.getValue().keys().isEmpty())
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        for (int round = 0; !pending.isEmpty(); round++) {
            if (round == MAX_UNPROCESSED_ROUNDS) {
                throw new IllegalStateException("Reads of " + pending.keySet() + " stayed throttled after " + round + " rounds");
            }
            Map<String, KeysAndAttributes> batch = pending;
            BatchGetItemResponse response = dynamo.batchGetItem(r -> r.requestItems(batch));
            response.responses().forEach((table, found) -> items.get(table).addAll(found));
            pending = response.unprocessedKeys() == null ? Map.of() : response.unprocessedKeys();
        }
        return items;
    }
}
