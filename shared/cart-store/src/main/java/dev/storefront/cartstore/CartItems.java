package dev.storefront.cartstore;

import dev.storefront.domain.Money;
import dev.storefront.domain.cart.Cart;
import dev.storefront.domain.cart.CartLine;
import dev.storefront.domain.cart.CartStatus;
import dev.storefront.domain.cart.ShippingChoice;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.storefront.aws.Attributes.n;
import static dev.storefront.aws.Attributes.s;
import static dev.storefront.aws.Attributes.text;

/**
 * How a cart is stored in the Carts table, and back. One item per cart; its lines are a list of
 * maps (40 lines stay far below DynamoDB's 400 KB item limit); {@code shippingCountry} and
 * {@code shippingMethodId?} once the shopper chose where to ship (never a charge: that is recomputed). {@code ttl} (epoch seconds) is
 * DynamoDB's TTL attribute, equal to {@code expiresAt}: DynamoDB deletes expired carts within days,
 * and reads treat them as gone from the instant they expire.
 *
 * <p>Beside the carts, one pointer item per customer: {@code cartId = customer#<subject>},
 * {@code customerId}, {@code currentCartId}, {@code updatedAt}. Pointers carry no TTL; they can never
 * be read as carts, whose ids are hex only.
 */
final class CartItems {

    private static final String POINTER_PREFIX = "customer#";

    private CartItems() {
    }

    static Map<String, AttributeValue> key(String cartId) {
        return Map.of("cartId", s(cartId));
    }

    static Map<String, AttributeValue> pointerKey(String customerId) {
        return key(POINTER_PREFIX + customerId);
    }

    static Map<String, AttributeValue> pointer(String customerId, String currentCartId, Instant updatedAt) {
        return Map.of(
                "cartId", s(POINTER_PREFIX + customerId),
                "customerId", s(customerId),
                "currentCartId", s(currentCartId),
                "updatedAt", s(updatedAt.toString()));
    }

    /** The cart a pointer item points at; null for no pointer. */
    static String currentCartId(Map<String, AttributeValue> pointer) {
        return pointer == null ? null : text(pointer, "currentCartId");
    }

    static Map<String, AttributeValue> toItem(Cart cart) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("cartId", s(cart.cartId()));
        item.put("status", s(cart.status().name()));
        item.put("version", n(cart.version()));
        item.put("lines", AttributeValue.fromL(cart.lines().stream().map(CartItems::lineItem).toList()));
        item.put("createdAt", s(cart.createdAt().toString()));
        item.put("updatedAt", s(cart.updatedAt().toString()));
        item.put("expiresAt", s(cart.expiresAt().toString()));
        item.put("ttl", n(cart.expiresAt().getEpochSecond()));
        putIfPresent(item, "customerId", cart.customerId());
        putIfPresent(item, "currency", cart.currency());
        putIfPresent(item, "discountCode", cart.discountCode());
        putIfPresent(item, "mergedInto", cart.mergedInto());
        if (cart.shipping() != null) {
            item.put("shippingCountry", s(cart.shipping().country()));
            putIfPresent(item, "shippingMethodId", cart.shipping().methodId());
        }
        return item;
    }

    static boolean isCart(Map<String, AttributeValue> item) {
        return item != null && item.containsKey("status") && item.containsKey("version");
    }

    static Cart fromItem(Map<String, AttributeValue> item) {
        List<CartLine> lines = item.get("lines").l().stream().map(l -> {
            Map<String, AttributeValue> m = l.m();
            return new CartLine(m.get("sku").s(), m.get("productId").s(), m.get("name").s(),
                    Integer.parseInt(m.get("quantity").n()),
                    new Money(Long.parseLong(m.get("amount").n()), m.get("currency").s()));
        }).toList();
        return new Cart(item.get("cartId").s(), text(item, "customerId"), CartStatus.valueOf(item.get("status").s()),
                Long.parseLong(item.get("version").n()), text(item, "currency"), lines, text(item, "discountCode"),
                Instant.parse(item.get("createdAt").s()), Instant.parse(item.get("updatedAt").s()),
                Instant.parse(item.get("expiresAt").s()), text(item, "mergedInto"),
                item.containsKey("shippingCountry") ? new ShippingChoice(item.get("shippingCountry").s(), text(item, "shippingMethodId")) : null);
    }

    private static AttributeValue lineItem(CartLine line) {
        return AttributeValue.fromM(Map.of(
                "sku", s(line.sku()),
                "productId", s(line.productId()),
                "name", s(line.name()),
                "quantity", n(line.quantity()),
                "amount", n(line.seenUnitPrice().amount()),
                "currency", s(line.seenUnitPrice().currency())));
    }

    private static void putIfPresent(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) {
            item.put(name, s(value));
        }
    }
}
