package dev.storefront.searchindex;

import dev.storefront.domain.catalog.Product;

import java.util.List;
import java.util.Map;

/**
 * A product as the index knows it: what its words are read from ({@code name}, {@code category},
 * {@code description}) and the summary that search answers show and filter on.
 */
public record IndexedProduct(ProductSummary summary, String description) {

    public IndexedProduct {
        description = description == null ? "" : description;
    }

    /**
     * The index's view of a catalog product: {@code createdAt} orders "newest", and a variant is in
     * stock while its SKU has units available ({@code available}, absent SKUs: none).
     */
    public static IndexedProduct of(Product product, String createdAt, Map<String, Long> available) {
        List<ProductSummary.Variant> variants = product.variants().stream()
                .map(v -> new ProductSummary.Variant(v.sku(), v.attributes(), v.price(), available.getOrDefault(v.sku(), 0L) > 0))
                .toList();
        return new IndexedProduct(new ProductSummary(product.productId(), product.name(), product.category(), createdAt, variants),
                product.description());
    }

    public String productId() {
        return summary.productId();
    }
}
