package dev.storefront.searchindex;

import dev.storefront.domain.Money;
import dev.storefront.domain.Problem;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.storefront.searchindex.InMemoryPostings.product;
import static dev.storefront.searchindex.InMemoryPostings.variant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SearcherTest {

    private final InMemoryPostings index = new InMemoryPostings()
            .add(product("rain-jacket", "Waterproof Jacket", "jackets", "Taped seams, keeps the rain out.", "2026-01-03T00:00:00Z",
                    variant("RJ-M", 12900, true, "size", "M", "colour", "red"),
                    variant("RJ-L", 13900, false, "size", "L", "colour", "red")))
            .add(product("trail-shoe", "Trail Shoe", "shoes", "Grippy soles for muddy trails.", "2026-01-02T00:00:00Z",
                    variant("TS-42", 8900, true, "size", "42")))
            .add(product("cafe-mug", "Café Mug", "kitchen", "Enamel mug for camp coffee.", "2026-01-01T00:00:00Z",
                    variant("MUG", 1500, true)))
            .add(product("jack-stand", "Stand", "garage", "Holds a car jack; waterproof coating.", "2026-01-04T00:00:00Z",
                    variant("JS", 4000, true)));

    private SearchResults search(String q) {
        return Searcher.search(SearchRequest.parse(q, null, null, null, null, null, null, null, null), index);
    }

    private static List<String> ids(SearchResults results) {
        return results.items().stream().map(h -> h.product().productId()).toList();
    }

    @Test
    void stems_and_accents_match() {
        assertThat(ids(search("waterproof jackets"))).startsWith("rain-jacket");
        assertThat(ids(search("shoes"))).containsExactly("trail-shoe");
        assertThat(ids(search("cafe"))).containsExactly("cafe-mug");
        assertThat(ids(search("CAFÉ"))).containsExactly("cafe-mug");
    }

    @Test
    void every_term_is_required() {
        assertThat(ids(search("waterproof shoe"))).isEmpty();
        assertThat(ids(search("grippy trail"))).containsExactly("trail-shoe");
    }

    @Test
    void the_last_term_is_a_prefix_and_a_whole_word_outranks_it() {
        SearchResults jack = search("jack");
        // "jack" is a whole word of the stand's description and the start of the jacket's name.
        assertThat(ids(jack)).containsExactlyInAnyOrder("rain-jacket", "jack-stand");
        assertThat(ids(search("waterproof jac"))).containsExactly("rain-jacket");
        assertThat(ids(search("jac waterproof"))).isEmpty(); // only the last term is a prefix
    }

    @Test
    void name_outweighs_category_outweighs_description() {
        SearchResults waterproof = search("waterproof");
        assertThat(ids(waterproof)).containsExactly("rain-jacket", "jack-stand");
        assertThat(waterproof.items().get(0).score()).isGreaterThan(waterproof.items().get(1).score());
        // "shoes" is the shoe's category and (stemmed) its name: the name decides.
        assertThat(search("shoe").items().get(0).score()).isEqualTo(8);
        assertThat(search("jackets").items().get(0).score()).isEqualTo(8);
    }

    @Test
    void hostile_queries_are_just_text() {
        assertThat(ids(search("\"jacket*\""))).containsExactly("rain-jacket");
        assertThat(ids(search("\u200Fcafe\u200E"))).containsExactly("cafe-mug");
        assertThat(search("🙂 ** ''").items()).isEmpty();
        assertThat(search("' OR 1=1 --").items()).isEmpty();
    }

    @Test
    void filters_apply_per_variant_and_show_the_lowest_matching_price() {
        SearchResults red = Searcher.search(SearchRequest.parse("jacket", null, "colour:RED,size:l", null, null, null, null, null, null), index);
        assertThat(red.items()).singleElement().satisfies(h -> assertThat(h.minPrice()).isEqualTo(new Money(13900, "EUR")));
        SearchResults inStock = Searcher.search(SearchRequest.parse("jacket", null, "size:L", null, null, "true", null, null, null), index);
        assertThat(inStock.items()).isEmpty();
        SearchResults cheap = Searcher.search(SearchRequest.parse(null, "jackets", null, "13000", "20000", null, null, null, null), index);
        assertThat(cheap.items()).singleElement().satisfies(h -> assertThat(h.minPrice().amount()).isEqualTo(13900));
    }

    @Test
    void facets_count_every_match_not_one_page() {
        SearchResults all = Searcher.search(SearchRequest.parse("waterproof", null, null, null, null, null, null, "1", null), index);
        assertThat(all.items()).hasSize(1);
        assertThat(all.total()).isEqualTo(2);
        assertThat(all.facets().categories()).containsExactly(
                new SearchResults.FacetValue("garage", 1), new SearchResults.FacetValue("jackets", 1));
        assertThat(all.facets().attributes().get("size")).containsExactly(
                new SearchResults.FacetValue("L", 1), new SearchResults.FacetValue("M", 1));
        assertThat(all.facets().price()).isEqualTo(new SearchResults.PriceRange(new Money(4000, "EUR"), new Money(12900, "EUR")));
    }

    @Test
    void sorts_and_cursor_pages_cover_every_match_once() {
        for (Sort sort : Sort.values()) {
            List<String> seen = new java.util.ArrayList<>();
            String cursor = null;
            do {
                SearchResults page = Searcher.search(SearchRequest.parse("a OR jack OR waterproof".split(" ")[2], null, null, null, null,
                        null, sort.wireName(), "1", cursor), index);
                seen.addAll(ids(page));
                cursor = page.nextCursor();
            } while (cursor != null);
            assertThat(seen).as(sort.name()).hasSize(2).doesNotHaveDuplicates();
        }
        SearchRequest byPrice = SearchRequest.parse(null, null, "size:42", null, null, null, "price_desc", null, null);
        assertThat(Searcher.search(byPrice, index).items()).hasSize(1);
        SearchResults newest = Searcher.search(SearchRequest.parse("jack", null, null, null, null, null, "newest", null, null), index);
        assertThat(ids(newest)).containsExactly("jack-stand", "rain-jacket");
        SearchResults cheapest = Searcher.search(SearchRequest.parse("jack", null, null, null, null, null, "price_asc", null, null), index);
        assertThat(ids(cheapest)).containsExactly("jack-stand", "rain-jacket");
    }

    @Test
    void a_cursor_of_another_sort_or_forged_is_refused() {
        SearchResults first = Searcher.search(SearchRequest.parse("waterproof", null, null, null, null, null, null, "1", null), index);
        assertThatThrownBy(() -> Searcher.search(SearchRequest.parse("waterproof", null, null, null, null, null, "newest", "1",
                first.nextCursor()), index)).isInstanceOfSatisfying(Problem.class, p -> assertThat(p.field()).isEqualTo("cursor"));
        assertThatThrownBy(() -> Searcher.search(SearchRequest.parse("waterproof", null, null, null, null, null, null, "1",
                "%%%"), index)).isInstanceOf(Problem.class);
    }

    @Test
    void suggestions_are_names_by_prefix() {
        assertThat(Searcher.suggest("jack", index)).containsExactly(new Suggestion("Waterproof Jacket", "rain-jacket"));
        assertThat(Searcher.suggest("waterproof ja", index)).extracting(Suggestion::productId).containsExactly("rain-jacket");
        assertThat(Searcher.suggest("caf", index)).extracting(Suggestion::text).containsExactly("Café Mug");
    }
}
