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
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
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
 *   <li>a posting {@code pk = <key>} ({@link IndexKeys}), {@code sk = c#<category>#<productId>}:
 *       {@code f} (field bits) and the product's summary, {@code n} name, {@code c} category,
 *       {@code t} createdAt, {@code v} variants [{@code s} sku, {@code a} attributes, {@code p}
 *       amount, {@code c} currency, {@code i} in stock]: one Query per term answers matching,
 *       filters, facets and the page, and a category filter reads only its category's part;</li>
 *   <li>a name entry on the same list when the key is in the product's name, {@code sk =
 *       n#<name length, 4 digits>#<productId>}, {@code n} name: the list's names in the order
 *       suggestions rank them, so a suggestion reads ten small items, not the whole list;</li>
 *   <li>a product's record {@code pk = doc#<productId>}, {@code sk = doc}: {@code keys}, every
 *       item it has, as {@code <pk>\u001f<sk>}, so a rename, a move or a delete finds its old
 *       ones (an entry without the separator is a bare {@code pk} of the earlier layout, whose
 *       {@code sk} was the product id: the next write of the product removes it).</li>
 * </ul>
 * A write first adds the new items to the record, then writes them, then deletes the stale ones
 * and only then drops them from the record: a crash in between leaves an item the record still
 * lists, which the next write of that product removes; never one nobody can find.
 */
@Singleton
public class DynamoSearchIndex implements SearchIndex {

    private static final String RECORD_PREFIX = "doc#";
    private static final String RECORD_SORT_KEY = "doc";
    private static final String POSTING_PREFIX = "c#";
    private static final String NAME_PREFIX = "n#";
    private static final char ITEM_SEPARATOR = '\u001f';
    private static final int MAX_WRITES_PER_BATCH = 25;
    private static final int MAX_UNPROCESSED_ROUNDS = 5;

    /**
     * A query has at most 9 lists (8 words and a prefix); a product's writes are a few batches.
     * Daemon threads never hold a function's exit.
     */
    private static final int PARALLEL_CALLS = 9;

    private final DynamoDbClient dynamo;
    private final String table;
    private final ExecutorService calls = Executors.newFixedThreadPool(PARALLEL_CALLS, runnable -> {
        Thread thread = new Thread(runnable, "search-index-call");
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
        ProductSummary summary = product.summary();
        Map<String, AttributeValue> shown = summary(summary);
        String postingKey = POSTING_PREFIX + summary.category() + "#" + productId;
        String nameKey = NAME_PREFIX + String.format("%04d", summary.name().length()) + "#" + productId;
        Map<String, Map<String, AttributeValue>> items = new LinkedHashMap<>();
        IndexKeys.of(product).forEach((key, fields) -> {
            Map<String, AttributeValue> posting = new HashMap<>(shown);
            posting.put("pk", s(key));
            posting.put("sk", s(postingKey));
            posting.put("f", n(fields));
            items.put(key + ITEM_SEPARATOR + postingKey, posting);
            if ((fields & Fields.NAME) != 0) {
                items.put(key + ITEM_SEPARATOR + nameKey, Map.of("pk", s(key), "sk", s(nameKey), "n", s(summary.name())));
            }
        });
        // One round trip adds the new items to the record and answers the items it held before.
        Map<String, AttributeValue> held = dynamo.updateItem(r -> r.tableName(table).key(recordKey(productId))
                .updateExpression("ADD #k :k")
                .expressionAttributeNames(Map.of("#k", "keys"))
                .expressionAttributeValues(Map.of(":k", AttributeValue.fromSs(List.copyOf(items.keySet()))))
                .returnValues(ReturnValue.UPDATED_OLD)).attributes();
        Set<String> before = held == null || !held.containsKey("keys") ? Set.of() : new HashSet<>(held.get("keys").ss());
        List<WriteRequest> writes = new ArrayList<>();
        items.values().forEach(item -> writes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build()));
        Set<String> stale = new HashSet<>(before);
        stale.removeAll(items.keySet());
        stale.forEach(entry -> writes.add(delete(entry, productId)));
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
        Set<String> entries = indexedItems(productId);
        write(entries.stream().map(entry -> delete(entry, productId)).toList());
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
     * Posting lists read with Query, counting round trips and consumed read units. A prefetch
     * queries the lists side by side (the SDK client is thread-safe); reads then take them from there.
     */
    private final class QueriedLists implements PostingLists {

        private int roundTrips;
        private double readUnits;
        private final Map<String, CompletableFuture<List<Posting>>> ahead = new HashMap<>();

        @Override
        public void prefetch(Collection<String> keys, String category) {
            if (keys.size() > 1) {
                keys.forEach(key -> ahead.put(key, CompletableFuture.supplyAsync(() -> postings(key, category), calls)));
            }
        }

        @Override
        public List<Posting> read(String key, String category) {
            CompletableFuture<List<Posting>> fetched = ahead.remove(key);
            return fetched == null ? postings(key, category) : joined(fetched);
        }

        @Override
        public Map<String, List<Suggestion>> shortestNames(Collection<String> keys, int limit) {
            Map<String, CompletableFuture<List<Suggestion>>> reads = new LinkedHashMap<>();
            keys.forEach(key -> reads.put(key, CompletableFuture.supplyAsync(() -> names(key, limit), calls)));
            Map<String, List<Suggestion>> names = new HashMap<>();
            reads.forEach((key, read) -> names.put(key, joined(read)));
            return names;
        }

        private List<Posting> postings(String key, String category) {
            String from = category == null ? POSTING_PREFIX : POSTING_PREFIX + category + "#";
            List<Posting> postings = new ArrayList<>();
            Map<String, AttributeValue> start = null;
            do {
                QueryResponse page = dynamo.query(range(key, from).exclusiveStartKey(start).build());
                count(page);
                page.items().forEach(item -> postings.add(posting(item)));
                start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            } while (start != null);
            return postings;
        }

        private List<Suggestion> names(String key, int limit) {
            List<Suggestion> names = new ArrayList<>();
            Map<String, AttributeValue> start = null;
            do {
                QueryResponse page = dynamo.query(range(key, NAME_PREFIX).exclusiveStartKey(start)
                        .limit(limit == Integer.MAX_VALUE ? null : limit - names.size()).build());
                count(page);
                page.items().forEach(item -> names.add(new Suggestion(item.get("n").s(), productIdOf(item.get("sk").s()))));
                start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            } while (start != null && names.size() < limit);
            return names;
        }

        private QueryRequest.Builder range(String key, String sortKeyPrefix) {
            return QueryRequest.builder().tableName(table)
                    .keyConditionExpression("pk = :k AND begins_with(sk, :s)")
                    .expressionAttributeValues(Map.of(":k", s(key), ":s", s(sortKeyPrefix)))
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL);
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

    /** The future's value, or the SDK's own exception when the call failed. */
    private static <T> T joined(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw e;
        }
    }

    /** The product id at the end of a posting's or a name entry's sort key (categories and ids have no '#'). */
    private static String productIdOf(String sortKey) {
        return sortKey.substring(sortKey.lastIndexOf('#') + 1);
    }

    private Set<String> indexedItems(String productId) {
        Map<String, AttributeValue> record = dynamo.getItem(r -> r.tableName(table).key(recordKey(productId)).consistentRead(true)).item();
        return record == null || !record.containsKey("keys") ? Set.of() : new HashSet<>(record.get("keys").ss());
    }

    private static Map<String, AttributeValue> recordKey(String productId) {
        return Map.of("pk", s(RECORD_PREFIX + productId), "sk", s(RECORD_SORT_KEY));
    }

    /** Deletes a record's entry: {@code <pk>\u001f<sk>}, or a bare pk of the earlier layout (sk: the product id). */
    private static WriteRequest delete(String entry, String productId) {
        int separator = entry.lastIndexOf(ITEM_SEPARATOR);
        String pk = separator < 0 ? entry : entry.substring(0, separator);
        String sk = separator < 0 ? productId : entry.substring(separator + 1);
        return WriteRequest.builder().deleteRequest(DeleteRequest.builder()
                .key(Map.of("pk", s(pk), "sk", s(sk))).build()).build();
    }

    /**
     * BatchWriteItem in chunks of 25, sent side by side (distinct items: no order between them),
     * each retrying what DynamoDB leaves unprocessed a few rounds.
     */
    private void write(List<WriteRequest> writes) {
        List<CompletableFuture<Void>> batches = new ArrayList<>();
        for (int from = 0; from < writes.size(); from += MAX_WRITES_PER_BATCH) {
            List<WriteRequest> chunk = writes.subList(from, Math.min(writes.size(), from + MAX_WRITES_PER_BATCH));
            batches.add(CompletableFuture.runAsync(() -> writeBatch(chunk), calls));
        }
        batches.forEach(DynamoSearchIndex::joined);
    }

    private void writeBatch(List<WriteRequest> chunk) {
        Map<String, List<WriteRequest>> request = Map.of(table, chunk);
        for (int round = 0; request != null && !request.isEmpty(); round++) {
            if (round == MAX_UNPROCESSED_ROUNDS) {
                throw new IllegalStateException("Writes to " + table + " stayed throttled after " + round + " rounds");
            }
            Map<String, List<WriteRequest>> batch = request;
            BatchWriteItemResponse response = dynamo.batchWriteItem(r -> r.requestItems(batch));
            request = response.unprocessedItems();
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
        return new Posting(Integer.parseInt(item.get("f").n()), new ProductSummary(productIdOf(item.get("sk").s()), item.get("n").s(),
                item.get("c").s(), item.get("t").s(), variants));
    }
}
