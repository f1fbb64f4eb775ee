package dev.storefront.searchindex;

import dev.storefront.domain.Money;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
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
    public List<Posting> read(String key, String category) {
        reads++;
        return lists.getOrDefault(key, List.of()).stream()
                .filter(p -> category == null || category.equals(p.product().category())).toList();
    }

    @Override
    public Map<String, List<Suggestion>> shortestNames(Collection<String> keys, int limit) {
        Map<String, List<Suggestion>> names = new HashMap<>();
        for (String key : keys) {
            reads++;
            names.put(key, lists.getOrDefault(key, List.of()).stream()
                    .filter(p -> (p.fields() & Fields.NAME) != 0)
                    .map(Posting::product)
                    .sorted(Comparator.comparingInt((ProductSummary p) -> p.name().length()).thenComparing(ProductSummary::productId))
                    .limit(limit)
                    .map(p -> new Suggestion(p.name(), p.productId()))
                    .toList());
        }
        return names;
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
