package dev.storefront.orderstore;

import dev.storefront.domain.order.Order;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.util.List;
import java.util.Map;

/**
 * What one checkout transaction writes besides the order and its stock: the cart closed for the
 * order (conditional on its version), the single-use discount code redeemed (null when the order
 * uses none), the Idempotency-Key claimed (null when claimed before) and the attempt limits
 * checked (condition checks on the attempts table: a shopper past a limit reserves nothing). The parts are built by
 * the tables' own stores; {@link OrderRepository#reserve} names each one, so a cancelled
 * transaction is explained by the part that refused. A hot SKU's units come from one of its
 * {@code stockShards} ({@link dev.storefront.domain.catalog.StockShards}).
 */
public record Reservation(Order order, Update closeCart, Update redeemCode, TransactWriteItem claimKey, List<TransactWriteItem> limits,
                          Map<String, Integer> stockShards) {

    public Reservation {
        if (order == null || closeCart == null) {
            throw new IllegalArgumentException("a reservation needs its order and the cart it closes");
        }
        limits = limits == null ? List.of() : List.copyOf(limits);
        stockShards = stockShards == null ? Map.of() : Map.copyOf(stockShards);
    }

    public Reservation(Order order, Update closeCart, Update redeemCode, TransactWriteItem claimKey, List<TransactWriteItem> limits) {
        this(order, closeCart, redeemCode, claimKey, limits, Map.of());
    }

    /** This reservation taking each hot SKU's units from one of its shards ({@code stockShards}: SKU to shard count, as the catalog offered it). */
    public Reservation fromShards(Map<String, Integer> shards) {
        return new Reservation(order, closeCart, redeemCode, claimKey, limits, shards);
    }

    int shardsOf(String sku) {
        return stockShards.getOrDefault(sku, 1);
    }

    /** A reservation that checks no attempt limit. */
    public Reservation(Order order, Update closeCart, Update redeemCode, TransactWriteItem claimKey) {
        this(order, closeCart, redeemCode, claimKey, List.of());
    }
}
