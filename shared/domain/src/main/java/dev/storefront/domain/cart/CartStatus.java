package dev.storefront.domain.cart;

/** OPEN carts take changes; CHECKED_OUT became an order; MERGED was folded into a customer's cart on sign-in. */
public enum CartStatus {
    OPEN, CHECKED_OUT, MERGED
}
