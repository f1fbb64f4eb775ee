package dev.storefront.domain.catalog;

import dev.storefront.domain.Money;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A product to show next to another (GET /products/{productId}/recommendations): one bought in
 * the same orders ({@code boughtTogether} times), or, when too few were, one of the same category
 * ({@code boughtTogether} 0). {@code inStock} is whether any of its variants has stock.
 */
public record Recommendation(String productId, String name, String category, Money price, boolean inStock, long boughtTogether) {

    /** How many GET /products/{productId}/recommendations answers at most. */
    public static final int MAX = 8;

    /** Reason labels for the answer. */
    public String reason() {
        return boughtTogether > 0 ? "bought_together" : "same_category";
    }

    public static Recommendation of(Product product, Map<String, Long> available, long boughtTogether) {
        boolean inStock = product.skus().stream().anyMatch(sku -> available.getOrDefault(sku, 0L) > 0);
        return new Recommendation(product.productId(), product.name(), product.category(), product.variants().get(0).price(),
                inStock, boughtTogether);
    }

    /**
     * At most {@code max} of them for {@code productId}: never the product itself, each once; bought
     * together first, in stock before out of stock, then by how often, then by id; then the same
     * category's, in stock first, in the order given.
     */
    public static List<Recommendation> rank(String productId, List<Recommendation> boughtTogether, List<Recommendation> sameCategory, int max) {
        Comparator<Recommendation> order = Comparator.comparing((Recommendation r) -> !r.inStock())
                .thenComparing(Comparator.comparingLong(Recommendation::boughtTogether).reversed())
                .thenComparing(Recommendation::productId);
        List<Recommendation> ranked = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>(List.of(productId));
        boughtTogether.stream().sorted(order).filter(r -> seen.add(r.productId())).forEach(ranked::add);
        sameCategory.stream().sorted(Comparator.comparing((Recommendation r) -> !r.inStock()))
                .filter(r -> seen.add(r.productId())).forEach(ranked::add);
        return List.copyOf(ranked.subList(0, Math.min(max, ranked.size())));
    }
}
