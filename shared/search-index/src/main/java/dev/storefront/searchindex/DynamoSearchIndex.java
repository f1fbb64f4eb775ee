package dev.storefront.searchindex;

import dev.storefront.domain.Money;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static dev.storefront.aws.Attributes.n;
import static dev.storefront.aws.Attributes.s;

/**
 * The search index in its DynamoDB table, the one place that knows its items (docs/SEARCH.md, "Storage"):
 * <ul>
 *   <li>a posting {@code pk = <key>} ({@link IndexKeys}), {@code sk = <productId>}: {@code f} (field
 *       bits) and the product's summary, {@code n} name, {@code c} category, {@code t} createdAt,
 *       {@code v} variants [{@code s} sku, {@code a} attributes, {@code p} amount, {@code c}
 *       currency, {@code i} in stock]: one Query per term answers matching, filters, facets and the page;</li>
 *   <li>a product's record {@code pk = doc#<productId>}, {@code sk = doc}: {@code keys}, every key
 *       it has a posting on, so a rename or a delete finds its old words.</li>
 * </ul>
 * A write first adds the new keys to the record, then writes the postings, then deletes the stale
 * ones and only then drops them from the record: a crash in between leaves a posting the record
 * still lists, which the next write of that product removes; never one nobody can find.
 */
@Singleton
public class DynamoSearchIndex implements SearchIndex {

    private static final String RECORD_PREFIX = "doc#";
    private static final String RECORD_SORT_KEY = "doc";
    private static final int MAX_WRITES_PER_BATCH = 25;
    private static final int MAX_UNPROCESSED_ROUNDS = 5;

    /** A query has at most 9 lists (8 words and a prefix); daemon threads never hold a function's exit. */
    private static final int PARALLEL_READS = 9;

    private final DynamoDbClient dynamo;
    private final String table;
    private final ExecutorService readers = Executors.newFixedThreadPool(PARALLEL_READS, runnable -> {
        Thread thread = new Thread(runnable, "search-index-read");
        thread.setDaemon(true);
        return thread;
    });

    public DynamoSearchIndex(DynamoDbClient dynamo, SearchIndexTable table) {
        this.dynamo = dynamo;
        this.table = table.search();
    }

    @Override
    public void put(IndexedProduct product) {
        String productId = product.productId();
        Set<String> before = indexedKeys(productId);
        Map<String, Integer> keys = IndexKeys.of(product);
        dynamo.updateItem(r -> r.tableName(table).key(recordKey(productId))
                .updateExpression("ADD #k :k")
                .expressionAttributeNames(Map.of("#k", "keys"))
                .expressionAttributeValues(Map.of(":k", AttributeValue.fromSs(List.copyOf(keys.keySet())))));
        List<WriteRequest> writes = new ArrayList<>();
        Map<String, AttributeValue> summary = summary(product.summary());
        keys.forEach((key, fields) -> {
            Map<String, AttributeValue> item = new HashMap<>(summary);
            item.put("pk", s(key));
            item.put("sk", s(productId));
            item.put("f", n(fields));
            writes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
        });
        Set<String> stale = new HashSet<>(before);
        stale.removeAll(keys.keySet());
        stale.forEach(key -> writes.add(delete(key, productId)));
        write(writes);
        if (!stale.isEmpty()) {
            dynamo.updateItem(r -> r.tableName(table).key(recordKey(productId))
                    .updateExpression("DELETE #k :k")
                    .expressionAttributeNames(Map.of("#k", "keys"))
                    .expressionAttributeValues(Map.of(":k", AttributeValue.fromSs(List.copyOf(stale)))));
        }
    }

    @Override
    public void remove(String productId) {
        Set<String> keys = indexedKeys(productId);
        write(keys.stream().map(key -> delete(key, productId)).toList());
        dynamo.deleteItem(r -> r.tableName(table).key(recordKey(productId)));
    }

    @Override
    public SearchResults search(SearchRequest request) {
        return Searcher.search(request, new QueriedLists());
    }

    @Override
    public List<Suggestion> suggest(String q) {
        return Searcher.suggest(q, new QueriedLists());
    }

    /**
     * Posting lists read with Query, every page, counting round trips and consumed read units. A
     * prefetch queries the lists side by side (the SDK client is thread-safe); reads then take
     * them from there.
     */
    private final class QueriedLists implements PostingLists {

        private int roundTrips;
        private double readUnits;
        private final Map<String, CompletableFuture<List<Posting>>> ahead = new HashMap<>();

