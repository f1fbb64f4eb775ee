package dev.storefront.searchindexer;

import dev.storefront.samlocal.DynamodbEvents;
import dev.storefront.searchindex.DynamoSearchIndex;
import dev.storefront.searchindex.SearchIndexTable;
import dev.storefront.searchindex.SearchRequest;
import dev.storefront.searchindex.SearchResults;
import dev.storefront.searchindex.SearchResults.FacetValue;
import dev.storefront.testsupport.FunctionHarness;
import dev.storefront.testsupport.TestStack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The indexer's handler from the template, on stream events as Lambda builds them, over the
 * catalog tables and the index table in DynamoDB Local.
 */
class CatalogIndexerTest {

    private static final AtomicLong SEQUENCE = new AtomicLong();
    static FunctionHarness indexer;
    static DynamoDbClient dynamo;
    static String products;
    static String inventory;
    static String index;
    static DynamoSearchIndex searchIndex;

    @BeforeAll
    static void start() {
        indexer = FunctionHarness.start("SearchIndexerFunction");
        TestStack stack = TestStack.shared();
        dynamo = stack.emulators().dynamo();
        products = stack.resources().tableName("ProductsTable");
        inventory = stack.resources().tableName("InventoryTable");
        index = stack.resources().tableName("SearchIndexTable");
        searchIndex = new DynamoSearchIndex(dynamo, new SearchIndexTable(index));
    }

    /** A product item as the catalog stores it (shared/catalog-store CatalogItems), with its SKU's stock. */
    private static void list(String productId, String name, String sku, long available) {
        list(productId, name, "tents", sku, Map.of(), 19900, available);
    }

    private static void list(String productId, String name, String category, String sku, Map<String, String> attributes,
                             long amount, long available) {
        Map<String, AttributeValue> attributeValues = new java.util.HashMap<>();
        attributes.forEach((k, v) -> attributeValues.put(k, s(v)));
        dynamo.putItem(r -> r.tableName(products).item(Map.of(
                "id", s(productId), "listing", s("PRODUCT"), "category", s(category), "name", s(name),
                "description", s("Sleeps two."), "version", n(1),
                "createdAt", s("2026-03-01T00:00:00Z"), "updatedAt", s("2026-03-01T00:00:00Z"),
                "variants", AttributeValue.fromL(List.of(AttributeValue.fromM(Map.of(
                        "sku", s(sku), "attributes", AttributeValue.fromM(attributeValues), "amount", n(amount), "currency", s("EUR"))))))));
        dynamo.putItem(r -> r.tableName(inventory).item(Map.of("sku", s(sku), "productId", s(productId), "available", n(available))));
    }

    private static String changed(OperationType operation, Map<String, AttributeValue> keys, Map<String, AttributeValue> oldImage,
                                  Map<String, AttributeValue> newImage, String table) {
        String sequenceNumber = "5521584500000000" + String.format("%012d", SEQUENCE.incrementAndGet());
        Record record = DynamodbEvents.change(operation, keys, oldImage, newImage, sequenceNumber, Instant.now());
        TestStack stack = TestStack.shared();
        return indexer.invoke(DynamodbEvents.event(stack.resources().streamArn(table), stack.emulators().region(), List.of(record)),
                UUID.randomUUID().toString());
    }

    private static String productChanged(String productId) {
        return changed(OperationType.MODIFY, Map.of("id", s(productId)), null, Map.of("id", s(productId)), "ProductsTable");
    }

    /** The products with a posting on {@code key} (sort keys {@code c#<category>#<productId>}, docs/SEARCH.md). */
    private static List<String> productsOn(String key) {
        return postingsOn(key).stream().map(i -> i.get("sk").s().substring(i.get("sk").s().lastIndexOf('#') + 1)).toList();
    }

    private static List<Map<String, AttributeValue>> postingsOn(String key) {
        return dynamo.queryPaginator(r -> r.tableName(index).keyConditionExpression("pk = :k AND begins_with(sk, :c)")
                .expressionAttributeValues(Map.of(":k", s(key), ":c", s("c#")))).items().stream().toList();
    }

