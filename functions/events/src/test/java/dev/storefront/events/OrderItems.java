package dev.storefront.events;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Orders table items in the shape functions/checkout writes them (its OrderItems): what the stream
 * images hold. {@link #moved} changes an item as checkout's conditional transition does: the
 * status, one history entry {@code {at, from, to, eventId = <orderId>:<TO>}}, the fields set with it,
 * and {@code pending} gone once the order leaves PENDING_PAYMENT.
 */
final class OrderItems {

    static final Instant CREATED = Instant.parse("2025-03-01T10:15:30.123Z");

    private OrderItems() {
    }

    static String newOrderId() {
        byte[] bytes = new byte[16];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** A guest order of two lines, 2 x 12.50 + 1 x 5.00 EUR with 1.00 off, waiting for payment. */
    static Map<String, AttributeValue> pending(String orderId) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("orderId", s(orderId));
        item.put("cartId", s("c0ffee00c0ffee00c0ffee00c0ffee00"));
        item.put("status", s("PENDING_PAYMENT"));
        item.put("pending", s("PENDING"));
        item.put("email", s("ada@example.com"));
        item.put("shippingAddress", AttributeValue.fromM(Map.of("name", s("Ada Lovelace"), "line1", s("12 St James's Square"),
                "city", s("London"), "postalCode", s("SW1Y 4JH"), "country", s("GB"))));
        item.put("lines", AttributeValue.fromL(List.of(
                line("TRAIL-RUNNER-42", "trail-runner", "Trail Runner", 2, 1250),
                line("SOCKS-M", "socks", "Socks", 1, 500))));
        item.put("currency", s("EUR"));
        item.put("subtotal", n(3000));
        item.put("discount", n(100));
        item.put("total", n(2900));
        item.put("discountCode", s("FIVEOFF"));
        item.put("payment", AttributeValue.fromM(Map.of("status", s("PENDING"))));
        item.put("history", AttributeValue.fromL(List.of(AttributeValue.fromM(Map.of(
                "at", s(CREATED.toString()), "to", s("PENDING_PAYMENT"), "eventId", s(orderId + ":created"))))));
        item.put("createdAt", s(CREATED.toString()));
        return item;
    }

    /** The item after a transition to {@code to} at {@code at}, with {@code set} written alongside. */
    static Map<String, AttributeValue> moved(Map<String, AttributeValue> item, String to, Instant at, Map<String, AttributeValue> set) {
        Map<String, AttributeValue> next = new HashMap<>(item);
        String orderId = item.get("orderId").s();
        List<AttributeValue> history = new ArrayList<>(item.get("history").l());
        history.add(AttributeValue.fromM(Map.of("at", s(at.toString()), "from", item.get("status"), "to", s(to),
                "eventId", s(orderId + ":" + to))));
        next.put("history", AttributeValue.fromL(history));
        next.put("status", s(to));
        next.remove("pending");
        next.putAll(set);
        return next;
    }

    static AttributeValue payment(String status, String authorizationId, String declineCode) {
        Map<String, AttributeValue> m = new HashMap<>();
        m.put("status", s(status));
        if (authorizationId != null) {
            m.put("authorizationId", s(authorizationId));
        }
        if (declineCode != null) {
            m.put("declineCode", s(declineCode));
        }
        return AttributeValue.fromM(m);
    }

    static AttributeValue fulfilment(Map<String, String> fields) {
        Map<String, AttributeValue> m = new HashMap<>();
        fields.forEach((k, v) -> m.put(k, s(v)));
        return AttributeValue.fromM(m);
    }

    private static AttributeValue line(String sku, String productId, String name, int quantity, long unitPrice) {
        return AttributeValue.fromM(Map.of("sku", s(sku), "productId", s(productId), "name", s(name),
                "quantity", n(quantity), "unitPrice", n(unitPrice), "lineTotal", n(unitPrice * quantity)));
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
