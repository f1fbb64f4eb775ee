package dev.storefront.domain.cart;

import dev.storefront.domain.Money;
import dev.storefront.domain.pricing.TaxClass;

/**
 * What the catalog sells a SKU for right now: its product, display name, unit price and the
 * stock available, its product's category (what category-limited discount codes look at; null
 * when unknown), and the variant's weight and tax class (what shipping and tax are computed from).
 * A SKU the catalog does not sell (unknown, or removed from its product) has no offer.
 * {@code stockShards} is how many shards its stock is split over (1: not hot), what a checkout
 * reserves from.
 */
public record Offer(String sku, String productId, String name, Money unitPrice, long available, String category,
                    long weightGrams, TaxClass taxClass, int stockShards) {

    public Offer {
        taxClass = taxClass == null ? TaxClass.STANDARD : taxClass;
        stockShards = Math.max(1, stockShards);
    }

    public Offer(String sku, String productId, String name, Money unitPrice, long available, String category,
                 long weightGrams, TaxClass taxClass) {
        this(sku, productId, name, unitPrice, available, category, weightGrams, taxClass, 1);
    }

    public Offer(String sku, String productId, String name, Money unitPrice, long available, String category) {
        this(sku, productId, name, unitPrice, available, category, 0, TaxClass.STANDARD);
    }

    public Offer(String sku, String productId, String name, Money unitPrice, long available) {
        this(sku, productId, name, unitPrice, available, null);
    }
}
