package dev.storefront.search;

import com.fasterxml.jackson.databind.JsonNode;
import dev.storefront.domain.Money;
import dev.storefront.searchindex.DynamoSearchIndex;
import dev.storefront.searchindex.IndexedProduct;
import dev.storefront.searchindex.ProductSummary;
import dev.storefront.searchindex.SearchIndexTable;
import dev.storefront.testsupport.EventSchemas;
import dev.storefront.testsupport.FunctionHarness;
import dev.storefront.testsupport.HttpCall;
import dev.storefront.testsupport.HttpResult;
import dev.storefront.testsupport.QueueInbox;
import dev.storefront.testsupport.TestStack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The search function's real handler over an index in DynamoDB Local (the indexer's part is CatalogIndexerTest). */
class SearchRoutesTest {

    static FunctionHarness search;
    static final String RUN = UUID.randomUUID().toString().substring(0, 6);
    static final String CATEGORY = "coats-" + RUN;

    @BeforeAll
    static void start() {
        search = FunctionHarness.start("SearchFunction");
        TestStack stack = TestStack.shared();
        DynamoSearchIndex index = new DynamoSearchIndex(stack.emulators().dynamo(),
                new SearchIndexTable(stack.resources().tableName("SearchIndexTable")));
        index.put(product("anorak-" + RUN, "Storm Anorak " + RUN, 15900, true, "red"));
        index.put(product("poncho-" + RUN, "Rain Poncho " + RUN, 3900, false, "yellow"));
    }

    private static IndexedProduct product(String id, String name, long amount, boolean inStock, String colour) {
        return new IndexedProduct(new ProductSummary(id, name, CATEGORY, "2026-03-01T00:00:00Z", List.of(
                new ProductSummary.Variant(id.toUpperCase(), Map.of("colour", colour), new Money(amount, "EUR"), inStock))),
                "Keeps you dry.");
    }

    private static HttpResult get(String path) {
        return search.http(HttpCall.get(path));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Test
    void a_search_answers_hits_facets_and_a_total_and_counts_one_search_performed() {
        String visitor = "v-search-" + RUN;
        HttpResult answer = search.http(HttpCall.get("/search?q=" + encode("dry " + RUN) + "&limit=1").header("X-Visitor-Id", visitor));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        JsonNode body = answer.json();
        assertThat(body.path("total").asInt()).isEqualTo(2);
        assertThat(body.path("items")).hasSize(1);
        assertThat(body.at("/items/0/minPrice/amount").isNumber()).isTrue();
        assertThat(body.at("/items/0/score").asInt()).isPositive();
        assertThat(body.at("/facets/categories/0/value").asText()).isEqualTo(CATEGORY);
        assertThat(body.at("/facets/categories/0/count").asInt()).isEqualTo(2);
        assertThat(body.at("/facets/attributes/colour")).hasSize(2);
        assertThat(body.at("/facets/price/min/amount").asLong()).isEqualTo(3900);
        assertThat(body.at("/facets/price/max/amount").asLong()).isEqualTo(15900);
        String cursor = body.path("nextCursor").asText();
        HttpResult second = search.http(HttpCall.get("/search?q=" + encode("dry " + RUN) + "&limit=1&cursor=" + cursor)
                .header("X-Visitor-Id", visitor));
        assertThat(second.json().path("items")).hasSize(1);
        assertThat(second.json().path("nextCursor").isNull()).isTrue();

        QueueInbox.Received performed = await().atMost(Duration.ofSeconds(5))
                .until(() -> QueueInbox.analyticsEvents().ofVisitor(visitor), events -> !events.isEmpty()).get(0);
        EventSchemas.assertValid(performed.body());
        assertThat(performed.type()).isEqualTo("search.performed");
        assertThat(performed.data().path("query").asText()).isEqualTo("dry " + RUN);
        assertThat(performed.data().path("results").asInt()).isEqualTo(2);
        assertThat(QueueInbox.analyticsEvents().ofVisitor(visitor)).hasSize(1); // the second page is no new search
    }

    @Test
    void commas_are_part_of_what_was_sent_and_empty_attributes_are_written() {
        HttpResult words = get("/search?q=" + encode("storm, " + RUN));
        HttpResult filters = get("/search?category=" + CATEGORY + "&attributes=colour:red,colour:yellow");
        HttpResult trailing = get("/search?attributes=colour:red,,");

        assertThat(words.json().path("total").asInt()).isEqualTo(1);
        assertThat(filters.status()).as("colour twice").isEqualTo(400);
        assertThat(trailing.status()).isEqualTo(400);
        assertThat(get("/search?category=" + CATEGORY + "&attributes=colour:red").json().at("/items/0/variants/0/attributes/colour")
                .asText()).isEqualTo("red");
    }

    @Test
    void browsing_a_category_in_stock_by_price_needs_no_words() {
        HttpResult answer = get("/search?category=" + CATEGORY + "&inStock=true&sort=price_desc");

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.json().path("items")).extracting(i -> i.path("productId").asText()).containsExactly("anorak-" + RUN);
    }

    @Test
    void suggestions_are_names_for_what_was_typed() {
        HttpResult answer = get("/search/suggest?q=" + encode("storm ano"));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.json().path("items")).extracting(i -> i.path("productId").asText()).contains("anorak-" + RUN);
        assertThat(answer.json().at("/items/0/text").asText()).startsWith("Storm Anorak");
    }

    @Test
    void bad_input_is_a_400_problem_naming_the_parameter() {
        List<String[]> cases = new ArrayList<>(List.of(
                new String[]{"/search", "q"},
                new String[]{"/search?q=" + "x".repeat(101), "q"},
                new String[]{"/search?q=" + encode("a b c d e f g h i"), "q"},
                new String[]{"/search?q=coat&sort=cheapest", "sort"},
                new String[]{"/search?q=coat&minPrice=500&maxPrice=100", "minPrice"},
                new String[]{"/search?q=coat&maxPrice=lots", "maxPrice"},
                new String[]{"/search?attributes=colour", "attributes"},
                new String[]{"/search?q=coat&cursor=not-a-cursor", "cursor"},
                new String[]{"/search?q=coat&limit=500", "limit"},
                new String[]{"/search/suggest", "q"}));
        for (String[] c : cases) {
            HttpResult answer = get(c[0]);
            assertThat(answer.status()).as(c[0]).isEqualTo(400);
            assertThat(answer.header("content-type")).as(c[0]).startsWith("application/problem+json");
            assertThat(answer.json().path("code").asText()).as(c[0]).isEqualTo("VALIDATION_FAILED");
            assertThat(answer.json().path("field").asText()).as(c[0]).isEqualTo(c[1]);
        }
    }

    @Test
    void hostile_characters_are_just_text() {
        for (String q : List.of("\"anorak\"*", "' OR 1=1 --", "🙂🙂", "\u200Fanorak\u200E", "<script>", "%00", "\\u0000")) {
            HttpResult answer = get("/search?q=" + encode(q));
            assertThat(answer.status()).as(q).isEqualTo(200);
        }
        assertThat(get("/search?q=" + encode("\u200Fstorm\u200E " + RUN)).json().path("total").asInt()).isEqualTo(1);
        JsonNode nothing = get("/search?q=" + encode("hammock " + RUN)).json();
        assertThat(nothing.path("total").asInt()).isZero();
        assertThat(nothing.at("/facets/price").toString()).isEqualTo("{}");
        assertThat(nothing.path("nextCursor").isNull()).isTrue();
    }
}
