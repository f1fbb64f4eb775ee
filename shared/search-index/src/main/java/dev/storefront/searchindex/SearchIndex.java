package dev.storefront.searchindex;

import java.util.List;

/**
 * The product search index, in the shop's words. {@link DynamoSearchIndex} keeps it in DynamoDB;
 * a shop past the catalog size it is built for would put OpenSearch behind this same interface
 * (docs/SEARCH.md, "Limits").
 */
public interface SearchIndex {

    /** Makes the index hold exactly this product's current words and summary; repeating it changes nothing. */
    void put(IndexedProduct product);

    /** Drops every trace of the product; nothing happens when it is not indexed. */
    void remove(String productId);

    SearchResults search(SearchRequest request);

    /** At most {@link Searcher#MAX_SUGGESTIONS} product names for what the shopper has typed so far. */
    List<Suggestion> suggest(String q);
}
