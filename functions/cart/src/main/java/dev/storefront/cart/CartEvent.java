package dev.storefront.cart;

import dev.storefront.domain.cart.Cart;

import java.time.Instant;

/**
 * Something a shopper did with a cart, for funnel analytics (carts created, viewed, lines added,
 * merged on sign-in). Shaped like the queue envelopes in DESIGN.md so a publisher can send it as
 * is; it names no customer, only whether the cart is a customer's.
 *
 * @param sku      for LINE_ADDED, else null
 * @param quantity for LINE_ADDED, the units added, else 0
 */
record CartEvent(Type type, String cartId, boolean customer, String sku, int quantity, Instant occurredAt) {

    enum Type {
        CART_CREATED, CART_VIEWED, LINE_ADDED, CART_MERGED;

        /** The event type as a message would carry it, e.g. {@code cart.line_added}. */
        String wireName() {
            return "cart." + name().toLowerCase().replace("cart_", "");
        }
    }

    static CartEvent of(Type type, Cart cart, Instant at) {
        return new CartEvent(type, cart.cartId(), cart.isCustomerCart(), null, 0, at);
    }

    static CartEvent lineAdded(Cart cart, String sku, int quantity, Instant at) {
        return new CartEvent(Type.LINE_ADDED, cart.cartId(), cart.isCustomerCart(), sku, quantity, at);
    }
}
