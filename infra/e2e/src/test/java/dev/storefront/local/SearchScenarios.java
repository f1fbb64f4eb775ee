package dev.storefront.local;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Search end to end: admin writes go through the Products and Inventory streams to the indexer
 * function and come out of GET /search, all from the functions' jars in the local runtime. A
 * fixture catalog of its own (two categories no one else uses, a word in every description) makes
 * totals and facet counts exact however many other products the runtime holds.
 */
abstract class SearchScenarios {

    /**
     * The contract says an admin write is searchable within 5 s locally (the stream poller idles
     * 250 ms between reads); the deadline leaves room for a test machine shared by other builds.
     */
    static final Duration INDEXED_WITHIN = Duration.ofSeconds(20);
    /** The fixture's first writes also wait for the indexer function's first start. */
    static final Duration FIRST_INDEXED_WITHIN = Duration.ofSeconds(60);
    /** One fixture per runtime, shared by the scenarios (they only read it, or use products of their own). */
    private static final Map<String, Fixture> FIXTURES = new ConcurrentHashMap<>();

    abstract LocalRuntime runtime();

    ApiClient api() {
        return new ApiClient(runtime().baseUrl());
    }

    record Fixture(String word, String jackets, String mugs) {
        String jacket() {
            return "jacket-" + word;
        }

        String shoe() {
            return "shoe-" + word;
        }

        String mug() {
            return "mug-" + word;
        }
    }

    Fixture fixture() {
        return FIXTURES.computeIfAbsent(runtime().baseUrl().toString(), url -> {
            String word = "fx" + UUID.randomUUID().toString().replace("-", "").substring(0, 8).replaceAll("[a-f]", "7");
            Fixture fixture = new Fixture(word, "fxa-" + word, "fxb-" + word);
            String admin = runtime().token("search-fixture", "admin");
            put(admin, fixture.jacket(), "Waterproof Jacket", fixture.jackets(), "Taped seams. " + word,
                    variant(fixture.jacket().toUpperCase() + "-M", 12900, "\"size\":\"M\",\"colour\":\"red\""),
                    variant(fixture.jacket().toUpperCase() + "-L", 13900, "\"size\":\"L\",\"colour\":\"red\""));
            put(admin, fixture.shoe(), "Trail Shoe", fixture.jackets(), "Grippy soles. " + word,
                    variant(fixture.shoe().toUpperCase() + "-42", 8900, "\"size\":\"42\""),
                    variant(fixture.shoe().toUpperCase() + "-43", 8900, "\"size\":\"43\""));
            put(admin, fixture.mug(), "Café Mug", fixture.mugs(), "Enamel. " + word,
                    variant(fixture.mug().toUpperCase(), 1500, ""));
            stock(admin, fixture.jacket().toUpperCase() + "-M", 5);
            stock(admin, fixture.shoe().toUpperCase() + "-42", 3);
            stock(admin, fixture.mug().toUpperCase(), 10);
            await().atMost(FIRST_INDEXED_WITHIN).until(() -> {
                JsonNode page = search("q=" + word + "&inStock=true");
                return page.path("total").asInt() == 3;
            });
            return fixture;
        });
    }

    private static String variant(String sku, long amount, String attributes) {
        return """
                {"sku":"%s","attributes":{%s},"price":{"amount":%d,"currency":"EUR"}}""".formatted(sku, attributes, amount);
    }

    private void put(String admin, String id, String name, String category, String description, String... variants) {
        ApiClient.Response response = api().put("/admin/products/" + id, """
                {"name":"%s","description":"%s","category":"%s","variants":[%s]}""".formatted(name, description, category,
                String.join(",", variants)), admin);
        assertThat(response.status()).as(response.body()).isIn(200, 201);
    }

    private void stock(String admin, String sku, long available) {
        assertThat(api().put("/admin/inventory/" + sku, "{\"available\":" + available + "}", admin).status()).isEqualTo(200);
    }

    JsonNode search(String query) {
        ApiClient.Response response = api().get("/search?" + query);
        assertThat(response.status()).as(query + " -> " + response.body()).isEqualTo(200);
        return response.json();
    }

    static String q(String words) {
        return "q=" + URLEncoder.encode(words, StandardCharsets.UTF_8);
    }

