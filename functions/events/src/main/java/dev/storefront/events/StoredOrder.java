package dev.storefront.events;

import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An Orders table item as a stream image carries it, in the shape shared/order-store writes
 * (OrderItems): {@code orderId}, {@code status}, {@code email}, {@code shippingAddress} {name, line1,
 * line2?, city, region?, postalCode, country}, {@code lines} [{sku, productId, name, quantity,
 * unitPrice, lineTotal}], {@code currency}, {@code subtotal}, {@code discount}, {@code total},
 * {@code discountCode?}, {@code payment} {status, authorizationId?, declineCode?},
 * {@code fulfilment?} {carrier?, trackingNumber?, reason?}, {@code history} [{at, from?, to, eventId?}],
 * {@code customerId?}, {@code createdAt}. Amounts are minor units of {@code currency}.
 *
 * <p>Reading fails with {@link Unreadable} when a required attribute is missing: the relay then
 * reports the record as failed instead of publishing half an event.
 */
final class StoredOrder {

    private final Map<String, AttributeValue> item;

    StoredOrder(Map<String, AttributeValue> item) {
        this.item = item == null ? Map.of() : item;
    }

    boolean exists() {
        return !item.isEmpty();
    }

    String orderId() {
        return required(item, "orderId").getS();
    }

    /** The status as stored; null when the image has none. */
    String status() {
        AttributeValue status = item.get("status");
        return status == null ? null : status.getS();
    }

    String email() {
        return string(item, "email", true);
    }

    String currency() {
        return string(item, "currency", true);
    }

    String customerId() {
        return string(item, "customerId", false);
    }

    String createdAt() {
        return string(item, "createdAt", true);
    }

    long amount(String name) {
        return number(item, name);
    }

    String discountCode() {
        return string(item, "discountCode", false);
    }

    /** A money value of the order's currency in the events' shape: {amount, currency}. */
    Map<String, Object> money(long amount) {
        Map<String, Object> money = new LinkedHashMap<>();
        money.put("amount", amount);
        money.put("currency", currency());
        return money;
    }

    List<Map<String, Object>> lines() {
        List<Map<String, Object>> lines = new ArrayList<>();
        for (AttributeValue value : list(item, "lines")) {
            Map<String, AttributeValue> line = map(value, "lines[]");
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("sku", string(line, "sku", true));
            out.put("productId", string(line, "productId", true));
            out.put("name", string(line, "name", true));
            out.put("quantity", number(line, "quantity"));
            out.put("unitPrice", money(number(line, "unitPrice")));
            out.put("lineTotal", money(number(line, "lineTotal")));
            lines.add(out);
        }
        return lines;
    }

    Map<String, Object> shippingAddress() {
        Map<String, AttributeValue> address = map(required(item, "shippingAddress"), "shippingAddress");
        Map<String, Object> out = new LinkedHashMap<>();
        for (String field : List.of("name", "line1", "line2", "city", "region", "postalCode", "country")) {
            boolean optional = field.equals("line2") || field.equals("region");
            String value = string(address, field, !optional);
            if (value != null) {
                out.put(field, value);
            }
        }
        return out;
    }

    /** {@code payment.status}, {@code authorizationId} and {@code declineCode} when stored. */
    Map<String, Object> payment() {
        Map<String, AttributeValue> payment = map(required(item, "payment"), "payment");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", string(payment, "status", true));
        putIfPresent(out, payment, "authorizationId");
        putIfPresent(out, payment, "declineCode");
        return out;
    }

    /** One of {@code fulfilment}'s fields (carrier, trackingNumber, reason), null when absent. */
    String fulfilment(String field) {
        AttributeValue fulfilment = item.get("fulfilment");
        if (fulfilment == null || fulfilment.getM() == null) {
            return null;
        }
        return string(fulfilment.getM(), field, false);
    }

    /** When the order reached {@code status}: the {@code at} of the history entry that moved it there. */
    String reachedAt(String status) {
        Map<String, AttributeValue> change = lastChangeTo(status);
        return change == null ? null : string(change, "at", false);
    }

    /** The status the order left for {@code status}, as its history says; null when unknown. */
    String reachedFrom(String status) {
        Map<String, AttributeValue> change = lastChangeTo(status);
        return change == null ? null : string(change, "from", false);
    }

    private Map<String, AttributeValue> lastChangeTo(String status) {
        AttributeValue history = item.get("history");
        if (history == null || history.getL() == null) {
            return null;
        }
        Map<String, AttributeValue> last = null;
        for (AttributeValue entry : history.getL()) {
            Map<String, AttributeValue> change = entry.getM();
            if (change != null && status.equals(string(change, "to", false))) {
                last = change;
            }
        }
        return last;
    }

    private static void putIfPresent(Map<String, Object> out, Map<String, AttributeValue> from, String name) {
        String value = string(from, name, false);
        if (value != null) {
            out.put(name, value);
        }
    }

    private static AttributeValue required(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        if (value == null) {
            throw new Unreadable("the order has no " + name);
        }
        return value;
    }

    private static String string(Map<String, AttributeValue> item, String name, boolean required) {
        AttributeValue value = required ? required(item, name) : item.get(name);
        if (value == null) {
            return null;
        }
        if (value.getS() == null) {
            throw new Unreadable(name + " is not a string");
        }
        return value.getS();
    }

    private static long number(Map<String, AttributeValue> item, String name) {
        AttributeValue value = required(item, name);
        try {
            return Long.parseLong(value.getN());
        } catch (NumberFormatException | NullPointerException e) {
            throw new Unreadable(name + " is not a whole number");
        }
    }

    private static List<AttributeValue> list(Map<String, AttributeValue> item, String name) {
        List<AttributeValue> list = required(item, name).getL();
        if (list == null) {
            throw new Unreadable(name + " is not a list");
        }
        return list;
    }

    private static Map<String, AttributeValue> map(AttributeValue value, String name) {
        if (value.getM() == null) {
            throw new Unreadable(name + " is not a map");
        }
        return value.getM();
    }

    /** The image does not hold an order in the shape above. */
    static final class Unreadable extends RuntimeException {
        Unreadable(String message) {
            super(message);
        }
    }
}
