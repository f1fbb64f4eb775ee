package dev.storefront.orderstore;

import dev.storefront.domain.order.Order;
import dev.storefront.domain.order.OrderStatus;
import dev.storefront.domain.order.PaymentAction;

/**
 * One status move of an order and what it writes with it: the history entry, and the new
 * payment, fulfilment and owed payment call when it sets them (null: left as stored).
 */
public record OrderMove(Order.StatusChange change, Order.Payment payment, Order.Fulfilment fulfilment, PaymentAction paymentAction) {

    /** A move that writes its history entry and status alone. */
    public static OrderMove of(Order.StatusChange change) {
        return new OrderMove(change, null, null, null);
    }

    /** The move {@code change} of {@code order}, owing the processor call it calls for ({@link PaymentAction#owedBy}), if any. */
    public static OrderMove settling(Order order, Order.StatusChange change) {
        OrderMove move = of(change);
        return PaymentAction.owedBy(order, change.to()).map(action -> move.owing(action, order.payment())).orElse(move);
    }

    public OrderStatus to() {
        return change.to();
    }

    public OrderMove withPayment(Order.Payment newPayment) {
        return new OrderMove(change, newPayment, fulfilment, paymentAction);
    }

    public OrderMove withFulfilment(Order.Fulfilment newFulfilment) {
        return new OrderMove(change, payment, newFulfilment, paymentAction);
    }

    /** The move also records {@code action} as owed, and the payment as it will be once the call is made. */
    public OrderMove owing(PaymentAction action, Order.Payment before) {
        return new OrderMove(change, action.paymentAfter(before), fulfilment, action);
    }

    /** The order as this move leaves it. */
    public Order applyTo(Order order) {
        return order.after(change, payment == null ? order.payment() : payment, fulfilment == null ? order.fulfilment() : fulfilment);
    }
}