    static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.path("items").forEach(i -> ids.add(i.path("productId").asText()));
        return ids;
    }

    @Test
    void words_are_found_stemmed_and_without_accents() {
        Fixture f = fixture();

        assertThat(ids(search(q("waterproof jackets") + "&limit=100"))).contains(f.jacket());
        assertThat(ids(search(q("shoes " + f.word())))).containsExactly(f.shoe());
        assertThat(ids(search(q("cafe " + f.word())))).containsExactly(f.mug());
        assertThat(ids(search(q("CAFÉ " + f.word())))).containsExactly(f.mug());
        assertThat(ids(search(q("\"jacket*\" " + f.word())))).containsExactly(f.jacket());
    }

    @Test
    void facets_count_every_match_exactly() {
        Fixture f = fixture();

        JsonNode page = search("q=" + f.word() + "&limit=1");

        assertThat(page.path("total").asInt()).isEqualTo(3);
        assertThat(page.path("items")).hasSize(1);
        JsonNode facets = page.path("facets");
        assertThat(facets.path("categories").toString()).isEqualTo("[{\"value\":\"%s\",\"count\":2},{\"value\":\"%s\",\"count\":1}]"
                .formatted(f.jackets(), f.mugs()));
        assertThat(facets.at("/attributes/size").toString())
                .isEqualTo("[{\"value\":\"42\",\"count\":1},{\"value\":\"43\",\"count\":1},{\"value\":\"L\",\"count\":1},{\"value\":\"M\",\"count\":1}]");
        assertThat(facets.at("/attributes/colour").toString()).isEqualTo("[{\"value\":\"red\",\"count\":1}]");
        assertThat(facets.at("/price/min/amount").asLong()).isEqualTo(1500);
        assertThat(facets.at("/price/max/amount").asLong()).isEqualTo(12900);
    }

    @Test
    void every_filter_narrows_the_match_set() {
        Fixture f = fixture();
        String w = "q=" + f.word();

        assertThat(ids(search(w + "&category=" + f.jackets()))).containsExactlyInAnyOrder(f.jacket(), f.shoe());
        assertThat(ids(search(w + "&attributes=size:42"))).containsExactly(f.shoe());
        assertThat(ids(search(w + "&attributes=SIZE:l,colour:Red"))).containsExactly(f.jacket());
        assertThat(ids(search(w + "&minPrice=9000"))).containsExactly(f.jacket());
        assertThat(ids(search(w + "&maxPrice=8900"))).containsExactlyInAnyOrder(f.shoe(), f.mug());
        assertThat(ids(search(w + "&minPrice=1500&maxPrice=1500"))).containsExactly(f.mug());
        assertThat(ids(search(w + "&inStock=true&attributes=size:43"))).isEmpty();
        JsonNode jacketInStock = search(w + "&inStock=true&category=" + f.jackets() + "&minPrice=10000");
        assertThat(jacketInStock.at("/items/0/variants")).hasSize(1);
        assertThat(jacketInStock.at("/items/0/minPrice/amount").asLong()).isEqualTo(12900);
        // Browsing by facets: no words, a filter.
        assertThat(ids(search("category=" + f.mugs()))).containsExactly(f.mug());
        assertThat(ids(search("attributes=colour:red&category=" + f.jackets()))).containsExactly(f.jacket());
    }

    @Test
    void every_sort_orders_the_matches_and_cursor_pages_walk_them_once() {
        Fixture f = fixture();
        String w = "q=" + f.word();

        assertThat(ids(search(w + "&sort=price_asc"))).containsExactly(f.mug(), f.shoe(), f.jacket());
        assertThat(ids(search(w + "&sort=price_desc"))).containsExactly(f.jacket(), f.shoe(), f.mug());
        assertThat(ids(search(w + "&sort=newest"))).containsExactly(f.mug(), f.shoe(), f.jacket());
        JsonNode relevance = search(q("waterproof " + f.word()) + "&sort=relevance");
        assertThat(ids(relevance)).containsExactly(f.jacket());
        // Name outweighs description: "shoe" is in one name, the fixture word only in descriptions.
        JsonNode ranked = search(q("trail " + f.word()));
        assertThat(ranked.at("/items/0/score").asInt()).isGreaterThan(0);

        List<String> walked = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = search(w + "&sort=price_asc&limit=1" + (cursor == null ? "" : "&cursor=" + cursor));
            walked.addAll(ids(page));
            cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asText();
        } while (cursor != null && walked.size() < 10);
        assertThat(walked).containsExactly(f.mug(), f.shoe(), f.jacket());
    }

    @Test
    void a_rename_drops_the_old_words_and_stock_shows_within_the_deadline() {
        Fixture f = fixture();
        String admin = runtime().token("search-renamer", "admin");
        String id = "lantern-" + f.word();
        String sku = id.toUpperCase();
        put(admin, id, "Brass Lantern", f.mugs(), "Old words. " + f.word(), variant(sku, 2900, ""));
        await().atMost(INDEXED_WITHIN).until(() -> ids(search(q("brass " + f.word()))).contains(id));

        put(admin, id, "Copper Lamp", f.mugs(), "New words. " + f.word(), variant(sku, 2900, ""));

        // The indexer writes a product's new words before it deletes its old ones (it is never unfindable
        // mid-rename), so for a moment both find it: the deadline is for the rename as a whole.
        await().atMost(INDEXED_WITHIN).untilAsserted(() -> {
            assertThat(ids(search(q("copper " + f.word())))).contains(id);
            assertThat(ids(search(q("brass " + f.word())))).isEmpty();
            assertThat(ids(search(q("lantern " + f.word())))).isEmpty();
            assertThat(ids(search(q("old " + f.word())))).isEmpty();
        });

        stock(admin, sku, 4);
        await().atMost(INDEXED_WITHIN).until(() -> ids(search(q("copper " + f.word()) + "&inStock=true")).contains(id));
    }

    @Test
    void suggestions_complete_a_three_letter_prefix() {
        Fixture f = fixture();

        ApiClient.Response jac = api().get("/search/suggest?q=jac");
        ApiClient.Response jack = api().get("/search/suggest?q=jack");

        assertThat(jac.status()).isEqualTo(200);
        assertThat(jac.json().path("items")).anySatisfy(s -> {
            assertThat(s.path("text").asText()).isEqualTo("Waterproof Jacket");
            assertThat(s.path("productId").asText()).startsWith("jacket-");
        });
        assertThat(jack.json().path("items").toString()).contains("\"productId\":\"" + f.jacket() + "\"");
        assertThat(jack.json().path("items").size()).isBetween(1, 10);
        assertThat(api().get("/search/suggest?q=caf").json().path("items").toString()).contains("Café Mug");
    }

    @Test
    void bad_searches_are_400_problems_naming_the_parameter() {
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put("/search", "q");
        cases.put("/search?inStock=true", "q");
        cases.put("/search?" + q("x".repeat(101)), "q");
        cases.put("/search?" + q("one two three four five six seven eight nine"), "q");
        cases.put("/search?q=jacket&sort=cheapest", "sort");
        cases.put("/search?q=jacket&minPrice=5000&maxPrice=100", "minPrice");
        cases.put("/search?q=jacket&minPrice=-1", "minPrice");
        cases.put("/search?attributes=size", "attributes");
        cases.put("/search?attributes=size:42,,", "attributes");
        cases.put("/search?q=jacket&cursor=bm90LW91cnM", "cursor");
        cases.put("/search/suggest", "q");
        cases.forEach((path, field) -> {
            ApiClient.Response response = api().get(path);
            assertThat(response.status()).as(path).isEqualTo(400);
            assertThat(response.contentType()).as(path).startsWith("application/problem+json");
            assertThat(response.json().path("code").asText()).as(path).isEqualTo("VALIDATION_FAILED");
            assertThat(response.json().path("field").asText()).as(path).isEqualTo(field);
        });
    }

    @Test
    void hostile_characters_are_just_text() {
        Fixture f = fixture();
        for (String words : List.of("' OR 1=1 --", "🙂🙂", "\u200Fjacket\u200E", "<script>alert(1)</script>", "*", "\\", "%")) {
            assertThat(search(q(words)).path("items").isArray()).as(words).isTrue();
        }
        assertThat(ids(search(q("\u202Ewaterproof\u202C " + f.word())))).containsExactly(f.jacket());
    }
}
