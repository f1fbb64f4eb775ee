package dev.storefront.eventcontract;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one shape of {@code fulfilment.requested} (docs/events/fulfilment.requested.schema.json), for
 * every sender: fulfilment when an order is placed, the order desk when an operator resends it. Built
 * from the fields of {@code order.placed}'s data that a partner needs; the same order gives the same
 * message (its id and time are the order's, not the send's), so the partner keeps one.
 */
public final class FulfilmentRequest {

    public static final String TYPE = "fulfilment.requested";

    private FulfilmentRequest() {
    }

    /**
     * @param eventId     the request's id, derived from the order
     * @param requestedAt when the order reached FULFILMENT_REQUESTED
     * @param placed      {@code order.placed}'s data, or the same fields from the order: lines, shippingAddress,
     *                    shipping? (methodId, name, carrier), weightGrams?, email
     */
    public static Envelope of(String eventId, String orderId, Instant requestedAt, Map<String, Object> placed) {
        Map<String, Object> data = new LinkedHashMap<>();
        if (!(placed.get("lines") instanceof List<?> lines)) {
            throw new Unprocessable("the order " + orderId + " has no lines to request");
        }
        data.put("items", lines.stream().map(line -> {
            Map<?, ?> fields = (Map<?, ?>) line;
            Map<String, Object> item = new LinkedHashMap<>();
            for (String field : List.of("sku", "productId", "name", "quantity")) {
                item.put(field, fields.get(field));
            }
            return item;
        }).toList());
        data.put("shippingAddress", placed.get("shippingAddress"));
        // Version 2 of order.placed says how it ships and what it weighs; version 1 events (orders
        // from before) have neither, and their requests go without.
        if (placed.get("shipping") instanceof Map<?, ?> shipping) {
            Map<String, Object> method = new LinkedHashMap<>();
            for (String field : List.of("methodId", "name", "carrier")) {
                method.put(field, shipping.get(field));
            }
            data.put("shipping", method);
        }
        if (placed.get("weightGrams") instanceof Number weight) {
            data.put("weightGrams", weight.longValue());
        }
        // PII, like the address: carriers send delivery notices to it (docs/PARTNERS.md).
        data.put("email", placed.get("email"));
        return new Envelope(eventId, TYPE, Envelope.VERSION, requestedAt.toString(), orderId, data);
    }
}
