package dev.storefront.domain.order;

import dev.storefront.domain.Problem;
import dev.storefront.domain.ProblemCode;

import java.time.Instant;

/**
 * Money given back on an order: for a received return ({@code returnId}) or as goodwill by an
 * admin. It is PENDING from the moment it is recorded (its amount already counts against what was
 * captured, so refunds can never sum past it) until the processor took it (SUCCEEDED) or refused
 * it after every retry (FAILED: its amount is free again, and {@code failure} says why).
 * {@code tax} is the part of the amount that is tax, which net revenue leaves out.
 */
public record OrderRefund(String refundId, long amount, long tax, String reason, Status status, String returnId, Instant createdAt,
                          Instant settledAt, String failure) {

    public enum Status { PENDING, SUCCEEDED, FAILED }

    /** Longest reason an admin may give. */
    public static final int MAX_REASON = 200;

    /** The processor's idempotency key for this refund: the same however often it is sent. */
    public String processorKey() {
        return "refund:" + refundId;
    }

    /** A refund that holds part of the captured amount (pending or made). */
    public boolean holdsCapture() {
        return status != Status.FAILED;
    }

    public OrderRefund settled(Status outcome, Instant at, String why) {
        if (outcome == Status.PENDING) {
            throw new IllegalArgumentException("a refund settles as SUCCEEDED or FAILED");
        }
        return new OrderRefund(refundId, amount, tax, reason, outcome, returnId, createdAt, at, why);
    }

    /**
     * An admin's refund of {@code amount} on {@code order}: positive, and at most what was captured
     * less what other refunds hold ({@link ProblemCode#REFUND_EXCEEDS_CAPTURED}). Its tax is the
     * order's tax in proportion (rounded half up), as a goodwill amount belongs to no line.
     */
    public static OrderRefund goodwill(Order order, String refundId, long amount, String reason, Instant now) {
        if (amount < 1) {
            throw Problem.invalid("amount", "amount must be a positive integer in minor units");
        }
        if (amount > order.refundable()) {
            throw exceeds(order, amount);
        }
        // tax * amount / total, rounded half up
        long total = order.total();
        long tax = total == 0 ? 0 : (Math.multiplyExact(Math.multiplyExact(order.taxAmount(), amount), 2L) + total) / Math.multiplyExact(total, 2L);
        return new OrderRefund(refundId, amount, Math.min(tax, amount), reason, Status.PENDING, null, now, null, null);
    }

    public static Problem exceeds(Order order, long amount) {
        return new Problem(ProblemCode.REFUND_EXCEEDS_CAPTURED, "a refund of " + amount + " exceeds what is left to refund: "
                + order.refundable() + " of " + order.captured() + " " + order.currency() + " minor units captured", "amount");
    }
}
