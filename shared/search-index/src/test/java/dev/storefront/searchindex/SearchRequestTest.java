package dev.storefront.searchindex;

import dev.storefront.domain.Problem;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SearchRequestTest {

    private static void refused(String field, String q, String category, String attributes, String min, String max,
                                String inStock, String sort, String limit) {
        assertThatThrownBy(() -> SearchRequest.parse(q, category, attributes, min, max, inStock, sort, limit, null))
                .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.field()).isEqualTo(field));
    }

    @Test
    void needs_words_or_a_filter() {
        refused("q", null, null, null, null, null, null, null, null);
        refused("q", "   ", null, null, "100", null, null, null, null);
        assertThat(SearchRequest.parse(null, "shoes", null, null, null, null, null, null, null).q()).isNull();
        assertThat(SearchRequest.parse(null, null, "size:42", null, null, null, null, null, null).attributes()).containsEntry("size", "42");
    }

    @Test
    void limits_count_what_was_typed() {
        refused("q", "x".repeat(101), null, null, null, null, null, null, null);
        refused("q", "a b c d e f g h i", null, null, null, null, null, null, null);
        assertThat(SearchRequest.parse("the a of an to in on at", null, null, null, null, null, null, null, null).q()).isNotNull();
    }

    @Test
    void bad_filters_and_sorts_are_refused() {
        refused("sort", "jacket", null, null, null, null, null, "cheapest", null);
        refused("minPrice", "jacket", null, null, "500", "100", null, null, null);
        refused("minPrice", "jacket", null, null, "-1", null, null, null, null);
        refused("maxPrice", "jacket", null, null, null, "1.5", null, null, null);
        refused("attributes", "jacket", null, "size", null, null, null, null, null);
        refused("attributes", "jacket", null, "size:", null, null, null, null, null);
        refused("attributes", "jacket", null, ":42", null, null, null, null, null);
        refused("attributes", "jacket", null, "size:42,,", null, null, null, null, null);
        refused("attributes", "jacket", null, "size:42,SIZE:43", null, null, null, null, null);
        refused("category", "jacket", "Shoes!", null, null, null, null, null, null);
        refused("inStock", "jacket", null, null, null, null, "yes", null, null);
        refused("limit", "jacket", null, null, null, null, null, null, "0");
    }
}