    /** Whether the product's posting on {@code key} says its variant is in stock. */
    private static List<Boolean> stockOn(String key, String productId) {
        return postingsOn(key).stream().filter(i -> i.get("sk").s().endsWith("#" + productId))
                .map(i -> i.get("v").l().get(0).m().get("i").bool()).toList();
    }

    private static SearchResults search(String q, String category) {
        return searchIndex.search(SearchRequest.parse(q, category, null, null, null, null, null, null, null));
    }

    @Test
    void a_product_change_indexes_the_product_as_listed_now_and_a_rename_drops_its_old_words() {
        String id = "tent-" + UUID.randomUUID().toString().substring(0, 8);
        list(id, "Dome Tent " + id, id.toUpperCase(), 3);

        String answer = productChanged(id);

        assertThat(answer).contains("\"batchItemFailures\":[]");
        assertThat(productsOn("t#dome")).contains(id);
        assertThat(productsOn("p#dom")).contains(id);
        assertThat(stockOn("t#dome", id)).containsExactly(true);

        list(id, "Tunnel Shelter " + id, id.toUpperCase(), 3);
        productChanged(id);
        productChanged(id); // a replay

        assertThat(productsOn("t#dome")).doesNotContain(id);
        assertThat(productsOn("p#dom")).doesNotContain(id);
        assertThat(productsOn("t#tunnel")).containsOnlyOnce(id);
    }

    @Test
    void a_removed_product_leaves_the_index() {
        String id = "tarp-" + UUID.randomUUID().toString().substring(0, 8);
        list(id, "Ridge Tarp", id.toUpperCase(), 1);
        productChanged(id);
        assertThat(productsOn("t#ridg")).contains(id); // Porter's stem of "ridge"

        dynamo.deleteItem(r -> r.tableName(products).key(Map.of("id", s(id))));
        changed(OperationType.REMOVE, Map.of("id", s(id)), Map.of("id", s(id)), null, "ProductsTable");

        assertThat(productsOn("t#ridg")).doesNotContain(id);
        assertThat(productsOn("c#tents")).doesNotContain(id);
        assertThat(dynamo.getItem(r -> r.tableName(index).key(Map.of("pk", s("doc#" + id), "sk", s("doc")))).hasItem()).isFalse();
    }

    @Test
    void stock_counts_only_when_a_sku_goes_in_or_out_of_stock() {
        String id = "pole-" + UUID.randomUUID().toString().substring(0, 8);
        String sku = id.toUpperCase();
        list(id, "Trekking Pole", sku, 2);
        productChanged(id);
        Map<String, AttributeValue> keys = Map.of("sku", s(sku));

        dynamo.putItem(r -> r.tableName(inventory).item(Map.of("sku", s(sku), "productId", s(id), "available", n(0))));
        changed(OperationType.MODIFY, keys, stock(sku, id, 2), stock(sku, id, 1), "InventoryTable"); // a sale: ignored
        assertThat(stockOn("t#trek", id)).containsExactly(true);

        changed(OperationType.MODIFY, keys, stock(sku, id, 1), stock(sku, id, 0), "InventoryTable"); // sold out
        assertThat(stockOn("t#trek", id)).containsExactly(false);
    }

    private static Map<String, AttributeValue> stock(String sku, String productId, long available) {
        return Map.of("sku", s(sku), "productId", s(productId), "available", n(available));
    }

    @Test
    void facet_counts_stay_exact_through_moves_recolours_stock_and_deletes() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String word = "zx" + run.replaceAll("[0-9-]", "q"); // a word of this run only
        String domes = "domes-" + run;
        String tunnels = "tunnels-" + run;
        String a = "a-" + run;
        String b = "b-" + run;
        String c = "c-" + run;
        list(a, "Dome " + word, domes, "A-" + run, Map.of("colour", "green"), 19900, 2);
        list(b, "Dome " + word, domes, "B-" + run, Map.of("colour", "green"), 24900, 2);
        list(c, "Tunnel " + word, tunnels, "C-" + run, Map.of("colour", "red"), 29900, 2);
        changed(OperationType.INSERT, Map.of("id", s(a)), null, Map.of("id", s(a)), "ProductsTable");
        productChanged(b);
        productChanged(c);

