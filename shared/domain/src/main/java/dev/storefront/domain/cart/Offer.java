package dev.storefront.domain.cart;

import dev.storefront.domain.Money;

/**
 * What the catalog sells a SKU for right now: its product, display name, unit price and the
 * stock available, and its product's category (what category-limited discount codes look at; null
 * when unknown). A SKU the catalog does not sell (unknown, or removed from its product) has no offer.
 */
public record Offer(String sku, String productId, String name, Money unitPrice, long available, String category) {

    public Offer(String sku, String productId, String name, Money unitPrice, long available) {
        this(sku, productId, name, unitPrice, available, null);
    }
}
