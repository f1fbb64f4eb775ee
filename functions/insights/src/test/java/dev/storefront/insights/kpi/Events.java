package dev.storefront.insights.kpi;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.storefront.samlocal.SamTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;

/** Analytics-event bodies as the storefront's functions and the relay send them, valid for docs/events. */
final class Events {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Path EXAMPLES = SamTemplate.findRepoRoot().resolve("docs/events/examples");

    private Events() {
    }

    static String newOrderId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    /** A funnel event with a random (v4) eventId. */
    static ObjectNode funnel(String type, Instant at, String visitorId, String customerId, String cartId) {
        ObjectNode event = JSON.createObjectNode();
        event.put("eventId", UUID.randomUUID().toString());
        event.put("type", type);
        event.put("version", 1);
        event.put("occurredAt", at.toString());
        if (visitorId != null) {
            event.put("visitorId", visitorId);
        }
        if (customerId != null) {
            event.put("customerId", customerId);
        }
        if (cartId != null) {
            event.put("cartId", cartIdOf(cartId));
        }
        event.putObject("data");
        return event;
    }

    /** Carts are 128-bit hex ids; a test's short name for one maps to the same id every time. */
    static String cartIdOf(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString().replace("-", "");
    }

    static String viewed(Instant at, String visitorId, String productId) {
        ObjectNode event = funnel("product.viewed", at, visitorId, null, null);
        event.withObject("/data").put("productId", productId);
        return event.toString();
    }

    static String cartCreated(Instant at, String visitorId, String customerId, String cartId) {
        return funnel("cart.created", at, visitorId, customerId, cartId).toString();
    }

    static String lineAdded(Instant at, String visitorId, String cartId, String sku) {
        ObjectNode event = funnel("cart.line_added", at, visitorId, null, cartId);
        event.withObject("/data").put("sku", sku).put("productId", sku.toLowerCase()).put("quantity", 1);
        return event.toString();
    }

    static String lineRemoved(Instant at, String visitorId, String cartId, String sku) {
        ObjectNode event = funnel("cart.line_removed", at, visitorId, null, cartId);
        event.withObject("/data").put("sku", sku).put("quantity", 1);
        return event.toString();
    }

    static String checkoutStarted(Instant at, String visitorId, String customerId, String cartId) {
        ObjectNode event = funnel("checkout.started", at, visitorId, customerId, cartId);
        event.withObject("/data").put("lines", 1);
        return event.toString();
    }

    static String checkoutFailed(Instant at, String visitorId, String customerId, String cartId, String reason) {
        ObjectNode event = funnel("checkout.failed", at, visitorId, customerId, cartId);
        event.withObject("/data").put("reason", reason);
        return event.toString();
    }

    /** An order event as the relay forwards it: the documented example with this order's id, time and a fresh eventId. */
    static ObjectNode order(String type, String orderId, Instant at) {
        try {
            ObjectNode event = (ObjectNode) JSON.readTree(Files.readString(EXAMPLES.resolve(type + ".json")));
            event.put("eventId", UUID.randomUUID().toString());
            event.put("orderId", orderId);
            event.put("occurredAt", at.toString());
            return event;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An order.placed of version 1 (no shipping or tax: its net revenue is its total). */
    static String placed(String orderId, Instant at, long total, String currency, String customerId, String discountCode) {
        ObjectNode event = order("order.placed.v1", orderId, at);
        ObjectNode data = event.withObject("/data");
        data.put("currency", currency);
        data.withObject("/total").put("amount", total).put("currency", currency);
        data.remove("customerId");
        data.remove("discountCode");
        if (customerId != null) {
            data.put("customerId", customerId);
        }
        if (discountCode != null) {
            data.put("discountCode", discountCode);
        }
        return event.toString();
    }

    /** An order.placed of version 2 (the documented example: shipping and tax) with this total, tax and shipping. */
    static String placedWithPricing(String orderId, Instant at, long total, long tax, boolean included, long shipping, long shippingTax) {
        ObjectNode event = order("order.placed.v2", orderId, at);
        ObjectNode data = event.withObject("/data");
        data.withObject("/total").put("amount", total);
        data.withObject("/tax").put("included", included).withObject("/amount").put("amount", tax);
        data.withObject("/shipping").withObject("/amount").put("amount", shipping);
        data.withObject("/shipping").withObject("/tax").put("amount", shippingTax);
        data.remove("customerId");
        return event.toString();
    }

    static String orderEvent(String type, String orderId, Instant at) {
        return order(type, orderId, at).toString();
    }
}
