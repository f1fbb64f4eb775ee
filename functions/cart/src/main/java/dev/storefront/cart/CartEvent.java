package dev.storefront.cart;

import dev.storefront.domain.Caller;
import dev.storefront.domain.cart.Cart;

import java.time.Instant;

/**
 * Something a shopper did with a cart, for funnel analytics (carts created, viewed, lines added or
 * removed, merged on sign-in).
 *
 * @param customer  whether the cart is a customer's (what the log line says)
 * @param shopper   who did it: the caller (anonymous, or the signed-in customer)
 * @param sku       for LINE_ADDED and LINE_REMOVED, else null
 * @param productId for LINE_ADDED, else null
 * @param quantity  for LINE_ADDED the units added, for LINE_REMOVED the units removed, else 0
 */
record CartEvent(Type type, String cartId, boolean customer, Caller shopper, String sku, String productId, int quantity,
                 Instant occurredAt) {

    enum Type {
        CART_CREATED, CART_VIEWED, LINE_ADDED, LINE_REMOVED, CART_MERGED;

        /** The event type as a message would carry it, e.g. {@code cart.line_added}. */
        String wireName() {
            return "cart." + name().toLowerCase().replace("cart_", "");
        }
    }

    static CartEvent of(Type type, Cart cart, Caller shopper, Instant at) {
        return new CartEvent(type, cart.cartId(), cart.isCustomerCart(), shopper, null, null, 0, at);
    }

    static CartEvent lineAdded(Cart cart, Caller shopper, String sku, String productId, int quantity, Instant at) {
        return new CartEvent(Type.LINE_ADDED, cart.cartId(), cart.isCustomerCart(), shopper, sku, productId, quantity, at);
    }

    static CartEvent lineRemoved(Cart cart, Caller shopper, String sku, int quantity, Instant at) {
        return new CartEvent(Type.LINE_REMOVED, cart.cartId(), cart.isCustomerCart(), shopper, sku, null, quantity, at);
    }
}
