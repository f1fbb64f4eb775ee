package dev.storefront.searchindex;

/** A product name to offer while the shopper types. */
public record Suggestion(String text, String productId) {
}
