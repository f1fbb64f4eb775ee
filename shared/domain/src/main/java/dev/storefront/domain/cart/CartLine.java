package dev.storefront.domain.cart;

import dev.storefront.domain.Money;
import dev.storefront.domain.Problem;

/**
 * A line of a cart as stored: the SKU and quantity, plus what the shopper was shown when they last
 * set the line (product, name, unit price). Prices are never taken from here for totals; they come
 * from the catalog at read time, and a difference becomes a PRICE_CHANGED warning.
 */
public record CartLine(String sku, String productId, String name, int quantity, Money seenUnitPrice) {

    public CartLine {
        if (quantity < 1 || quantity > Cart.MAX_QUANTITY_PER_LINE) {
            throw Problem.invalid("quantity", "quantity must be an integer from 1 to " + Cart.MAX_QUANTITY_PER_LINE);
        }
    }

    static CartLine of(Offer offer, int quantity) {
        return new CartLine(offer.sku(), offer.productId(), offer.name(), quantity, offer.unitPrice());
    }
}
