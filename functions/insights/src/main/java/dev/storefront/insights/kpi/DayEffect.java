package dev.storefront.insights.kpi;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one event adds to its day's counters (attribute name to amount), and what the recorder
 * must decide against the table before writing: whether its visitor is new that day, whether its
 * order is its customer's first or second, and the order facts to keep for later events.
 */
final class DayEffect {

    /** Day-item attributes: the counters {@link KpiTable} reads back into DayCounters. */
    static final String VISITORS = "visitors";
    static final String PRODUCT_VIEWS = "productViews";
    static final String CARTS_CREATED = "cartsCreated";
    static final String CART_LINES_ADDED = "cartLinesAdded";
    static final String CART_LINES_REMOVED = "cartLinesRemoved";
    static final String CHECKOUTS_STARTED = "checkoutsStarted";
    static final String CHECKOUTS_FAILED = "checkoutsFailed";
    static final String ORDERS_PLACED = "ordersPlaced";
    static final String PAYMENTS_FAILED = "paymentsFailed";
    static final String FULFILMENTS_REQUESTED = "fulfilmentsRequested";
    static final String ORDERS_REJECTED = "ordersRejected";
    static final String ORDERS_SHIPPED = "ordersShipped";
    static final String RETENTION_CONVERSIONS = "retentionConversions";
    static final String FIRST_ORDER_CUSTOMERS = "firstOrderCustomers";
    static final String SECOND_ORDER_CUSTOMERS = "secondOrderCustomers";
    /** New visitor ids past the cap of their source and hour: not in visitors. */
    static final String VISITORS_CAPPED = "visitorsCapped";
    /** Checkouts refused with TOO_MANY_ATTEMPTS before the card was tried. */
    static final String PAYMENT_ATTEMPTS_BLOCKED = "paymentAttemptsBlocked";
    /** First pages of GET /search (search.performed), and those that matched nothing. */
    static final String SEARCHES = "searches";
    static final String RETURNS_REQUESTED = "returnsRequested";
    static final String SEARCHES_WITHOUT_RESULTS = "searchesWithoutResults";
    /** Followed by the ISO currency code, e.g. revenue_EUR: flat attributes, so ADD needs no map to exist first. */
    static final String REVENUE_PREFIX = "revenue_";
    static final String ORDERS_PREFIX = "orders_";
    /** Followed by the currency: the orders' totals less tax and shipping (docs/INSIGHTS.md). */
    static final String NET_REVENUE_PREFIX = "netRevenue_";
    /** Refunds made per currency, and the same net of their tax. */
    static final String REFUNDS_PREFIX = "refunds_";
    static final String REFUNDS_NET_PREFIX = "refundsNet_";
    /** Followed by whole minutes: the placed-to-shipped histogram at one-minute resolution. */
    static final String SHIPPED_AFTER_PREFIX = "shippedAfterMinutes_";

    /** Facts of a placed order that later events (order.shipped) need. */
    record OrderFacts(String orderId, Instant placedAt, String currency, long total, String customerId, String discountCode) {
    }

    final String eventId;
    final LocalDate day;
    /** The UTC hour, yyyy-MM-ddTHH: the window of the visitor cap per source. */
    final String hour;
    final Map<String, Long> adds = new LinkedHashMap<>();
    String visitorId;
    /** The pseudonymous source address of the request (funnel events), null when unknown. */
    String sourceId;
    /** The customer whose order count this event raises (order.placed of a signed-in customer). */
    String orderingCustomer;
    OrderFacts placedOrder;
    /** The channel and campaign the event counts for (GroupedDayStore); null: no group (e.g. order.accepted). */
    Touch touch;
    /** order.placed: the first touch of its visitor, for the first-touch counters. */
    Touch firstTouch;

    DayEffect(String eventId, Instant occurredAt) {
        this.eventId = eventId;
        this.day = LocalDate.ofInstant(occurredAt, ZoneOffset.UTC);
        this.hour = occurredAt.atOffset(ZoneOffset.UTC).toString().substring(0, 13);
    }

    DayEffect add(String counter, long amount) {
        adds.merge(counter, amount, Long::sum);
        return this;
    }

    /** Nothing to write: no counter, no visitor, no facts (e.g. order.accepted). */
    boolean isEmpty() {
        return adds.isEmpty() && visitorId == null && orderingCustomer == null && placedOrder == null;
    }
}
