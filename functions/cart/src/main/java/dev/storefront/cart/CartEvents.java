package dev.storefront.cart;

/**
 * Where cart events go: {@link PublishedCartEvents} writes them as structured log lines and sends
 * the funnel's to the analytics-events queue. Publishing must never fail a shopper's request.
 */
interface CartEvents {

    void publish(CartEvent event);
}
