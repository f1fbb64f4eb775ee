package dev.storefront.orderstore;

import dev.storefront.domain.order.Order;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * What one checkout transaction writes besides the order and its stock: the cart closed for the
 * order (conditional on its version), the single-use discount code redeemed (null when the order
 * uses none) and the Idempotency-Key claimed (null when claimed before). The parts are built by
 * the tables' own stores; {@link OrderRepository#reserve} names each one, so a cancelled
 * transaction is explained by the part that refused.
 */
public record Reservation(Order order, Update closeCart, Update redeemCode, TransactWriteItem claimKey) {

    public Reservation {
        if (order == null || closeCart == null) {
            throw new IllegalArgumentException("a reservation needs its order and the cart it closes");
        }
    }
}