        SearchResults all = search(word, null);
        assertThat(all.total()).isEqualTo(3);
        assertThat(all.facets().categories()).containsExactly(new FacetValue(domes, 2), new FacetValue(tunnels, 1));
        assertThat(all.facets().attributes().get("colour")).containsExactly(new FacetValue("green", 2), new FacetValue("red", 1));

        list(b, "Tunnel " + word, tunnels, "B-" + run, Map.of("colour", "red"), 24900, 2); // moved and recoloured
        productChanged(b);
        productChanged(b); // a replay
        dynamo.deleteItem(r -> r.tableName(products).key(Map.of("id", s(c))));
        changed(OperationType.REMOVE, Map.of("id", s(c)), Map.of("id", s(c)), null, "ProductsTable");
        dynamo.putItem(r -> r.tableName(inventory).item(Map.of("sku", s("A-" + run), "productId", s(a), "available", n(0))));
        changed(OperationType.MODIFY, Map.of("sku", s("A-" + run)), stock("A-" + run, a, 2), stock("A-" + run, a, 0), "InventoryTable");

        SearchResults after = search(word, null);
        assertThat(after.total()).isEqualTo(2);
        assertThat(after.facets().categories()).containsExactly(new FacetValue(domes, 1), new FacetValue(tunnels, 1));
        assertThat(after.facets().attributes().get("colour")).containsExactly(new FacetValue("green", 1), new FacetValue("red", 1));
        assertThat(after.facets().price()).isEqualTo(new SearchResults.PriceRange(
                new dev.storefront.domain.Money(19900, "EUR"), new dev.storefront.domain.Money(24900, "EUR")));
        SearchResults tunnel = search(word, tunnels);
        assertThat(tunnel.items()).extracting(h -> h.product().productId()).containsExactly(b);
        assertThat(tunnel.facets().categories()).containsExactly(new FacetValue(tunnels, 1));
        assertThat(search(word, domes).items()).extracting(h -> h.product().productId()).containsExactly(a);
        assertThat(searchIndex.search(SearchRequest.parse(word, null, null, null, null, "true", null, null, null)).facets()
                .categories()).containsExactly(new FacetValue(tunnels, 1)); // a sold out
        assertThat(searchIndex.search(SearchRequest.parse(null, domes, null, null, null, null, null, null, null)).total()).isEqualTo(1);
        assertThat(searchIndex.suggest(word)).extracting(s -> s.productId()).containsExactlyInAnyOrder(a, b);
    }

    @Test
    void a_batch_of_many_products_indexes_each_once() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> ids = new java.util.ArrayList<>();
        List<Record> records = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String id = "bivy-" + i + "-" + run;
            ids.add(id);
            list(id, "Bivy Sack " + run, id.toUpperCase(), 1);
            for (int copy = 0; copy < 2; copy++) { // a product twice in one batch
                records.add(DynamodbEvents.change(OperationType.MODIFY, Map.of("id", s(id)), null, Map.of("id", s(id)),
                        "5521584500000000" + String.format("%012d", SEQUENCE.incrementAndGet()), Instant.now()));
            }
        }
        TestStack stack = TestStack.shared();

        String answer = indexer.invoke(DynamodbEvents.event(stack.resources().streamArn("ProductsTable"), stack.emulators().region(),
                records), UUID.randomUUID().toString());

        assertThat(answer).contains("\"batchItemFailures\":[]");
        assertThat(search(run, "tents").items()).extracting(h -> h.product().productId()).containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void category_items_and_unreadable_records_change_nothing() {
        String answer = changed(OperationType.INSERT, Map.of("id", s("category#tents")), null,
                Map.of("id", s("category#tents"), "listing", s("CATEGORY")), "ProductsTable");
        assertThat(answer).contains("\"batchItemFailures\":[]");
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
