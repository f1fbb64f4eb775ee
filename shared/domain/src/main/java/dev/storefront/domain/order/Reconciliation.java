package dev.storefront.domain.order;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * What the reconciler judges, without AWS: an order stuck in a status past the time it may stay
 * there, an order whose payment disagrees with its shipment, a payment no order owns, and a stock
 * item whose count disagrees with its inventory ledger.
 */
public final class Reconciliation {

    public enum Kind { ORDER_STUCK, PAYMENT_MISMATCH, STOCK_DRIFT }

    /** One finding: {@code orderId} for the order kinds (and an orphaned payment's order reference), {@code sku} for drift. */
    public record Finding(Kind kind, String orderId, String sku, String detail) {
    }

    /**
     * How long an order may stay: waiting for payment, its hold (the checkout's
     * {@code STOREFRONT_CHECKOUT_HOLD_MINUTES}, after which the sweeper expires it); placed, until
     * fulfilment has asked the partner; shipped, until delivered.
     */
    public record Limits(Duration paymentHold, Duration requestWithin, Duration deliverWithin) {

        public static Limits withHold(Duration paymentHold) {
            return new Limits(paymentHold, Duration.ofMinutes(5), Duration.ofDays(30));
        }

        /** How long an order may stay in {@code status}; empty when any time is fine. */
        public Optional<Duration> of(OrderStatus status) {
            return switch (status) {
                case PENDING_PAYMENT -> Optional.of(paymentHold);
                case PLACED -> Optional.of(requestWithin);
                case SHIPPED -> Optional.of(deliverWithin);
                default -> Optional.empty();
            };
        }
    }

    private Reconciliation() {
    }

    /** An order in {@code status} since {@code since} that should have moved on by {@code now}. */
    public static Optional<Finding> stuck(String orderId, OrderStatus status, Instant since, Instant now, Limits limits) {
        return limits.of(status).filter(limit -> since.plus(limit).isBefore(now)).map(limit -> new Finding(Kind.ORDER_STUCK, orderId, null,
                status + " since " + since + ", longer than " + limit.toMinutes() + " minutes"));
    }

    /** Money taken for goods that never left, goods that left without the money taken, or more refunded than taken. */
    public static Optional<Finding> paymentMismatch(Order order) {
        boolean shipped = order.status() == OrderStatus.SHIPPED || order.status() == OrderStatus.DELIVERED;
        boolean captured = order.payment().status() == Order.PaymentStatus.CAPTURED;
        if (captured && !shipped) {
            return Optional.of(new Finding(Kind.PAYMENT_MISMATCH, order.orderId(), null, "payment captured but the order is " + order.status()));
        }
        if (shipped && !captured) {
            return Optional.of(new Finding(Kind.PAYMENT_MISMATCH, order.orderId(), null,
                    "order " + order.status() + " but its payment is " + order.payment().status()));
        }
        if (order.refundsHeld() > order.captured()) {
            return Optional.of(new Finding(Kind.PAYMENT_MISMATCH, order.orderId(), null,
                    "refunds hold " + order.refundsHeld() + " but only " + order.captured() + " was captured"));
        }
        return Optional.empty();
    }

    /** A payment the processor holds for an order that does not exist. */
    public static Finding orphanedPayment(String paymentId, String orderReference) {
        return new Finding(Kind.PAYMENT_MISMATCH, orderReference, null, "payment " + paymentId + " belongs to no order");
    }

    /** Statuses in which an order holds its authorized payment until the parcel ships (or the bank's answer is applied). */
    private static final Set<OrderStatus> HOLDS_PAYMENT = EnumSet.of(OrderStatus.PENDING_PAYMENT, OrderStatus.PLACED,
            OrderStatus.FULFILMENT_REQUESTED, OrderStatus.ACCEPTED);

    /**
     * A payment the processor still holds (authorized, neither captured nor voided), judged against
     * the order it names ({@code order} empty: there is none): money held for no order, for an order
     * that holds another payment, or for an order that will never take it (expired, failed, cancelled,
     * rejected) or says it took it already (shipped: captured on the order, not at the processor).
     */
    public static Optional<Finding> heldPayment(String paymentId, String orderReference, Optional<Order> order) {
        if (order.isEmpty()) {
            return Optional.of(orphanedPayment(paymentId, orderReference));
        }
        Order held = order.get();
        if (!paymentId.equals(held.payment().authorizationId())) {
            return Optional.of(new Finding(Kind.PAYMENT_MISMATCH, held.orderId(), null, "payment " + paymentId
                    + " is held for this order, which holds " + (held.payment().authorizationId() == null ? "no payment" : held.payment().authorizationId())));
        }
        if (HOLDS_PAYMENT.contains(held.status()) && held.payment().status() != Order.PaymentStatus.VOIDED) {
            return Optional.empty();
        }
        return Optional.of(new Finding(Kind.PAYMENT_MISMATCH, held.orderId(), null, "payment " + paymentId
                + " is still held at the processor but the order is " + held.status() + " with its payment " + held.payment().status()));
    }

    /** A stock item (a SKU's own, or a hot SKU's shard) holding other than its ledger adds up to. */
    public static Optional<Finding> stockDrift(String sku, int shard, long expected, long available) {
        if (expected == available) {
            return Optional.empty();
        }
        return Optional.of(new Finding(Kind.STOCK_DRIFT, null, sku, (shard == 0 ? "" : "shard " + shard + ": ") + "available " + available
                + " but the inventory ledger adds up to " + expected));
    }
}
