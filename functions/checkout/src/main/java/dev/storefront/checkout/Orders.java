package dev.storefront.checkout;

import dev.storefront.domain.Caller;
import dev.storefront.domain.Problem;
import dev.storefront.domain.ProblemCode;
import dev.storefront.domain.order.Order;
import dev.storefront.domain.order.OrderStatus;
import dev.storefront.domain.order.PaymentGateway;
import dev.storefront.orderstore.OrderItems;
import dev.storefront.orderstore.OrderRepository;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;

/** Reading orders and cancelling them before they ship. */
@Singleton
class Orders {

    private static final Logger LOG = LoggerFactory.getLogger(Orders.class);

    private final OrderRepository orders;
    private final PaymentGateway payments;
    private final Clock clock;

    Orders(OrderRepository orders, PaymentGateway payments, Clock clock) {
        this.orders = orders;
        this.payments = payments;
        this.clock = clock;
    }

    static boolean isOrderId(String value) {
        if (value == null || value.length() != 32) {
            return false;
        }
        try {
            HexFormat.of().parseHex(value);
            return value.equals(value.toLowerCase());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Another customer's order, or one that does not exist, is the same 404. */
    Order visible(String orderId, Caller caller) {
        if (!isOrderId(orderId)) {
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
     */
    Order cancel(String orderId, Caller caller) {
        Order order = visible(orderId, caller);
        if (order.status() == OrderStatus.CANCELLED) {
            return order;
        }
        if (!order.status().canMoveTo(OrderStatus.CANCELLED)) {
            throw new Problem(ProblemCode.ORDER_NOT_CANCELLABLE, "an order that is " + order.status() + " can no longer be cancelled");
        }
        boolean authorized = order.payment().status() == Order.PaymentStatus.AUTHORIZED;
        Order.Payment payment = authorized
                ? new Order.Payment(Order.PaymentStatus.VOIDED, order.payment().authorizationId(), null) : order.payment();
        boolean moved = orders.moveReleasing(order, OrderStatus.CANCELLED, Checkout.change(order, OrderStatus.CANCELLED, clock.instant()),
                Map.of("payment", OrderItems.payment(payment)));
        if (moved && authorized) {
            try {
                payments.voidAuthorization("order:" + orderId + ":void", order.payment().authorizationId());
            } catch (RuntimeException e) {
                LOG.error("Voiding the authorization of cancelled order {} failed; void it by hand", orderId, e);
            }
        }
        return orders.find(orderId).orElseThrow();
    }
}
