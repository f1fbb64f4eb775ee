package dev.storefront.searchindex;

import dev.storefront.samlocal.EmulatorOptions;
import dev.storefront.samlocal.Emulators;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import java.util.List;
import java.util.Map;

import static dev.storefront.searchindex.InMemoryPostings.product;
import static dev.storefront.searchindex.InMemoryPostings.variant;
import static org.assertj.core.api.Assertions.assertThat;

/** The index in a real table on DynamoDB Local: writes, renames, deletes, replays, what a query costs. */
class DynamoSearchIndexTest {

    static Emulators emulators;
    static DynamoSearchIndex index;

    @BeforeAll
    static void start() {
        emulators = Emulators.start(EmulatorOptions.ephemeral());
        emulators.dynamo().createTable(b -> b.tableName("search")
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build())
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("sk").attributeType(ScalarAttributeType.S).build())
                .billingMode(BillingMode.PAY_PER_REQUEST));
        index = new DynamoSearchIndex(emulators.dynamo(), new SearchIndexTable("search"));
    }

    @AfterAll
    static void stop() {
        emulators.close();
    }

    private static SearchResults search(String q) {
        return index.search(SearchRequest.parse(q, null, null, null, null, null, null, null, null));
    }

    private static List<String> ids(SearchResults results) {
        return results.items().stream().map(h -> h.product().productId()).toList();
    }

    private static int items() {
        return emulators.dynamo().scan(r -> r.tableName("search").select("COUNT")).count();
    }

    @Test
    void a_product_is_found_by_its_words_and_its_summary_comes_back_whole() {
        index.put(product("parka-1", "Insulated Parka", "coats", "Down fill, hood.", "2026-02-01T00:00:00Z",
                variant("PARKA-S", 25900, true, "size", "S"), variant("PARKA-M", 26900, false, "size", "M")));

        SearchResults results = search("parkas");

        assertThat(results.items()).singleElement().satisfies(hit -> {
            assertThat(hit.product().name()).isEqualTo("Insulated Parka");
            assertThat(hit.product().variants()).extracting(ProductSummary.Variant::inStock).containsExactly(true, false);
            assertThat(hit.minPrice().amount()).isEqualTo(25900);
        });
        assertThat(results.cost().roundTrips()).isEqualTo(2); // the word, and it as a prefix
        assertThat(index.suggest("insu")).containsExactly(new Suggestion("Insulated Parka", "parka-1"));
    }

    @Test
    void a_rename_drops_the_old_words_and_a_replay_changes_nothing() {
        index.put(product("lamp-1", "Brass Lantern", "lighting", "", "2026-02-01T00:00:00Z", variant("LAMP", 3900, true)));
        IndexedProduct renamed = product("lamp-1", "Copper Lamp", "lighting", "", "2026-02-01T00:00:00Z", variant("LAMP", 3900, true));
        index.put(renamed);
        int afterRename = items();
        index.put(renamed);
        index.put(renamed);

        assertThat(ids(search("brass"))).isEmpty();
        assertThat(ids(search("lantern"))).isEmpty();
        assertThat(index.suggest("lan")).isEmpty();
        assertThat(ids(search("copper lamp"))).containsExactly("lamp-1");
        assertThat(items()).isEqualTo(afterRename);
    }

    @Test
    void a_removed_product_leaves_nothing_behind() {
        int before = items();
        index.put(product("kite-1", "Stunt Kite", "toys", "Ripstop nylon.", "2026-02-01T00:00:00Z", variant("KITE", 4900, true, "colour", "red")));
        index.remove("kite-1");
        index.remove("kite-1");

        assertThat(ids(search("kite"))).isEmpty();
        assertThat(index.search(SearchRequest.parse(null, "toys", null, null, null, null, null, null, null)).items()).isEmpty();
        assertThat(items()).isEqualTo(before);
    }

    @Test
    void browsing_by_an_attribute_reads_one_list() {
        index.put(product("sock-1", "Wool Socks", "socks", "", "2026-02-01T00:00:00Z", variant("SOCK-T", 1200, true, "material", "Merino")));

        SearchResults results = index.search(SearchRequest.parse(null, null, "material:merino", null, null, null, null, null, null));

        assertThat(ids(results)).containsExactly("sock-1");
        assertThat(results.facets().attributes()).isEqualTo(Map.of("material", List.of(new SearchResults.FacetValue("Merino", 1))));
        assertThat(results.cost().roundTrips()).isEqualTo(1);
    }

    @Test
    void a_category_filter_reads_only_that_categorys_postings() {
        index.put(product("cap-1", "Merino Beanie", "hats", "", "2026-02-01T00:00:00Z", variant("CAP-1", 2500, true, "colour", "grey")));
        index.put(product("sock-2", "Merino Socks", "socks", "", "2026-02-01T00:00:00Z", variant("SOCK-2", 1500, true, "colour", "grey")));

        SearchResults hats = index.search(SearchRequest.parse("merino", "hats", null, null, null, null, null, null, null));

        assertThat(ids(hats)).containsExactly("cap-1");
        assertThat(hats.facets().categories()).containsExactly(new SearchResults.FacetValue("hats", 1));
        assertThat(hats.facets().attributes().get("colour")).containsExactly(new SearchResults.FacetValue("grey", 1));
        assertThat(ids(search("merino"))).containsExactlyInAnyOrder("cap-1", "sock-2");
    }

    @Test
    void a_product_moved_to_another_category_leaves_the_old_one() {
        index.put(product("mat-1", "Sleeping Mat", "outdoor", "", "2026-02-01T00:00:00Z", variant("MAT", 5900, true)));
        int once = items();
        index.put(product("mat-1", "Sleeping Mat", "bedding", "", "2026-02-01T00:00:00Z", variant("MAT", 5900, true)));

        assertThat(index.search(SearchRequest.parse("sleeping", "outdoor", null, null, null, null, null, null, null)).total()).isZero();
        assertThat(index.search(SearchRequest.parse(null, "outdoor", null, null, null, null, null, null, null)).total()).isZero();
        assertThat(search("sleeping mat").facets().categories()).containsExactly(new SearchResults.FacetValue("bedding", 1));
        assertThat(items()).isEqualTo(once);
    }

    @Test
    void suggestions_read_ten_names_per_list_shortest_first_whole_words_before_prefixes() {
        for (int i = 0; i < 15; i++) {
            // names of growing length: "Lanternfish", "Lanternfish X", "Lanternfish X X", ...
            index.put(product("lantern-" + i, "Lanternfish" + " X".repeat(i), "lighting", "", "2026-02-01T00:00:00Z",
                    variant("LANTERN-" + i, 900, true)));
        }
        index.put(product("lantern-word", "Big Lanter Lamp Of The Old Kind", "lighting", "", "2026-02-01T00:00:00Z",
                variant("LANTERN-W", 900, true)));

        List<Suggestion> suggested = index.suggest("lanter");

        assertThat(suggested).hasSize(10);
        assertThat(suggested.get(0).productId()).isEqualTo("lantern-word"); // the whole word, though its name is the longest
        assertThat(suggested.subList(1, 10)).extracting(Suggestion::productId)
                .containsExactly("lantern-0", "lantern-1", "lantern-2", "lantern-3", "lantern-4", "lantern-5", "lantern-6",
                        "lantern-7", "lantern-8");
        assertThat(index.suggest("lanternfish x")).extracting(Suggestion::productId) // several words: every one in the name
                .containsExactly("lantern-1", "lantern-2", "lantern-3", "lantern-4", "lantern-5", "lantern-6", "lantern-7",
                        "lantern-8", "lantern-9", "lantern-10");
        assertThat(index.suggest("big lant")).extracting(Suggestion::productId).containsExactly("lantern-word");
        for (int i = 0; i < 15; i++) {
            index.remove("lantern-" + i);
        }
        assertThat(index.suggest("lanter")).extracting(Suggestion::productId).containsExactly("lantern-word");
        index.remove("lantern-word");
    }

    @Test
    void a_record_of_the_earlier_layout_is_cleaned_by_the_next_write() {
        emulators.dynamo().putItem(r -> r.tableName("search").item(Map.of("pk", s("t#hammock"), "sk", s("ham-1"),
                "f", n(4), "n", s("Hammock"), "c", s("camping"), "t", s("2026-02-01T00:00:00Z"), "v", AttributeValue.fromL(List.of()))));
        emulators.dynamo().putItem(r -> r.tableName("search").item(Map.of("pk", s("doc#ham-1"), "sk", s("doc"),
                "keys", AttributeValue.fromSs(List.of("t#hammock")))));

        index.put(product("ham-1", "Hammock", "camping", "", "2026-02-01T00:00:00Z", variant("HAM", 3900, true)));

        assertThat(emulators.dynamo().getItem(r -> r.tableName("search").key(Map.of("pk", s("t#hammock"), "sk", s("ham-1")))).hasItem())
                .isFalse();
        assertThat(ids(search("hammock"))).containsExactly("ham-1");
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
