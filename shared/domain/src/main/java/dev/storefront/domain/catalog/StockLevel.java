package dev.storefront.domain.catalog;

import dev.storefront.domain.Problem;

/** How many units of a SKU can still be sold. Never negative. */
public record StockLevel(String sku, long available) {

    public static final long MAX_AVAILABLE = 1_000_000_000L;

    public StockLevel {
        if (available < 0 || available > MAX_AVAILABLE) {
            throw Problem.invalid("available", "available must be an integer from 0 to " + MAX_AVAILABLE);
        }
    }
}
