package dev.storefront.checkout;

import dev.storefront.domain.order.Order;
import dev.storefront.domain.order.OrderStatus;
import dev.storefront.domain.order.PaymentAction;
import dev.storefront.domain.order.PaymentGateway;
import dev.storefront.domain.order.PaymentGateway.Authorization;
import dev.storefront.orderstore.OrderMove;
import dev.storefront.orderstore.OrderRepository;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.time.Clock;

/**
 * The one way a payment that confirms later (3-D Secure) settles its order, whoever brings the
 * answer first: the processor's webhook or the shopper back from the bank. Authorized: the order
 * moves PENDING_PAYMENT → PLACED; declined: → PAYMENT_FAILED and {@link Reservations#giveBack}
 * returns the stock, the cart and the code. Both are conditional moves, so however the two race
 * the order moves once (and its stream publishes one event). Money the shop cannot keep, an
 * authorization for an order that already expired, is voided at once and logged as a
 * {@code payment.orphaned} finding.
 */
@Singleton
class PaymentConfirmation {

    private static final Logger LOG = LoggerFactory.getLogger(PaymentConfirmation.class);
    /** A move lost to a concurrent one is looked at again; after that the order is where the winner left it. */
    private static final int LOOKS = 3;

    private final OrderRepository orders;
    private final Reservations reservations;
    private final PaymentGateway payments;
    private final Clock clock;

    PaymentConfirmation(OrderRepository orders, Reservations reservations, PaymentGateway payments, Clock clock) {
        this.orders = orders;
        this.reservations = reservations;
        this.payments = payments;
        this.clock = clock;
    }

    /** Applies the processor's answer {@code result} for payment {@code paymentId} to {@code order}; the order as it then is. */
    Order confirm(Order order, String paymentId, Authorization result, String source) {
        MDC.put("orderId", order.orderId());
        for (int look = 0; look < LOOKS; look++) {
            if (order.status() == OrderStatus.PENDING_PAYMENT) {
                boolean moved = switch (result.outcome()) {
                    case AUTHORIZED -> orders.move(order, OrderMove.of(order.changeTo(OrderStatus.PLACED, clock.instant()))
                            .withPayment(new Order.Payment(Order.PaymentStatus.AUTHORIZED, paymentId, null))).isPresent();
                    case DECLINED -> reservations.giveBack(order, OrderMove.of(order.changeTo(OrderStatus.PAYMENT_FAILED, clock.instant()))
                            .withPayment(new Order.Payment(Order.PaymentStatus.FAILED, paymentId, result.declineCode())));
                    // Still with the bank, or no answer: nothing to settle yet.
                    case REQUIRES_ACTION, FAILED -> {
                        yield false;
                    }
                };
                if (!moved && !result.isFinal()) {
                    return order;
                }
                if (moved) {
                    LOG.info("Order {}: payment {} {} ({})", order.orderId(), paymentId,
                            result.outcome() == Authorization.Outcome.AUTHORIZED ? "authorized, order placed" : "declined, stock released", source);
                }
                // Moved by us, or by whoever won the race: look at the order as it is now.
                order = orders.find(order.orderId()).orElseThrow();
                continue;
            }
            if (result.outcome() == Authorization.Outcome.AUTHORIZED && holdsNoPayment(order)) {
                return voidOrphan(order, paymentId, source);
            }
            return order;
        }
        return order;
    }

    /**
     * The shopper is back from the bank: asks the processor where the order's payment stands and
     * applies it. An order with no payment waiting (placed, paid by card at once, or never asked)
     * is answered as it is.
     */
    Order askProcessor(Order order) {
        String paymentId = order.payment().authorizationId();
        boolean waiting = order.payment().status() == Order.PaymentStatus.REQUIRES_ACTION && paymentId != null
                && (order.status() == OrderStatus.PENDING_PAYMENT || holdsNoPayment(order));
        if (!waiting) {
            return order;
        }
        return payments.status(paymentId).map(result -> confirm(order, paymentId, result, "shopper returned")).orElse(order);
    }

    /** An order that will never ship and has no authorization of its own: money authorized for it has no order. */
    private static boolean holdsNoPayment(Order order) {
        return (order.status() == OrderStatus.EXPIRED || order.status() == OrderStatus.PAYMENT_FAILED)
                && order.payment().status() != Order.PaymentStatus.VOIDED;
    }

    /**
     * Voids the authorization (same key as any other void of the order: at most once at the
     * processor) and notes it on the order; an outage propagates, so the webhook is retried.
     */
    private Order voidOrphan(Order order, String paymentId, String source) {
        payments.voidAuthorization(PaymentAction.VOID.keyFor(order.orderId()), paymentId);
        Order.Payment voided = new Order.Payment(Order.PaymentStatus.VOIDED, paymentId, null);
        orders.updatePayment(order, voided, null);
        MDC.put("finding", "payment.orphaned");
        try {
            LOG.warn("payment.orphaned: order {} was {} when payment {} was authorized ({}); the authorization was voided at once",
                    order.orderId(), order.status(), paymentId, source);
        } finally {
            MDC.remove("finding");
        }
        return orders.find(order.orderId()).orElse(order.withPayment(voided));
    }
}
