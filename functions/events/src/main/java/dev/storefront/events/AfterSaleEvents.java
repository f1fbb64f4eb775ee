package dev.storefront.events;

import dev.storefront.domain.EventIds;
import dev.storefront.domain.order.Order;
import dev.storefront.domain.order.OrderRefund;
import dev.storefront.domain.order.Return;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.storefront.events.OrderEvents.money;

/**
 * The return and refund events between two images of an order: what is new in {@code now} that
 * {@code before} did not have (null: no old image, so every return and settled refund counts).
 */
final class AfterSaleEvents {

    static final String RETURN_REQUESTED = "return.requested";
    static final String RETURN_RECEIVED = "return.received";
    static final String REFUND_SUCCEEDED = "refund.succeeded";
    static final String REFUND_FAILED = "refund.failed";

    private AfterSaleEvents() {
    }

    static List<OrderEvent> between(Order before, Order now) {
        List<OrderEvent> events = new ArrayList<>();
        for (Return r : now.returns()) {
            Return was = before == null ? null : before.returnOf(r.returnId()).orElse(null);
            if (was == null) {
                events.add(event(now, RETURN_REQUESTED, r.returnId(), r.requestedAt().toString(), requested(now, r)));
            }
            if (r.status() != Return.Status.REQUESTED && (was == null || was.status() == Return.Status.REQUESTED)) {
                events.add(event(now, RETURN_RECEIVED, r.returnId(), r.receivedAt().toString(), received(now, r)));
            }
        }
        for (OrderRefund refund : now.refunds()) {
            OrderRefund was = before == null ? null : before.refundOf(refund.refundId()).orElse(null);
            if (refund.status() != OrderRefund.Status.PENDING && (was == null || was.status() == OrderRefund.Status.PENDING)) {
                String type = refund.status() == OrderRefund.Status.SUCCEEDED ? REFUND_SUCCEEDED : REFUND_FAILED;
                events.add(event(now, type, refund.refundId(), refund.settledAt().toString(), settled(now, refund)));
            }
        }
        return events;
    }

    private static OrderEvent event(Order order, String type, String id, String at, Map<String, Object> data) {
        return new OrderEvent(EventIds.of(order.orderId() + ":" + type + ":" + id).toString(), type, OrderEvent.VERSION, at, order.orderId(), data);
    }

    /** What the partner needs to expect the parcel (the same message goes to it). */
    private static Map<String, Object> requested(Order order, Return r) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("returnId", r.returnId());
        data.put("rma", r.rma());
        data.put("lines", r.lines().stream().map(l -> {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("sku", l.sku());
            line.put("quantity", l.quantity());
            if (l.reason() != null) {
                line.put("reason", l.reason());
            }
            return line;
        }).toList());
        data.put("refundEstimate", money(r.refundEstimate().amount(), order));
        return data;
    }

    private static Map<String, Object> received(Order order, Return r) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("returnId", r.returnId());
        data.put("rma", r.rma());
        data.put("lines", r.received().stream().map(l -> {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("sku", l.sku());
            line.put("quantity", l.quantity());
            line.put("condition", l.condition().name());
            return line;
        }).toList());
        if (r.refundId() != null) {
            data.put("refundId", r.refundId());
            order.refundOf(r.refundId()).ifPresent(refund -> data.put("refund", money(refund.amount(), order)));
        }
        return data;
    }

    private static Map<String, Object> settled(Order order, OrderRefund refund) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("refundId", refund.refundId());
        data.put("amount", money(refund.amount(), order));
        data.put("tax", money(refund.tax(), order));
        if (refund.reason() != null) {
            data.put("reason", refund.reason());
        }
        if (refund.returnId() != null) {
            data.put("returnId", refund.returnId());
        }
        data.put("refundedAmount", money(order.refundedAmount(), order));
        if (refund.failure() != null) {
            data.put("failure", refund.failure().length() > 500 ? refund.failure().substring(0, 500) : refund.failure());
        }
        return data;
    }
}
