package dev.storefront.cartstore;

import dev.storefront.catalogstore.CatalogReader;
import dev.storefront.customerstore.CustomerStore;
import dev.storefront.discountstore.DiscountRepository;
import dev.storefront.domain.cart.Cart;
import dev.storefront.domain.cart.CartStatus;
import dev.storefront.domain.cart.Discount;
import dev.storefront.domain.cart.Offer;
import dev.storefront.domain.pricing.Destination;
import dev.storefront.pricingstore.DestinationReader;
import dev.storefront.domain.cart.PricedCart;
import dev.storefront.domain.cart.Shopper;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static dev.storefront.aws.Attributes.n;
import static dev.storefront.aws.Attributes.s;

/**
 * The Carts table, its one owner: the cart function's reads and conditional writes, a cart priced
 * from the catalog (and, once it has a country, with shipping and tax) at read time, and the two writes checkout makes to a cart inside its own
 * transactions (close it for an order, reopen it when that order does not go through). Every write
 * is conditional: a new cart on its id being free, a change on the version it was read at, so a
 * lost race is {@link Stale}, never a silent overwrite.
 *
 * <p>One open cart per customer is kept with a <em>pointer item</em> in the same table
 * ({@link CartItems}) rather than a GSI on {@code customerId}: a GSI is only eventually consistent,
 * so two sign-ins racing (phone and laptop) could both find no cart and create two. The pointer is
 * written in one transaction with the new cart and conditionally on what the pointer held when
 * read, so exactly one of them wins and the other reads the winner's cart.
 */
@Singleton
public class CartStore {

    /** The cart (or, in a transaction, the item at {@link #index()}) changed since it was read. */
    public static final class Stale extends RuntimeException {
        private final int index;

        Stale(int index) {
            super("stale", null, false, false);
            this.index = index;
        }

        /** 0 or 1: which cart of a transaction changed; -1: a concurrent transaction on the same items. */
        public int index() {
            return index;
        }
    }

    private final DynamoDbClient dynamo;
    private final String carts;
    private final CatalogReader catalog;
    private final DiscountRepository discounts;
    private final CustomerStore customers;
    private final DestinationReader destinations;
    private final Clock clock;

    CartStore(DynamoDbClient dynamo, CartTables tables, CatalogReader catalog, DiscountRepository discounts, CustomerStore customers,
              DestinationReader destinations, Clock clock) {
        this.dynamo = dynamo;
        this.destinations = destinations;
        this.carts = tables.carts();
        this.catalog = catalog;
        this.discounts = discounts;
        this.customers = customers;
        this.clock = clock;
    }

