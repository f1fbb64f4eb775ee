package dev.storefront.orderstore;

import dev.storefront.domain.order.Order;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.util.List;

/**
 * What one checkout transaction writes besides the order and its stock: the cart closed for the
 * order (conditional on its version), the single-use discount code redeemed (null when the order
 * uses none), the Idempotency-Key claimed (null when claimed before) and the attempt limits
 * checked (condition checks on the attempts table: a shopper past a limit reserves nothing). The parts are built by
 * the tables' own stores; {@link OrderRepository#reserve} names each one, so a cancelled
 * transaction is explained by the part that refused.
 */
public record Reservation(Order order, Update closeCart, Update redeemCode, TransactWriteItem claimKey, List<TransactWriteItem> limits) {

    public Reservation {
        if (order == null || closeCart == null) {
            throw new IllegalArgumentException("a reservation needs its order and the cart it closes");
        }
        limits = limits == null ? List.of() : List.copyOf(limits);
    }

    /** A reservation that checks no attempt limit. */
    public Reservation(Order order, Update closeCart, Update redeemCode, TransactWriteItem claimKey) {
        this(order, closeCart, redeemCode, claimKey, List.of());
    }
}
