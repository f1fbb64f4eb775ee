package dev.storefront.domain.order;

import dev.storefront.domain.cart.CartId;

/**
 * Order ids: 128 random bits as 32 lower-case hex digits, like {@link CartId}. A guest order is
 * reachable by its id alone, so it must be unguessable; anything else is a cheap 404 before any
 * database call.
 */
public final class OrderId {

    private OrderId() {
    }

    public static String random() {
        return CartId.random();
    }

    public static boolean isValid(String value) {
        return CartId.isValid(value);
    }
}
