package dev.storefront.searchindex;

import dev.storefront.domain.Money;

import java.util.List;
import java.util.Map;

/**
 * What a search hit carries, copied onto every posting of the product so that one Query answers
 * matching, filters, facets, sorting and the page at once, with no second read.
 */
public record ProductSummary(String productId, String name, String category, String createdAt, List<Variant> variants) {

    public ProductSummary {
        variants = List.copyOf(variants);
    }

    /** A variant as search filters it: its attributes, its price, whether any unit is available. */
    public record Variant(String sku, Map<String, String> attributes, Money price, boolean inStock) {

        public Variant {
            attributes = Map.copyOf(attributes);
        }
    }
}
