package dev.storefront.domain.order;

import java.util.Locale;
import java.util.Optional;

/**
 * The processor call an order's move leaves owed: the authorized money is captured when the parcel
 * ships, and voided when an authorized order will not ship (rejected by the partner, cancelled by
 * the buyer). The move records the call as owed and whoever moved the order makes it, with a key
 * derived from the order, until the processor took it (money moves once however often it is made).
 */
public enum PaymentAction {
    CAPTURE, VOID;

    /** What a move of {@code order} to {@code to} owes the processor; empty when its money does not move. */
    public static Optional<PaymentAction> owedBy(Order order, OrderStatus to) {
        if (order.payment().status() != Order.PaymentStatus.AUTHORIZED) {
            return Optional.empty();
        }
        return Optional.ofNullable(switch (to) {
            case SHIPPED -> CAPTURE;
            case REJECTED, CANCELLED -> VOID;
            default -> null;
        });
    }

    /** The order's payment once this call is made. */
    public Order.Payment paymentAfter(Order.Payment payment) {
        return new Order.Payment(this == CAPTURE ? Order.PaymentStatus.CAPTURED : Order.PaymentStatus.VOIDED, payment.authorizationId(), null);
    }

    /** The processor's idempotency key for this call on this order: {@code order:<orderId>:capture}. */
    public String keyFor(String orderId) {
        return "order:" + orderId + ":" + stored();
    }

    /** As the order stores it ({@code capture}, {@code void}). */
    public String stored() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static PaymentAction ofStored(String stored) {
        return valueOf(stored.toUpperCase(Locale.ROOT));
    }
}
