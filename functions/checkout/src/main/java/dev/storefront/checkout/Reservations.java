package dev.storefront.checkout;

import dev.storefront.cartstore.CartStore;
import dev.storefront.domain.order.Order;
import dev.storefront.orderstore.OrderMove;
import dev.storefront.orderstore.OrderRepository;
import jakarta.inject.Singleton;

/**
 * The one way back for a checkout that will not complete (the card declined, the payment never
 * came): the order moves to a status that releases its reservation, its stock comes back in the
 * same transaction, its cart reopens and the single-use discount code or coupon it redeemed is
 * released. Only the caller whose move succeeds gives anything back, so it happens once however
 * a decline and an expiry race.
 */
@Singleton
class Reservations {

    private final OrderRepository orders;
    private final CartStore carts;

    Reservations(OrderRepository orders, CartStore carts) {
        this.orders = orders;
        this.carts = carts;
    }

    /** False when the order had already left its status: whoever moved it gave back what it held. */
    boolean giveBack(Order order, OrderMove move) {
        if (!orders.moveReleasing(order, move)) {
            return false;
        }
        carts.reopen(order.cartId(), order.orderId());
        carts.releaseDiscount(order.discountCode(), order.orderId());
        return true;
    }
}
