package dev.storefront.cartstore;

import dev.storefront.domain.cart.Cart;
import dev.storefront.domain.cart.CartStatus;
import dev.storefront.domain.cart.Discount;
import dev.storefront.domain.cart.PricedCart;
import dev.storefront.domain.cart.Shopper;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static dev.storefront.cartstore.CartItems.n;
import static dev.storefront.cartstore.CartItems.s;

/**
 * Carts as the rest of the shop reads them: a cart by id, priced from the catalog at read time,
 * and the two writes checkout makes to a cart inside its own transactions (close it for an order,
 * reopen it when that order does not go through). Every write bumps the cart's version, so a
 * concurrent cart edit based on the old version fails instead of overwriting.
 */
// Only in functions given the table: Lambda contexts create every singleton eagerly, and the
// insights function uses this module for discount codes alone.
@Requires(property = "storefront.tables.carts")
@Singleton
public class CartStore {

    private final DynamoDbClient dynamo;
    private final String carts;
    private final CatalogReader catalog;
    private final DiscountRepository discounts;
    private final CustomerSegments segments;
    private final Clock clock;

    CartStore(DynamoDbClient dynamo, @Property(name = "storefront.tables.carts") String carts,
              CatalogReader catalog, DiscountRepository discounts, CustomerSegments segments, Clock clock) {
        this.dynamo = dynamo;
        this.carts = carts;
        this.catalog = catalog;
        this.discounts = discounts;
        this.segments = segments;
        this.clock = clock;
    }

    /** A strongly consistent read: the version a write will be conditional on must be the latest. */
    public Optional<Cart> find(String cartId) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(carts).key(Map.of("cartId", s(cartId))).consistentRead(true)).item();
        return CartItems.isCart(item) ? Optional.of(CartItems.fromItem(item)) : Optional.empty();
    }

    /**
     * Prices a cart from the catalog and its discount code as they are now, for the cart's own
     * customer (a personal or segment code is checked against them, never against who holds the id).
     */
    public PricedCart price(Cart cart) {
        Discount discount = cart.discountCode() == null ? null : discounts.find(cart.discountCode()).orElse(null);
        Map<String, String> productIdBySku = new java.util.LinkedHashMap<>();
        cart.lines().forEach(line -> productIdBySku.put(line.sku(), line.productId()));
        return PricedCart.of(cart, catalog.offers(productIdBySku), discount, shopperFor(cart, discount), clock.instant());
    }

    /** The cart's customer and, only when the code is limited to a segment, their segments (one more read). */
    public Shopper shopperFor(Cart cart, Discount discount) {
        boolean needsSegments = discount != null && discount.restrictions().segment() != null && cart.customerId() != null;
        return new Shopper(cart.customerId(), needsSegments ? segments.of(cart.customerId()) : Set.of());
    }

    /**
     * For a checkout transaction: a single-use code on the priced cart is redeemed by the order;
     * null when the order uses no such code.
     */
    public Update redemption(PricedCart priced, String orderId) {
        Discount discount = priced.appliedDiscount();
        if (discount == null || !discount.isSingleUse() || priced.discount() == 0) {
            return null;
        }
        return discounts.redemption(discount, orderId, priced.cart().customerId());
    }

    /** After an order did not go through: the single-use code it redeemed, if any, can be used again. */
    public boolean releaseDiscount(String code, String orderId) {
        return code != null && discounts.release(code, orderId);
    }

    /** For a checkout transaction: the open cart, at the version that was priced, becomes the order's. */
    public Update checkedOut(Cart cart, String orderId) {
        return Update.builder().tableName(carts).key(Map.of("cartId", s(cart.cartId())))
                .updateExpression("SET #status = :closed, orderId = :order, version = version + :one")
                .conditionExpression("version = :v AND #status = :open")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":closed", s(CartStatus.CHECKED_OUT.name()), ":open", s(CartStatus.OPEN.name()),
                        ":order", s(orderId), ":v", n(cart.version()), ":one", n(1)))
                .build();
    }

    /**
     * After an order did not go through (declined, expired): its cart is open again, so the shopper
     * can try once more. Not part of the order's transaction on purpose: a cart that moved on (or
     * expired away) must never block giving the stock back. Returns whether the cart was reopened.
     */
    public boolean reopen(String cartId, String orderId) {
        try {
            dynamo.updateItem(r -> r.tableName(carts).key(Map.of("cartId", s(cartId)))
                    .updateExpression("SET #status = :open, version = version + :one REMOVE orderId")
                    .conditionExpression("#status = :closed AND orderId = :order")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":closed", s(CartStatus.CHECKED_OUT.name()), ":open", s(CartStatus.OPEN.name()),
                            ":order", s(orderId), ":one", n(1))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }
}
