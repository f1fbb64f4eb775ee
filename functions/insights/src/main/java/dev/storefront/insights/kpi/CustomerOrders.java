package dev.storefront.insights.kpi;

import java.time.Instant;

/**
 * What insights keeps per signed-in customer (pk {@code CUSTOMER#<sub>}, sk {@code ORDERS}): how
 * many orders were counted, and of the first one when and where it came from, so a second order
 * knows the group and the cohort that acquired the customer.
 *
 * @param firstOrderAt null before the first order (and for customers counted before this was kept)
 */
record CustomerOrders(long count, Instant firstOrderAt, Touch firstTouch) {

    static final CustomerOrders NONE = new CustomerOrders(0, null, Touch.UNATTRIBUTED);
}
