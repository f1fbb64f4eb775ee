package dev.storefront.events;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import dev.storefront.domain.EventIds;
import dev.storefront.domain.order.Order;
import dev.storefront.domain.order.OrderStatus;
import dev.storefront.domain.order.ShippingAddress;
import dev.storefront.domain.pricing.PriceBreakdown;
import dev.storefront.orderstore.OrderItems;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which change of an Orders item is which order event. An order's status changes exactly once per
 * status it reaches (the status machine has no cycles), so the change is named by
 * {@code <orderId>:<STATUS>} ({@link Order#changeId}) and its event id is derived from that name: a replayed stream record
 * or a retried batch publishes an identical event, which consumers drop by its id.
 *
 * <ul>
 *   <li>INSERT: the order's first status, normally {@code order.pending_payment};</li>
 *   <li>MODIFY with another status in the new image than in the old: {@code order.<new status>};</li>
 *   <li>any other MODIFY (payment or fulfilment fields alone) and REMOVE: no event.</li>
 * </ul>
 *
 * <p>After the sale, a MODIFY may also carry (in this order, after the status event if any) a
 * return that is new in the new image ({@code return.requested}), one that left REQUESTED
 * ({@code return.received}) and refunds that left PENDING ({@code refund.succeeded},
 * {@code refund.failed}). Each happens once per return or refund, so its event id is derived
 * from {@code <orderId>:<type>:<returnId or refundId>}; without an old image every return and
 * settled refund is published again, with the same ids.
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

    /** The events a stream record stands for, in order; {@link OrderItems.Unreadable} when its image is not an order. */
    static List<OrderEvent> of(DynamodbStreamRecord record) {
        List<OrderEvent> events = new ArrayList<>();
        statusEvent(record).ifPresent(events::add);
        StreamRecord change = record.getDynamodb();
        if (MODIFY.equals(record.getEventName())) {
            Order now = OrderItems.fromImage(change.getNewImage());
            var oldImage = change.getOldImage();
            Order before = oldImage == null || oldImage.isEmpty() ? null : OrderItems.fromImage(oldImage);
            events.addAll(AfterSaleEvents.between(before, now));
        }
        return events;
    }

    private static Optional<OrderEvent> statusEvent(DynamodbStreamRecord record) {
        StreamRecord change = record.getDynamodb();
        if (change == null) {
            throw new OrderItems.Unreadable("the record has no dynamodb change");
        }
        String operation = record.getEventName();
        if (!INSERT.equals(operation) && !MODIFY.equals(operation)) {
            return Optional.empty();
        }
        Order now = OrderItems.fromImage(change.getNewImage());
        OrderStatus to = now.status();
        Optional<Order.StatusChange> reached = now.reached(to);
        // Without an old image (a stream not of NEW_AND_OLD_IMAGES) the history tells where it came
        // from; at worst the event is published again, with the same id.
        OrderStatus from = INSERT.equals(operation) ? null
                : OrderItems.statusOfImage(change.getOldImage()).map(OrderEvents::status)
                        .orElseGet(() -> reached.map(Order.StatusChange::from).orElse(null));
        if (to == from) {
            return Optional.empty();
        }
        String orderId = now.orderId();
        return Optional.of(new OrderEvent(EventIds.of(Order.changeId(orderId, to)).toString(), typeOf(to), versionOf(now, to),
                occurredAt(reached, change), orderId, data(now, from, to)));
    }

    /**
     * {@code order.placed} is version 2 for an order priced with shipping and tax (the v1 fields
     * unchanged, the breakdown added), version 1 for an order from before; every other type is 1.
     */
    static int versionOf(Order order, OrderStatus to) {
        return to == OrderStatus.PLACED && order.pricing() != null ? OrderEvent.PLACED_WITH_PRICING : OrderEvent.VERSION;
    }

    private static Map<String, Object> data(Order order, OrderStatus from, OrderStatus to) {
        Map<String, Object> data = new LinkedHashMap<>();
        if (from != null) {
            data.put("from", from.name());
        }
        data.put("to", to.name());
        switch (to) {
            case PENDING_PAYMENT -> data.put("total", money(order.total(), order));
            case PLACED -> {
                // What a fulfilment partner needs to ship without reading our tables. PII: the
                // buyer's email and address travel only in this event type.
                if (order.customerId() != null) {
                    data.put("customerId", order.customerId());
                }
                data.put("email", order.email());
                data.put("shippingAddress", address(order.shippingAddress()));
                List<Map<String, Object>> lines = new ArrayList<>();
                for (int i = 0; i < order.lines().size(); i++) {
                    lines.add(line(order.lines().get(i), order.pricing() == null ? null : order.pricing().lines().get(i), order));
                }
                data.put("lines", lines);
                data.put("currency", order.currency());
                data.put("subtotal", money(order.subtotal(), order));
                data.put("discount", money(order.discount(), order));
                if (order.pricing() != null) {
                    putPricing(data, order.pricing(), order);
                }
                data.put("total", money(order.total(), order));
                if (order.discountCode() != null) {
                    data.put("discountCode", order.discountCode());
                }
                data.put("createdAt", order.createdAt().toString());
                // Insights attributes the order to the channel and campaign of this cart's checkout.
                data.put("cartId", order.cartId());
            }
            case PAYMENT_FAILED -> data.put("cartId", order.cartId());
            case REJECTED -> putIfPresent(data, "reason", order.fulfilment().reason());
            case SHIPPED, DELIVERED -> {
                putIfPresent(data, "carrier", order.fulfilment().carrier());
                putIfPresent(data, "trackingNumber", order.fulfilment().trackingNumber());
            }
            default -> {
            }
        }
        Map<String, Object> payment = new LinkedHashMap<>();
        payment.put("status", order.payment().status().name());
        putIfPresent(payment, "authorizationId", order.payment().authorizationId());
        putIfPresent(payment, "declineCode", order.payment().declineCode());
        data.put("payment", payment);
        return data;
    }

    private static Map<String, Object> line(Order.Line line, PriceBreakdown.Line priced, Order order) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("sku", line.sku());
        out.put("productId", line.productId());
        out.put("name", line.name());
        out.put("quantity", line.quantity());
        out.put("unitPrice", money(line.unitPrice().amount(), order));
        out.put("lineTotal", money(line.lineTotal().amount(), order));
        if (priced != null) {
            out.put("discountAllocated", money(priced.discountAllocated(), order));
            out.put("tax", money(priced.tax(), order));
            out.put("taxClass", priced.taxClass().wireName());
        }
        return out;
    }

    /** Version 2's additions: shipping, tax with its breakdown, the parcel's weight. */
    private static void putPricing(Map<String, Object> data, PriceBreakdown pricing, Order order) {
        PriceBreakdown.Shipping shipping = pricing.shipping();
        if (shipping != null) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("methodId", shipping.methodId());
            out.put("name", shipping.name());
            out.put("carrier", shipping.carrier());
            out.put("amount", money(shipping.amount(), order));
            out.put("tax", money(shipping.tax(), order));
            data.put("shipping", out);
        }
        Map<String, Object> tax = new LinkedHashMap<>();
        tax.put("amount", money(pricing.tax().amount(), order));
        tax.put("included", pricing.tax().included());
        tax.put("breakdown", pricing.tax().breakdown().stream().map(t -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("taxClass", t.taxClass().wireName());
            row.put("rate", t.rate());
            row.put("taxable", money(t.taxable(), order));
            row.put("amount", money(t.amount(), order));
            return row;
        }).toList());
        data.put("tax", tax);
        data.put("weightGrams", pricing.weightGrams());
    }

    private static Map<String, Object> address(ShippingAddress a) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", a.name());
        out.put("line1", a.line1());
        putIfPresent(out, "line2", a.line2());
        out.put("city", a.city());
        putIfPresent(out, "region", a.region());
        out.put("postalCode", a.postalCode());
        out.put("country", a.country());
        return out;
    }

    /** A money value of the order's currency in the events' shape: {amount, currency}. */
    static Map<String, Object> money(long amount, Order order) {
        Map<String, Object> money = new LinkedHashMap<>();
        money.put("amount", amount);
        money.put("currency", order.currency());
        return money;
    }

    /** When the order reached the status, as its history says; else when DynamoDB saw the write. */
    private static String occurredAt(Optional<Order.StatusChange> reached, StreamRecord change) {
        if (reached.isPresent()) {
            return reached.get().at().toString();
        }
        if (change.getApproximateCreationDateTime() == null) {
            throw new OrderItems.Unreadable("no time for the change: neither a history entry nor ApproximateCreationDateTime");
        }
        return change.getApproximateCreationDateTime().toInstant().toString();
    }

    private static OrderStatus status(String stored) {
        try {
            return OrderStatus.valueOf(stored);
        } catch (IllegalArgumentException e) {
            throw new OrderItems.Unreadable("unknown order status " + stored);
        }
    }

    private static void putIfPresent(Map<String, Object> data, String name, String value) {
        if (value != null) {
            data.put(name, value);
        }
    }
}
