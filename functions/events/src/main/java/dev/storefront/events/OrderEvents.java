package dev.storefront.events;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import dev.storefront.domain.EventIds;
import dev.storefront.domain.order.OrderStatus;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which change of an Orders item is which order event. An order's status changes exactly once per
 * status it reaches (the status machine has no cycles), so the change is named by
 * {@code <orderId>:<STATUS>} and its event id is derived from that name: a replayed stream record
 * or a retried batch publishes an identical event, which consumers drop by its id.
 *
 * <ul>
 *   <li>INSERT: the order's first status, normally {@code order.pending_payment};</li>
 *   <li>MODIFY with another status in the new image than in the old: {@code order.<new status>};</li>
 *   <li>any other MODIFY (payment or fulfilment fields alone) and REMOVE: no event.</li>
 * </ul>
 */
final class OrderEvents {

    static final String INSERT = "INSERT";
    static final String MODIFY = "MODIFY";

    private OrderEvents() {
    }

    /** The event type of reaching a status: {@code order.} and the status in snake case. */
    static String typeOf(OrderStatus status) {
        return "order." + status.name().toLowerCase(Locale.ROOT);
    }

    /** The event a stream record stands for, if any; {@link StoredOrder.Unreadable} when its image is not an order. */
    static Optional<OrderEvent> of(DynamodbStreamRecord record) {
        StreamRecord change = record.getDynamodb();
        if (change == null) {
            throw new StoredOrder.Unreadable("the record has no dynamodb change");
        }
        String operation = record.getEventName();
        if (!INSERT.equals(operation) && !MODIFY.equals(operation)) {
            return Optional.empty();
        }
        StoredOrder now = new StoredOrder(change.getNewImage());
        StoredOrder before = new StoredOrder(change.getOldImage());
        OrderStatus to = status(now.status());
        // Without an old image (a stream not of NEW_AND_OLD_IMAGES) the history tells where it came
        // from; at worst the event is published again, with the same id.
        String previous = INSERT.equals(operation) ? null : before.exists() ? before.status() : now.reachedFrom(to.name());
        OrderStatus from = previous == null ? null : status(previous);
        if (to == from) {
            return Optional.empty();
        }
        String orderId = now.orderId();
        Map<String, Object> data = data(now, from, to);
        return Optional.of(new OrderEvent(EventIds.of(orderId + ":" + to.name()).toString(), typeOf(to), OrderEvent.VERSION,
                occurredAt(now, to, change), orderId, data));
    }

    private static Map<String, Object> data(StoredOrder order, OrderStatus from, OrderStatus to) {
        Map<String, Object> data = new LinkedHashMap<>();
        if (from != null) {
            data.put("from", from.name());
        }
        data.put("to", to.name());
        switch (to) {
            case PENDING_PAYMENT -> data.put("total", order.money(order.amount("total")));
            case PLACED -> {
                // What a fulfilment partner needs to ship without reading our tables. PII: the
                // buyer's email and address travel only in this event type.
                if (order.customerId() != null) {
                    data.put("customerId", order.customerId());
                }
                data.put("email", order.email());
                data.put("shippingAddress", order.shippingAddress());
                data.put("lines", order.lines());
                data.put("currency", order.currency());
                data.put("subtotal", order.money(order.amount("subtotal")));
                data.put("discount", order.money(order.amount("discount")));
                data.put("total", order.money(order.amount("total")));
                if (order.discountCode() != null) {
                    data.put("discountCode", order.discountCode());
                }
                data.put("createdAt", order.createdAt());
            }
            case REJECTED -> putIfPresent(data, "reason", order.fulfilment("reason"));
            case SHIPPED, DELIVERED -> {
                putIfPresent(data, "carrier", order.fulfilment("carrier"));
                putIfPresent(data, "trackingNumber", order.fulfilment("trackingNumber"));
            }
            default -> {
            }
        }
        data.put("payment", order.payment());
        return data;
    }

    /** When the order reached the status, as its history says; else when DynamoDB saw the write. */
    private static String occurredAt(StoredOrder order, OrderStatus to, StreamRecord change) {
        String at = order.reachedAt(to.name());
        if (at != null) {
            try {
                return Instant.parse(at).toString();
            } catch (DateTimeParseException e) {
                throw new StoredOrder.Unreadable("history.at " + at + " is not an instant");
            }
        }
        if (change.getApproximateCreationDateTime() == null) {
            throw new StoredOrder.Unreadable("no time for the change: neither a history entry nor ApproximateCreationDateTime");
        }
        return change.getApproximateCreationDateTime().toInstant().toString();
    }

    private static OrderStatus status(String stored) {
        if (stored == null) {
            throw new StoredOrder.Unreadable("the order has no status");
        }
        try {
            return OrderStatus.valueOf(stored);
        } catch (IllegalArgumentException e) {
            throw new StoredOrder.Unreadable("unknown order status " + stored);
        }
    }

    private static void putIfPresent(Map<String, Object> data, String name, String value) {
        if (value != null) {
            data.put(name, value);
        }
    }
}
