package dev.storefront.domain.cart;

import java.util.Set;

/**
 * Who a discount is checked for: the customer a cart belongs to (null for an anonymous cart) and
 * the segments that customer is in now. Segments are looked up only for codes limited to one.
 */
public record Shopper(String customerId, Set<String> segments) {

    public static final Shopper ANONYMOUS = new Shopper(null, Set.of());

    public Shopper {
        segments = segments == null ? Set.of() : Set.copyOf(segments);
    }

    public static Shopper of(String customerId) {
        return new Shopper(customerId, Set.of());
    }
}