        @Override
        public void prefetch(Collection<String> keys) {
            if (keys.size() > 1) {
                keys.forEach(key -> ahead.put(key, CompletableFuture.supplyAsync(() -> query(key), readers)));
            }
        }

        @Override
        public List<Posting> read(String key) {
            CompletableFuture<List<Posting>> fetched = ahead.remove(key);
            if (fetched == null) {
                return query(key);
            }
            try {
                return fetched.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException failure) {
                    throw failure;
                }
                throw e;
            }
        }

        private List<Posting> query(String key) {
            List<Posting> postings = new ArrayList<>();
            Map<String, AttributeValue> start = null;
            do {
                QueryResponse page = dynamo.query(QueryRequest.builder().tableName(table)
                        .keyConditionExpression("pk = :k")
                        .expressionAttributeValues(Map.of(":k", s(key)))
                        .exclusiveStartKey(start)
                        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                        .build());
                count(page);
                page.items().forEach(item -> postings.add(posting(item)));
                start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            } while (start != null);
            return postings;
        }

        private synchronized void count(QueryResponse page) {
            roundTrips++;
            if (page.consumedCapacity() != null && page.consumedCapacity().capacityUnits() != null) {
                readUnits += page.consumedCapacity().capacityUnits();
            }
        }

        @Override
        public synchronized SearchResults.ReadCost cost() {
            return new SearchResults.ReadCost(roundTrips, readUnits);
        }
    }

    private Set<String> indexedKeys(String productId) {
        Map<String, AttributeValue> record = dynamo.getItem(r -> r.tableName(table).key(recordKey(productId)).consistentRead(true)).item();
        return record == null || !record.containsKey("keys") ? Set.of() : new HashSet<>(record.get("keys").ss());
    }

    private static Map<String, AttributeValue> recordKey(String productId) {
        return Map.of("pk", s(RECORD_PREFIX + productId), "sk", s(RECORD_SORT_KEY));
    }

    private static WriteRequest delete(String key, String productId) {
        return WriteRequest.builder().deleteRequest(DeleteRequest.builder()
                .key(Map.of("pk", s(key), "sk", s(productId))).build()).build();
    }

    /** BatchWriteItem in chunks of 25, retrying what DynamoDB leaves unprocessed a few rounds. */
    private void write(List<WriteRequest> writes) {
        for (int from = 0; from < writes.size(); from += MAX_WRITES_PER_BATCH) {
            Map<String, List<WriteRequest>> request = Map.of(table,
                    writes.subList(from, Math.min(writes.size(), from + MAX_WRITES_PER_BATCH)));
            for (int round = 0; request != null && !request.isEmpty(); round++) {
                if (round == MAX_UNPROCESSED_ROUNDS) {
                    throw new IllegalStateException("Writes to " + table + " stayed throttled after " + round + " rounds");
                }
                Map<String, List<WriteRequest>> batch = request;
                BatchWriteItemResponse response = dynamo.batchWriteItem(r -> r.requestItems(batch));
                request = response.unprocessedItems();
            }
        }
    }

    private static Map<String, AttributeValue> summary(ProductSummary summary) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("n", s(summary.name()));
        item.put("c", s(summary.category()));
        item.put("t", s(summary.createdAt()));
        item.put("v", AttributeValue.fromL(summary.variants().stream().map(v -> {
            Map<String, AttributeValue> attributes = new HashMap<>();
            v.attributes().forEach((name, value) -> attributes.put(name, s(value)));
            return AttributeValue.fromM(Map.of("s", s(v.sku()), "a", AttributeValue.fromM(attributes),
                    "p", n(v.price().amount()), "c", s(v.price().currency()), "i", AttributeValue.fromBool(v.inStock())));
        }).toList()));
        return item;
    }

    private static Posting posting(Map<String, AttributeValue> item) {
        List<ProductSummary.Variant> variants = item.get("v").l().stream().map(value -> {
            Map<String, AttributeValue> v = value.m();
            Map<String, String> attributes = new LinkedHashMap<>();
            v.get("a").m().forEach((name, a) -> attributes.put(name, a.s()));
            return new ProductSummary.Variant(v.get("s").s(), attributes,
                    new Money(Long.parseLong(v.get("p").n()), v.get("c").s()), v.get("i").bool());
        }).toList();
        return new Posting(Integer.parseInt(item.get("f").n()), new ProductSummary(item.get("sk").s(), item.get("n").s(),
                item.get("c").s(), item.get("t").s(), variants));
    }
}
