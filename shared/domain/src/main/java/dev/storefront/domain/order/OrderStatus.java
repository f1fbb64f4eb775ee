package dev.storefront.domain.order;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import static java.util.Map.entry;

/**
 * An order's life. Every change is a conditional write from the expected status, so only the
 * moves listed here can ever happen, each at most once.
 *
 * <pre>
 * PENDING_PAYMENT ─┬─► PLACED ─► FULFILMENT_REQUESTED ─► ACCEPTED ─► SHIPPED ─► DELIVERED
 *                  ├─► PAYMENT_FAILED        │                 │          │
 *                  └─► EXPIRED               └──► REJECTED     │          │
 *          PLACED, FULFILMENT_REQUESTED, ACCEPTED ─► CANCELLED (before shipment only)
 * </pre>
 */
public enum OrderStatus {
    PENDING_PAYMENT, PLACED, PAYMENT_FAILED, EXPIRED, FULFILMENT_REQUESTED, ACCEPTED, REJECTED, SHIPPED, DELIVERED, CANCELLED;

    private static final Map<OrderStatus, Set<OrderStatus>> NEXT = Map.ofEntries(
            entry(PENDING_PAYMENT, EnumSet.of(PLACED, PAYMENT_FAILED, EXPIRED)),
            entry(PLACED, EnumSet.of(FULFILMENT_REQUESTED, CANCELLED)),
            entry(FULFILMENT_REQUESTED, EnumSet.of(ACCEPTED, REJECTED, CANCELLED)),
            entry(ACCEPTED, EnumSet.of(SHIPPED, CANCELLED)),
            entry(SHIPPED, EnumSet.of(DELIVERED)));

    public boolean canMoveTo(OrderStatus next) {
        return NEXT.getOrDefault(this, Set.of()).contains(next);
    }

    /** Statuses whose stock reservation is given back when the order reaches them. */
    public boolean releasesStock() {
        return this == PAYMENT_FAILED || this == EXPIRED || this == REJECTED || this == CANCELLED;
    }

    public boolean isFinal() {
        return NEXT.getOrDefault(this, Set.of()).isEmpty();
    }
}
