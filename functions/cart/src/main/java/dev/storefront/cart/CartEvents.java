package dev.storefront.cart;

/**
 * Where cart events go. Today {@link LoggedCartEvents} writes them as structured log lines (which
 * CloudWatch Logs Insights can already count); a queue publisher can replace it as a bean without
 * touching the use cases. Publishing must never fail a shopper's request.
 */
interface CartEvents {

    void publish(CartEvent event);
}
