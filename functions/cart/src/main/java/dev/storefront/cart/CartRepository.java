package dev.storefront.cart;

import dev.storefront.domain.cart.Cart;
import io.micronaut.context.annotation.Property;
import dev.storefront.cartstore.CartItems;
import dev.storefront.cartstore.CartStore;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.storefront.cartstore.CartItems.n;
import static dev.storefront.cartstore.CartItems.s;

/**
 * Carts in the Carts table. Every write is conditional: a new cart on its id being free, a change
 * on the version it was read at. A lost race is {@link Stale}, never a silent overwrite.
 *
 * <p>One open cart per customer is kept with a <em>pointer item</em> in the same table,
 * {@code cartId = "customer#<subject>"} holding {@code currentCartId}, rather than a GSI on
 * {@code customerId}: a GSI is only eventually consistent, so two sign-ins racing (phone and laptop)
 * could both find no cart and create two. The pointer is written in one transaction with the new
 * cart and conditionally on what the pointer held when read, so exactly one of them wins and the
 * other reads the winner's cart. Pointer items carry no TTL (one small item per customer); they
 * can never be reached as carts, whose ids are hex only.
 */
@Singleton
class CartRepository {

    private static final String POINTER_PREFIX = "customer#";

    /** The cart (or, in a transaction, the item at {@code index}) changed since it was read. */
    static final class Stale extends RuntimeException {
        final int index;

        Stale(int index) {
            super("stale", null, false, false);
            this.index = index;
        }
    }

    private final DynamoDbClient dynamo;
    private final String carts;
    private final CartStore store;

    CartRepository(DynamoDbClient dynamo, @Property(name = "storefront.tables.carts") String carts, CartStore store) {
        this.dynamo = dynamo;
        this.carts = carts;
        this.store = store;
    }

    /** A strongly consistent read: the version a write will be conditional on must be the latest. */
    Optional<Cart> find(String cartId) {
        return store.find(cartId);
    }

    /** Stores a new anonymous cart as version 1. */
    Cart create(Cart cart) {
        Cart stored = cart.withVersion(1);
        dynamo.putItem(r -> r.tableName(carts).item(CartItems.toItem(stored)).conditionExpression("attribute_not_exists(cartId)"));
        return stored;
    }

    /** Stores a changed cart as its next version, if it is still at the version it was read at. */
    Cart save(Cart cart) {
        Cart stored = cart.withVersion(cart.version() + 1);
        try {
            dynamo.putItem(r -> r.tableName(carts).item(CartItems.toItem(stored))
                    .conditionExpression("version = :v")
                    .expressionAttributeValues(Map.of(":v", n(cart.version()))));
        } catch (ConditionalCheckFailedException e) {
            throw new Stale(0);
        }
        return stored;
    }

    /** The cart the customer was last pointed at; it may since have been checked out, merged or expired. */
    Optional<String> currentCartIdOf(String customerId) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(carts)
                .key(key(POINTER_PREFIX + customerId)).consistentRead(true)).item();
        return item == null || !item.containsKey("currentCartId") ? Optional.empty() : Optional.of(item.get("currentCartId").s());
    }

    /**
     * Stores a new customer cart and points the customer at it, provided the pointer still holds
     * {@code previousCartId} (null: no pointer yet). Throws {@link Stale} when another request moved it first.
     */
    Cart createForCustomer(Cart cart, String previousCartId) {
        Cart stored = cart.withVersion(1);
        Put newCart = Put.builder().tableName(carts).item(CartItems.toItem(stored))
                .conditionExpression("attribute_not_exists(cartId)").build();
        Put.Builder pointer = Put.builder().tableName(carts).item(Map.of(
                "cartId", s(POINTER_PREFIX + cart.customerId()),
                "customerId", s(cart.customerId()),
                "currentCartId", s(cart.cartId()),
                "updatedAt", s(cart.updatedAt().toString())));
        if (previousCartId == null) {
            pointer.conditionExpression("attribute_not_exists(cartId)");
        } else {
            pointer.conditionExpression("currentCartId = :previous").expressionAttributeValues(Map.of(":previous", s(previousCartId)));
        }
        transact(List.of(newCart, pointer.build()));
        return stored;
    }

    /**
     * Writes a customer cart with another cart's lines merged in and that other cart closed, in one
     * transaction, each conditional on the version it was read at. Returns the stored target.
     * {@link Stale#index} is 0 when the target changed, 1 when the source did.
     */
    Cart merge(Cart target, Cart closedSource) {
        Cart storedTarget = target.withVersion(target.version() + 1);
        Cart storedSource = closedSource.withVersion(closedSource.version() + 1);
        transact(List.of(versioned(storedTarget, target.version()), versioned(storedSource, closedSource.version())));
        return storedTarget;
    }

    private Put versioned(Cart stored, long readVersion) {
        return Put.builder().tableName(carts).item(CartItems.toItem(stored))
                .conditionExpression("version = :v").expressionAttributeValues(Map.of(":v", n(readVersion))).build();
    }

    private void transact(List<Put> puts) {
        try {
            dynamo.transactWriteItems(r -> r.transactItems(puts.stream().map(p -> TransactWriteItem.builder().put(p).build()).toList()));
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.cancellationReasons();
            for (int i = 0; i < reasons.size(); i++) {
                if ("ConditionalCheckFailed".equals(reasons.get(i).code())) {
                    throw new Stale(i);
                }
            }
            if (reasons.stream().anyMatch(r -> "TransactionConflict".equals(r.code()))) {
                throw new Stale(-1);  // a concurrent transaction on the same items: read again
            }
            throw e;
        }
    }

    private static Map<String, AttributeValue> key(String cartId) {
        return Map.of("cartId", s(cartId));
    }
}
