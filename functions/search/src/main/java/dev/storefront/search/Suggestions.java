package dev.storefront.search;

import dev.storefront.searchindex.Suggestion;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** Suggestions while typing: product names, best first, at most 10. */
@Serdeable
record Suggestions(List<Item> items) {

    @Serdeable
    record Item(String text, String productId) {
    }

    static Suggestions of(List<Suggestion> suggestions) {
        return new Suggestions(suggestions.stream().map(s -> new Item(s.text(), s.productId())).toList());
    }
}
