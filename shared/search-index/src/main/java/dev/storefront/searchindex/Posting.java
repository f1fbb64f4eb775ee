package dev.storefront.searchindex;

/** One product on one posting list: the fields the word was found in, and the product's summary. */
public record Posting(int fields, ProductSummary product) {
}
