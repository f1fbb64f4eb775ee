package dev.storefront.checkout;

import dev.storefront.domain.Caller;
import dev.storefront.domain.Problem;
import dev.storefront.domain.ProblemCode;
import dev.storefront.domain.order.Order;
import dev.storefront.domain.order.OrderId;
import dev.storefront.domain.order.OrderStatus;
import dev.storefront.orderstore.OrderMove;
import dev.storefront.orderstore.OrderRepository;
import dev.storefront.orderstore.PaymentSettlement;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;

/** Reading orders and cancelling them before they ship. */
@Singleton
class Orders {

    private static final Logger LOG = LoggerFactory.getLogger(Orders.class);

    private final OrderRepository orders;
    private final PaymentSettlement settlement;
    private final Clock clock;

    Orders(OrderRepository orders, PaymentSettlement settlement, Clock clock) {
        this.orders = orders;
        this.settlement = settlement;
        this.clock = clock;
    }

    /** Another customer's order, or one that does not exist, is the same 404. */
    Order visible(String orderId, Caller caller) {
        if (!OrderId.isValid(orderId)) {
            throw Problem.notFound("order " + Problem.quote(orderId));
        }
        return orders.find(orderId).filter(o -> o.isVisibleTo(caller)).orElseThrow(() -> Problem.notFound("order " + orderId));
    }

    OrderRepository.Page mine(Caller caller, int limit, String cursor) {
        if (caller.isAnonymous()) {
            throw new Problem(ProblemCode.UNAUTHORIZED, "sign in to list your orders");
        }
        return orders.ofCustomer(caller.subject(), limit, cursor);
    }

    /**
     * Cancels an order that has not shipped: the status moves, the stock comes back and the payment
     * authorization is voided, all exactly once (only the request that moves the status does it).
     * A void the processor did not take stays owed on the order ({@link PaymentSettlement}) and is made,
     * with the same key, when fulfilment handles the {@code order.cancelled} event (retried until done)
     * or when the buyer cancels again, whichever comes first.
     */
    Order cancel(String orderId, Caller caller) {
        Order order = visible(orderId, caller);
        if (order.status() == OrderStatus.CANCELLED) {
            settleQuietly(order, () -> settlement.settleOwed(order));
            return order;
        }
        if (!order.status().canMoveTo(OrderStatus.CANCELLED)) {
            throw new Problem(ProblemCode.ORDER_NOT_CANCELLABLE, "an order that is " + order.status() + " can no longer be cancelled");
        }
        OrderMove cancel = OrderMove.settling(order, order.changeTo(OrderStatus.CANCELLED, clock.instant()));
        if (orders.moveReleasing(order, cancel)) {
            settleQuietly(order, () -> settlement.settle(order, cancel));
        }
        return orders.find(orderId).orElseThrow();
    }

    /** The cancellation stands whatever the processor answers: a void it did not take stays owed. */
    private static void settleQuietly(Order order, Runnable settle) {
        try {
            settle.run();
        } catch (RuntimeException e) {
            LOG.error("Voiding the authorization of cancelled order {} failed; it stays owed and is made on order.cancelled (or a repeated cancel)",
                    order.orderId(), e);
        }
    }
}
