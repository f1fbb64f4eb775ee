package dev.storefront.searchindex;

import dev.storefront.domain.Money;

import java.util.List;
import java.util.Map;

/**
 * One page of a search, the facets of everything it matched and what answering it cost.
 *
 * @param total      how many products matched, over all pages
 * @param nextCursor null on the last page
 */
public record SearchResults(List<Hit> items, Facets facets, int total, String nextCursor, ReadCost cost) {

    /** A matching product, the lowest price among its matching variants, and its relevance score. */
    public record Hit(ProductSummary product, Money minPrice, int score) {
    }

    /** Counts of products per category and per attribute value, and the range of their minimum prices. */
    public record Facets(List<FacetValue> categories, Map<String, List<FacetValue>> attributes, PriceRange price) {
    }

    public record FacetValue(String value, int count) {
    }

    /** Both null when nothing matched. */
    public record PriceRange(Money min, Money max) {
    }

    /** DynamoDB round trips and read capacity units spent on one search (docs/SEARCH.md, "Cost"). */
    public record ReadCost(int roundTrips, double readUnits) {

        public static final ReadCost NONE = new ReadCost(0, 0);

        public ReadCost plus(ReadCost other) {
            return new ReadCost(roundTrips + other.roundTrips, readUnits + other.readUnits);
        }
    }
}
