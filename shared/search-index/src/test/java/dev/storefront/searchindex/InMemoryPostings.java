package dev.storefront.searchindex;

import dev.storefront.domain.Money;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The postings of a few products in memory, built by the same {@link IndexKeys} the table uses. */
final class InMemoryPostings implements PostingLists {

    private final Map<String, List<Posting>> lists = new HashMap<>();
    private int reads;

    InMemoryPostings add(IndexedProduct product) {
        IndexKeys.of(product).forEach((key, fields) ->
                lists.computeIfAbsent(key, k -> new ArrayList<>()).add(new Posting(fields, product.summary())));
        return this;
    }

    @Override
    public List<Posting> read(String key) {
        reads++;
        return lists.getOrDefault(key, List.of());
    }

    @Override
    public SearchResults.ReadCost cost() {
        return new SearchResults.ReadCost(reads, 0);
    }

    static IndexedProduct product(String id, String name, String category, String description, String createdAt,
                                  ProductSummary.Variant... variants) {
        return new IndexedProduct(new ProductSummary(id, name, category, createdAt, List.of(variants)), description);
    }

    static ProductSummary.Variant variant(String sku, long amount, boolean inStock, String... attributes) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < attributes.length; i += 2) {
            map.put(attributes[i], attributes[i + 1]);
        }
        return new ProductSummary.Variant(sku, map, new Money(amount, "EUR"), inStock);
    }
}
