package dev.storefront.analytics;

import dev.storefront.domain.Caller;
import dev.storefront.domain.ProblemCode;

/**
 * What shoppers do on their way to an order, as the shop's funnel counts it (docs/events, "Funnel
 * events"). Each call records one event for the analytics-events queue; the shopper's anonymous
 * visitor id comes from the request being served ({@code X-Visitor-Id}, see
 * {@link FunnelRequestFilter}), the customer from the {@link Caller} (null or anonymous: none).
 *
 * <p>Recording never throws and never waits on SQS: a shopper's request must not fail or slow down
 * because analytics is unwell. Events that cannot be delivered are logged and counted, not retried
 * forever.
 */
public interface FunnelEvents {

    /** A product page was served (GET /products/{productId} answered 200). */
    void productViewed(Caller shopper, String productId);

    /**
     * A shopper searched (GET /search answered a first page): what they typed ({@code query}, null
     * when they browsed by facets alone) and how many products matched; 0 is a search without results.
     */
    void searchPerformed(Caller shopper, String query, int results);

    /** A new cart exists (not when a customer's existing open cart is answered again). */
    void cartCreated(Caller shopper, String cartId);

    /** Units of a SKU went into a cart: a new line, or more of an existing one ({@code quantity} = the units added). */
    void cartLineAdded(Caller shopper, String cartId, String sku, String productId, int quantity);

    /** Units of a SKU left a cart: the line removed, or lowered ({@code quantity} = the units removed). */
    void cartLineRemoved(Caller shopper, String cartId, String sku, int quantity);

    /** A checkout attempt began: a request that claimed its Idempotency-Key (never a replay). */
    void checkoutStarted(Caller shopper, String cartId, int lines);

    /** A checkout attempt ended without an order, for this reason (the problem code the shopper got). */
    void checkoutFailed(Caller shopper, String cartId, ProblemCode reason);
}
