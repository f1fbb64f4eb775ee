package dev.storefront.desk;

import dev.storefront.domain.Money;
import dev.storefront.domain.order.Order;
import dev.storefront.domain.order.OrderId;
import dev.storefront.domain.order.OrderStatus;
import dev.storefront.domain.order.ShippingAddress;
import dev.storefront.orderstore.OrderItems;
import dev.storefront.testsupport.TestStack;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.HashMap;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Orders written straight into the template's Orders table in the shop's own item shape
 * ({@link OrderItems}), in any status and at any time, as checkout and fulfilment would have left them.
 */
final class StoredOrders {

    /** The path an order takes to {@code status}, each step a minute after the one before. */
    private static final List<OrderStatus> HAPPY = List.of(OrderStatus.PENDING_PAYMENT, OrderStatus.PLACED, OrderStatus.FULFILMENT_REQUESTED,
            OrderStatus.ACCEPTED, OrderStatus.SHIPPED, OrderStatus.DELIVERED);

    private StoredOrders() {
    }

    static Order store(OrderStatus status, String email, Instant createdAt) {
        return store(status, email, createdAt, new ShippingAddress("Ada Lovelace", "1 Analytical Way", null, "London", null, "N1 1AA", "GB"));
    }

    static Order store(OrderStatus status, String email, Instant createdAt, ShippingAddress address) {
        return store(status, email, createdAt, address, null);
    }

    /** With the payment in {@code payment} instead of the one its status goes with: an order whose money and goods disagree. */
    static Order store(OrderStatus status, Instant createdAt, Order.PaymentStatus payment) {
        return store(status, "mismatch@example.com", createdAt, new ShippingAddress("Ada Lovelace", "1 Analytical Way", null, "London", null,
                "N1 1AA", "GB"), payment);
    }

    /** The stored order now holds the processor's payment {@code authorizationId} (as checkout records what it authorized). */
    static void holding(Order order, String authorizationId) {
        TestStack stack = TestStack.shared();
        stack.emulators().dynamo().updateItem(r -> r.tableName(stack.resources().tableName("OrdersTable"))
                .key(Map.of("orderId", AttributeValue.fromS(order.orderId())))
                .updateExpression("SET payment.authorizationId = :id")
                .expressionAttributeValues(Map.of(":id", AttributeValue.fromS(authorizationId))));
    }

    private static Order store(OrderStatus status, String email, Instant createdAt, ShippingAddress address, Order.PaymentStatus paymentOverride) {
        String orderId = OrderId.random();
        List<Order.StatusChange> history = new ArrayList<>();
        List<OrderStatus> path = new ArrayList<>();
        if (HAPPY.contains(status)) {
            path.addAll(HAPPY.subList(0, HAPPY.indexOf(status) + 1));
        } else if (status == OrderStatus.CANCELLED || status == OrderStatus.REJECTED) {
            path.addAll(List.of(OrderStatus.PENDING_PAYMENT, OrderStatus.PLACED, OrderStatus.FULFILMENT_REQUESTED, status));
        } else {
            path.addAll(List.of(OrderStatus.PENDING_PAYMENT, status));
        }
        OrderStatus from = null;
        for (int i = 0; i < path.size(); i++) {
            OrderStatus to = path.get(i);
            boolean partner = to == OrderStatus.ACCEPTED || to == OrderStatus.SHIPPED || to == OrderStatus.DELIVERED || to == OrderStatus.REJECTED;
            history.add(new Order.StatusChange(createdAt.plusSeconds(60L * i), from, to,
                    partner ? "partner-" + java.util.UUID.randomUUID() : Order.changeId(orderId, to)));
            from = to;
        }
        Order.PaymentStatus payment = paymentOverride != null ? paymentOverride : switch (status) {
            case PENDING_PAYMENT -> Order.PaymentStatus.PENDING;
            case PAYMENT_FAILED -> Order.PaymentStatus.FAILED;
            case SHIPPED, DELIVERED -> Order.PaymentStatus.CAPTURED;
            case CANCELLED, REJECTED, EXPIRED -> Order.PaymentStatus.VOIDED;
            default -> Order.PaymentStatus.AUTHORIZED;
        };
        Order.Fulfilment fulfilment = status == OrderStatus.SHIPPED || status == OrderStatus.DELIVERED
                ? new Order.Fulfilment("DHL", "TRACK-" + orderId.substring(0, 6), null)
                : status == OrderStatus.REJECTED ? new Order.Fulfilment(null, null, "out of stock at the warehouse") : Order.Fulfilment.NONE;
        Order order = new Order(orderId, null, "cart-" + orderId, status, email, address,
                List.of(new Order.Line("SKU-DESK", "desk", "Desk lamp", 2, new Money(1250, "EUR"), new Money(2500, "EUR"))),
                "EUR", 2500, 0, 2500, null, new Order.Payment(payment, payment == Order.PaymentStatus.PENDING ? null : "pi_" + orderId, null),
                fulfilment, history, createdAt, null);
        TestStack stack = TestStack.shared();
        Map<String, AttributeValue> item = new HashMap<>(OrderItems.toItem(order));
        // A new order has no fulfilment yet; the partner's updates set it as the order moves on.
        Map<String, AttributeValue> parts = new HashMap<>();
        if (fulfilment.carrier() != null) {
            parts.put("carrier", AttributeValue.fromS(fulfilment.carrier()));
            parts.put("trackingNumber", AttributeValue.fromS(fulfilment.trackingNumber()));
        }
        if (fulfilment.reason() != null) {
            parts.put("reason", AttributeValue.fromS(fulfilment.reason()));
        }
        item.put("fulfilment", AttributeValue.fromM(parts));
        stack.emulators().dynamo().putItem(r -> r.tableName(stack.resources().tableName("OrdersTable")).item(item));
        return order;
    }
}
