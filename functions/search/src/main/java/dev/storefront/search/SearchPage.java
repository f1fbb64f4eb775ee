package dev.storefront.search;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.storefront.domain.Money;
import dev.storefront.searchindex.ProductSummary;
import dev.storefront.searchindex.SearchResults;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.Map;

/**
 * A page of search hits as storefronts see it: each product's summary with the variants that pass
 * the filters, its lowest such price and its score; facets over every match; {@code total} matches.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
record SearchPage(List<Hit> items, Facets facets, int total, @Nullable String nextCursor) {

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Hit(String productId, String name, String category, List<Variant> variants, Money minPrice, int score) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Variant(String sku, Map<String, String> attributes, Money price, boolean inStock) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Facets(List<Count> categories, Map<String, List<Count>> attributes, PriceRange price) {
    }

    @Serdeable
    record Count(String value, int count) {
    }

    /** Both left out when nothing matched. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record PriceRange(@Nullable Money min, @Nullable Money max) {
    }

    static SearchPage of(SearchResults results) {
        List<Hit> hits = results.items().stream().map(hit -> {
            ProductSummary product = hit.product();
            return new Hit(product.productId(), product.name(), product.category(),
                    product.variants().stream().map(v -> new Variant(v.sku(), v.attributes(), v.price(), v.inStock())).toList(),
                    hit.minPrice(), hit.score());
        }).toList();
        SearchResults.Facets facets = results.facets();
        Map<String, List<Count>> attributes = new java.util.LinkedHashMap<>();
        facets.attributes().forEach((name, values) -> attributes.put(name, counts(values)));
        return new SearchPage(hits, new Facets(counts(facets.categories()), attributes,
                new PriceRange(facets.price().min(), facets.price().max())), results.total(), results.nextCursor());
    }

    private static List<Count> counts(List<SearchResults.FacetValue> values) {
        return values.stream().map(v -> new Count(v.value(), v.count())).toList();
    }
}
