package dev.storefront.domain.cart;

import dev.storefront.domain.Money;

/**
 * Something the shopper should know about a line (or the cart) before checking out. Warnings never
 * block reading or changing a cart; checkout enforces stock and availability.
 *
 * @param available         for INSUFFICIENT_STOCK, the units available now
 * @param previousUnitPrice for PRICE_CHANGED, the unit price the shopper saw when they set the line
 */
public record CartWarning(Code code, String detail, Long available, Money previousUnitPrice) {

    public enum Code {
        /** No unit is available now. */
        OUT_OF_STOCK,
        /** Fewer units are available than the line holds. */
        INSUFFICIENT_STOCK,
        /** The catalog price differs from the one shown when the line was last set. */
        PRICE_CHANGED,
        /** The catalog no longer sells the SKU (or not in the cart's currency); the line is not priced. */
        SKU_UNAVAILABLE,
        /** The cart's discount code does not apply now (expired, minimum not reached, withdrawn). */
        DISCOUNT_NOT_APPLICABLE,
        /** The cart cannot be shipped to its chosen country now (no zone, nothing carries the parcel); checkout refuses. */
        SHIPPING_UNAVAILABLE,
        /** A change to the lines changed the shipping charge (a free-over threshold or a weight tier crossed). */
        SHIPPING_CHANGED
    }

    static CartWarning of(Code code, String detail) {
        return new CartWarning(code, detail, null, null);
    }
}