    /** A strongly consistent read: the version a write will be conditional on must be the latest. */
    public Optional<Cart> find(String cartId) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(carts).key(CartItems.key(cartId)).consistentRead(true)).item();
        return CartItems.isCart(item) ? Optional.of(CartItems.fromItem(item)) : Optional.empty();
    }

    /** Stores a new anonymous cart as version 1. */
    public Cart create(Cart cart) {
        Cart stored = cart.withVersion(1);
        dynamo.putItem(r -> r.tableName(carts).item(CartItems.toItem(stored)).conditionExpression("attribute_not_exists(cartId)"));
        return stored;
    }

    /** Stores a changed cart as its next version, if it is still at the version it was read at. */
    public Cart save(Cart cart) {
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
    public Optional<String> currentCartIdOf(String customerId) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(carts)
                .key(CartItems.pointerKey(customerId)).consistentRead(true)).item();
        return Optional.ofNullable(CartItems.currentCartId(item));
    }

    /**
     * Stores a new customer cart and points the customer at it, provided the pointer still holds
     * {@code previousCartId} (null: no pointer yet). Throws {@link Stale} when another request moved it first.
     */
    public Cart createForCustomer(Cart cart, String previousCartId) {
        Cart stored = cart.withVersion(1);
        Put newCart = Put.builder().tableName(carts).item(CartItems.toItem(stored))
                .conditionExpression("attribute_not_exists(cartId)").build();
        Put.Builder pointer = Put.builder().tableName(carts).item(CartItems.pointer(cart.customerId(), cart.cartId(), cart.updatedAt()));
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
     * {@link Stale#index()} is 0 when the target changed, 1 when the source did.
     */
    public Cart merge(Cart target, Cart closedSource) {
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

    /**
     * Prices a cart from the catalog and its discount code as they are now, for the cart's own
     * customer (a personal or segment code is checked against them, never against who holds the id),
     * with shipping and tax for the country it chose, if any (leniently: {@link PricedCart#quotedFor}).
     * The country's zone and rates are read in the catalog's BatchGetItem: no round trip of their own.
     */
    public PricedCart price(Cart cart) {
        return priceChange(null, cart);
    }

    /**
     * As {@link #price(Cart)}, saying so (SHIPPING_CHANGED) when the shipping charge differs from what
     * it was for {@code before}, the cart before a change to its lines; both priced from one read.
     */
    public PricedCart priceChange(Cart before, Cart cart) {
        String country = cart.shipping() == null ? null : cart.shipping().country();
        Reading reading = read(before == null ? List.of(cart) : List.of(cart, before), country);
        PricedCart priced = reading.price(cart);
        if (country == null) {
            return priced;
        }
        priced = priced.quotedFor(reading.destination());
        return before == null ? priced : priced.shippingChangedFrom(reading.price(before).quotedFor(reading.destination()));
    }

    /**
     * A cart priced strictly for shipping to {@code country} by {@code methodId} (null: the cart's
     * choice if it serves, else the zone's default): 422 SHIPPING_UNAVAILABLE or SHIPPING_METHOD_INVALID
     * otherwise. What checkout charges, and what choosing a method checks.
     */
    public PricedCart priceFor(Cart cart, String country, String methodId) {
        Reading reading = read(List.of(cart), country);
        return reading.price(cart).shippedTo(reading.destination(), methodId);
    }

    /** The cart as it stands, with the destination it would ship to (for its shipping options). */
    public Quote quote(Cart cart, String country) {
        Reading reading = read(List.of(cart), country);
        return new Quote(reading.price(cart), reading.destination());
    }

    public record Quote(PricedCart cart, Destination destination) {
    }

    /** What pricing some carts (one, or one before and after a change) read: offers, their discount, a destination. */
    private record Reading(Map<String, Offer> offers, Discount discount, Shopper shopper, Destination destination, Instant now) {
        PricedCart price(Cart cart) {
            return PricedCart.of(cart, offers, discount, shopper, now);
        }
    }

    private Reading read(List<Cart> priced, String country) {
        Cart cart = priced.get(0);
        Discount discount = cart.discountCode() == null ? null : discounts.find(cart.discountCode()).orElse(null);
        Map<String, String> productIdBySku = new LinkedHashMap<>();
        priced.forEach(c -> c.lines().forEach(line -> productIdBySku.putIfAbsent(line.sku(), line.productId())));
        CatalogReader.OffersWith read = country == null
                ? catalog.offers(productIdBySku, null, null)
                : catalog.offers(productIdBySku, destinations.table(), destinations.keysFor(country));
        Destination destination = country == null ? null : destinations.destination(country, read.alongside());
        return new Reading(read.offers(), discount, shopperFor(cart, discount), destination, clock.instant());
    }

    /** The cart's customer and, only when the code is limited to a segment, their segments (one more read). */
    public Shopper shopperFor(Cart cart, Discount discount) {
        boolean needsSegments = discount != null && discount.restrictions().segment() != null && cart.customerId() != null;
        return new Shopper(cart.customerId(), needsSegments ? customers.segmentsOf(cart.customerId()) : Set.of());
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
        return Update.builder().tableName(carts).key(CartItems.key(cart.cartId()))
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
            dynamo.updateItem(r -> r.tableName(carts).key(CartItems.key(cartId))
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
