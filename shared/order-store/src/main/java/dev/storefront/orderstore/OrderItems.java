package dev.storefront.orderstore;

import dev.storefront.domain.Money;
import dev.storefront.domain.order.Order;
import dev.storefront.domain.order.OrderFilter;
import dev.storefront.domain.order.OrderNote;
import dev.storefront.domain.order.OrderSummary;
import dev.storefront.domain.order.OrderRefund;
import dev.storefront.domain.order.OrderStatus;
import dev.storefront.domain.order.Return;
import dev.storefront.domain.order.ShippingAddress;
import dev.storefront.domain.pricing.PriceBreakdown;
import dev.storefront.domain.pricing.Refund;
import dev.storefront.domain.pricing.TaxClass;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How an order is stored in the Orders table, the one place that knows the item's shape (for the
 * table's own reads and writes, and for the images its stream carries). {@code pending} exists only
 * while the order waits for payment: the sparse byPending index then lists exactly the reservations
 * that may need expiring.
 *
 * <p>The item: {@code orderId}, {@code status}, {@code email}, {@code shippingAddress} {name, line1,
 * line2?, city, region?, postalCode, country}, {@code lines} [{sku, productId, name, quantity,
 * unitPrice, lineTotal, stockShard? (the hot SKU's shard its units came from; absent: the SKU's own item)}], {@code currency}, {@code subtotal}, {@code discount}, {@code total},
 * {@code discountCode?}, {@code payment} {status, authorizationId?, declineCode?, nextActionUrl?},
 * {@code fulfilment?} {carrier?, trackingNumber?, reason?}, {@code history} [{at, from?, to, eventId?}],
 * {@code customerId?}, {@code cartId}, {@code createdAt}, {@code emailKey} (the address in lower case, for the
 * byEmail index; orders stored before it have none and are found by status and date only); amounts in minor units of {@code currency}.
 * The pricing (orders placed since shipping and tax; older items have none of it): per line
 * {@code discountAllocated, taxClass, taxRate, taxable, tax}; {@code shipping?} {methodId, name,
 * carrier, amount, tax, taxable}; {@code tax} {amount, included, breakdown [{taxClass, rate, taxable,
 * amount}]}; {@code weightGrams}.
 * After the sale (both absent until the first): {@code returns} [{returnId, rma, status, lines [{sku,
 * quantity, reason}], received? [{sku, quantity, condition}], refundAmount, refundTax, requestedAt,
 * receivedAt?, receivedEventId?, refundId?}] and {@code refunds} [{refundId, amount, tax, reason, status,
 * returnId?, createdAt, settledAt?, failure?}], appended to, never reordered, so an index read stays
 * valid for a conditional write; {@code refundsHeld}, what pending and made refunds hold of the
 * captured amount, the counter their condition reads.
 * Marks beside it ({@code sentMessages}, {@code paymentAction}, {@code ignoredUpdates}) are
 * {@link OrderRepository.Marks}; {@code notes?} [{at, actor, text}] are the operators' notes (the order desk).
 */
public final class OrderItems {

    public static final String PENDING = "PENDING";

    private OrderItems() {
    }

    public static Map<String, AttributeValue> toItem(Order order) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("orderId", s(order.orderId()));
        if (order.customerId() != null) {
            item.put("customerId", s(order.customerId()));
        }
        item.put("cartId", s(order.cartId()));
        item.put("status", s(order.status().name()));
        if (order.status() == OrderStatus.PENDING_PAYMENT) {
            item.put("pending", s(PENDING));
        }
        item.put("email", s(order.email()));
        item.put("emailKey", s(OrderFilter.emailKey(order.email())));
        item.put("shippingAddress", address(order.shippingAddress()));
        List<AttributeValue> lines = new ArrayList<>();
        for (int i = 0; i < order.lines().size(); i++) {
            lines.add(line(order.lines().get(i), order.pricing() == null ? null : order.pricing().lines().get(i)));
        }
        item.put("lines", AttributeValue.fromL(lines));
        if (order.pricing() != null) {
            putPricing(item, order.pricing());
        }
        item.put("currency", s(order.currency()));
        item.put("subtotal", n(order.subtotal()));
        item.put("discount", n(order.discount()));
        item.put("total", n(order.total()));
        if (order.discountCode() != null) {
            item.put("discountCode", s(order.discountCode()));
        }
        item.put("payment", payment(order.payment()));
        item.put("history", AttributeValue.fromL(order.history().stream().map(OrderItems::change).toList()));
        item.put("createdAt", s(order.createdAt().toString()));
        if (!order.returns().isEmpty()) {
            item.put("returns", AttributeValue.fromL(order.returns().stream().map(OrderItems::returned).toList()));
        }
        if (!order.refunds().isEmpty()) {
            item.put("refunds", AttributeValue.fromL(order.refunds().stream().map(OrderItems::refund).toList()));
            item.put("refundsHeld", n(order.refundsHeld()));
        }
        return item;
    }

    /**
     * An order from a stream image of the table (the Lambda event model's attribute values), or
     * {@link Unreadable} when the image does not hold an order in the item's shape.
     */
    public static Order fromImage(Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> image) {
        if (image == null || image.isEmpty()) {
            throw new Unreadable("the record has no image of the order");
        }
        try {
            return fromItem(item(image));
        } catch (NullPointerException | IllegalArgumentException | java.time.DateTimeException e) {
            // A missing attribute, a number or status that is not one, a time that is not an instant.
            throw new Unreadable("the image is not an order as the Orders table stores it (" + e + ")");
        }
    }

    /** The status an image holds, without reading the rest; empty without an image or a status. */
    public static java.util.Optional<String> statusOfImage(Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> image) {
        return java.util.Optional.ofNullable(image == null || image.get("status") == null ? null : image.get("status").getS());
    }

    /** A stream image does not hold an order in the item's shape. */
    public static final class Unreadable extends RuntimeException {
        public Unreadable(String message) {
            super(message);
        }
    }

    private static Map<String, AttributeValue> item(Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> image) {
        Map<String, AttributeValue> item = new HashMap<>();
        image.forEach((name, value) -> item.put(name, value(value)));
        return item;
    }

    private static AttributeValue value(com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue v) {
        if (v.getS() != null) {
            return AttributeValue.fromS(v.getS());
        }
        if (v.getN() != null) {
            return AttributeValue.fromN(v.getN());
        }
        if (v.getM() != null) {
            return AttributeValue.fromM(item(v.getM()));
        }
        if (v.getL() != null) {
            return AttributeValue.fromL(v.getL().stream().map(OrderItems::value).toList());
        }
        if (v.getSS() != null) {
            return AttributeValue.fromSs(v.getSS());
        }
        if (v.getNS() != null) {
            return AttributeValue.fromNs(v.getNS());
        }
        if (v.getBOOL() != null) {
            return AttributeValue.fromBool(v.getBOOL());
        }
        // NULL or binary: no attribute of an order is either.
        return AttributeValue.fromNul(true);
    }

    public static Order fromItem(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> address = item.get("shippingAddress").m();
        Map<String, AttributeValue> payment = item.get("payment").m();
        Map<String, AttributeValue> fulfilment = item.containsKey("fulfilment") ? item.get("fulfilment").m() : Map.of();
        List<Order.Line> lines = item.get("lines").l().stream().map(l -> {
            Map<String, AttributeValue> m = l.m();
            String currency = item.get("currency").s();
            return new Order.Line(m.get("sku").s(), m.get("productId").s(), m.get("name").s(),
                    Integer.parseInt(m.get("quantity").n()), new Money(num(m, "unitPrice"), currency), new Money(num(m, "lineTotal"), currency),
                    m.containsKey("stockShard") ? Integer.parseInt(m.get("stockShard").n()) : 0);
        }).toList();
        return new Order(item.get("orderId").s(), str(item, "customerId"), item.get("cartId").s(),
                OrderStatus.valueOf(item.get("status").s()), item.get("email").s(),
                new ShippingAddress(address.get("name").s(), address.get("line1").s(), str(address, "line2"), address.get("city").s(),
                        str(address, "region"), address.get("postalCode").s(), address.get("country").s()),
                lines, item.get("currency").s(), num(item, "subtotal"), num(item, "discount"), num(item, "total"), str(item, "discountCode"),
                new Order.Payment(Order.PaymentStatus.valueOf(payment.get("status").s()), str(payment, "authorizationId"), str(payment, "declineCode"),
                        str(payment, "nextActionUrl")),
                new Order.Fulfilment(str(fulfilment, "carrier"), str(fulfilment, "trackingNumber"), str(fulfilment, "reason")),
                item.get("history").l().stream().map(h -> {
                    Map<String, AttributeValue> m = h.m();
                    return new Order.StatusChange(Instant.parse(m.get("at").s()),
                            m.containsKey("from") ? OrderStatus.valueOf(m.get("from").s()) : null,
                            OrderStatus.valueOf(m.get("to").s()), str(m, "eventId"));
                }).toList(),
                Instant.parse(item.get("createdAt").s()), pricing(item, lines),
                item.containsKey("returns") ? item.get("returns").l().stream().map(r -> returnOf(r.m())).toList() : List.of(),
                item.containsKey("refunds") ? item.get("refunds").l().stream().map(r -> refundOf(r.m())).toList() : List.of());
    }

    static AttributeValue returned(Return r) {
        Map<String, AttributeValue> m = new HashMap<>();
        m.put("returnId", s(r.returnId()));
        m.put("rma", s(r.rma()));
        m.put("status", s(r.status().name()));
        m.put("lines", returnLines(r.lines()));
        if (!r.received().isEmpty()) {
            m.put("received", returnLines(r.received()));
        }
        m.put("refundAmount", n(r.refundEstimate().amount()));
        m.put("refundTax", n(r.refundEstimate().tax()));
        m.put("requestedAt", s(r.requestedAt().toString()));
        putIfPresent(m, "receivedAt", r.receivedAt() == null ? null : r.receivedAt().toString());
        putIfPresent(m, "receivedEventId", r.receivedEventId());
        putIfPresent(m, "refundId", r.refundId());
        return AttributeValue.fromM(m);
    }

    static AttributeValue returnLines(List<Return.Line> lines) {
        return AttributeValue.fromL(lines.stream().map(l -> {
            Map<String, AttributeValue> m = new HashMap<>(Map.of("sku", s(l.sku()), "quantity", n(l.quantity())));
            putIfPresent(m, "reason", l.reason());
            putIfPresent(m, "condition", l.condition() == null ? null : l.condition().name());
            return AttributeValue.fromM(m);
        }).toList());
    }

    private static Return returnOf(Map<String, AttributeValue> m) {
        return new Return(m.get("returnId").s(), m.get("rma").s(), Return.Status.valueOf(m.get("status").s()), returnLinesOf(m.get("lines")),
                m.containsKey("received") ? returnLinesOf(m.get("received")) : List.of(),
                new Refund(num(m, "refundAmount"), num(m, "refundTax")), Instant.parse(m.get("requestedAt").s()),
                m.containsKey("receivedAt") ? Instant.parse(m.get("receivedAt").s()) : null, str(m, "receivedEventId"), str(m, "refundId"));
    }

    private static List<Return.Line> returnLinesOf(AttributeValue lines) {
        return lines.l().stream().map(l -> {
            Map<String, AttributeValue> m = l.m();
            return new Return.Line(m.get("sku").s(), (int) num(m, "quantity"), str(m, "reason"),
                    m.containsKey("condition") ? Return.Condition.valueOf(m.get("condition").s()) : null);
        }).toList();
    }

    static AttributeValue refund(OrderRefund r) {
        Map<String, AttributeValue> m = new HashMap<>();
        m.put("refundId", s(r.refundId()));
        m.put("amount", n(r.amount()));
        m.put("tax", n(r.tax()));
        putIfPresent(m, "reason", r.reason());
        m.put("status", s(r.status().name()));
        putIfPresent(m, "returnId", r.returnId());
        m.put("createdAt", s(r.createdAt().toString()));
        putIfPresent(m, "settledAt", r.settledAt() == null ? null : r.settledAt().toString());
        putIfPresent(m, "failure", r.failure());
        return AttributeValue.fromM(m);
    }

    private static OrderRefund refundOf(Map<String, AttributeValue> m) {
        return new OrderRefund(m.get("refundId").s(), num(m, "amount"), num(m, "tax"), str(m, "reason"), OrderRefund.Status.valueOf(m.get("status").s()),
                str(m, "returnId"), Instant.parse(m.get("createdAt").s()), m.containsKey("settledAt") ? Instant.parse(m.get("settledAt").s()) : null,
                str(m, "failure"));
    }

    private static void putIfPresent(Map<String, AttributeValue> m, String name, String value) {
        if (value != null) {
            m.put(name, s(value));
        }
    }

    /** An order as the byStatus and byEmail indexes project it (keys, email, total, currency, customerId). */
    static OrderSummary summary(Map<String, AttributeValue> item) {
        return new OrderSummary(item.get("orderId").s(), OrderStatus.valueOf(item.get("status").s()), str(item, "email"),
                new Money(num(item, "total"), item.get("currency").s()), str(item, "customerId"), Instant.parse(item.get("createdAt").s()));
    }

    /** The operators' notes on an order item, oldest first (none on most orders). */
    static List<OrderNote> notes(Map<String, AttributeValue> item) {
        if (!item.containsKey("notes")) {
            return List.of();
        }
        return item.get("notes").l().stream().map(v -> {
            Map<String, AttributeValue> m = v.m();
            return new OrderNote(Instant.parse(m.get("at").s()), m.get("actor").s(), m.get("text").s());
        }).toList();
    }

    static AttributeValue note(OrderNote note) {
        return AttributeValue.fromM(Map.of("at", s(note.at().toString()), "actor", s(note.actor()), "text", s(note.text())));
    }

    static AttributeValue payment(Order.Payment payment) {
        Map<String, AttributeValue> m = new HashMap<>();
        m.put("status", s(payment.status().name()));
        if (payment.authorizationId() != null) {
            m.put("authorizationId", s(payment.authorizationId()));
        }
        if (payment.declineCode() != null) {
            m.put("declineCode", s(payment.declineCode()));
        }
        if (payment.nextActionUrl() != null) {
            m.put("nextActionUrl", s(payment.nextActionUrl()));
        }
        return AttributeValue.fromM(m);
    }

    /** The order's {@code fulfilment}: carrier and tracking number once shipped, the partner's reason when rejected. */
    static AttributeValue fulfilment(Order.Fulfilment fulfilment) {
        Map<String, AttributeValue> m = new HashMap<>();
        if (fulfilment.carrier() != null) {
            m.put("carrier", s(fulfilment.carrier()));
        }
        if (fulfilment.trackingNumber() != null) {
            m.put("trackingNumber", s(fulfilment.trackingNumber()));
        }
        if (fulfilment.reason() != null) {
            m.put("reason", s(fulfilment.reason()));
        }
        return AttributeValue.fromM(m);
    }

    static AttributeValue change(Order.StatusChange change) {
        Map<String, AttributeValue> m = new HashMap<>();
        m.put("at", s(change.at().toString()));
        if (change.from() != null) {
            m.put("from", s(change.from().name()));
        }
        m.put("to", s(change.to().name()));
        if (change.eventId() != null) {
            m.put("eventId", s(change.eventId()));
        }
        return AttributeValue.fromM(m);
    }

    private static AttributeValue line(Order.Line line, PriceBreakdown.Line priced) {
        Map<String, AttributeValue> m = new HashMap<>(Map.of("sku", s(line.sku()), "productId", s(line.productId()), "name", s(line.name()),
                "quantity", n(line.quantity()), "unitPrice", n(line.unitPrice().amount()), "lineTotal", n(line.lineTotal().amount())));
        if (line.stockShard() != 0) {
            m.put("stockShard", n(line.stockShard()));
        }
        if (priced != null) {
            m.put("discountAllocated", n(priced.discountAllocated()));
            m.put("taxClass", s(priced.taxClass().wireName()));
            m.put("taxRate", n(priced.rate()));
            m.put("taxable", n(priced.taxable()));
            m.put("tax", n(priced.tax()));
        }
        return AttributeValue.fromM(m);
    }

    private static void putPricing(Map<String, AttributeValue> item, PriceBreakdown pricing) {
        PriceBreakdown.Shipping shipping = pricing.shipping();
        if (shipping != null) {
            item.put("shipping", AttributeValue.fromM(Map.of("methodId", s(shipping.methodId()), "name", s(shipping.name()),
                    "carrier", s(shipping.carrier()), "amount", n(shipping.amount()), "tax", n(shipping.tax()), "taxable", n(shipping.taxable()))));
        }
        item.put("tax", AttributeValue.fromM(Map.of("amount", n(pricing.tax().amount()), "included", AttributeValue.fromBool(pricing.tax().included()),
                "breakdown", AttributeValue.fromL(pricing.tax().breakdown().stream().map(t -> AttributeValue.fromM(Map.of(
                        "taxClass", s(t.taxClass().wireName()), "rate", n(t.rate()), "taxable", n(t.taxable()), "amount", n(t.amount())))).toList()))));
        item.put("weightGrams", n(pricing.weightGrams()));
    }

    /** The pricing an order item holds, null for an order from before shipping and tax. */
    private static PriceBreakdown pricing(Map<String, AttributeValue> item, List<Order.Line> lines) {
        if (!item.containsKey("tax")) {
            return null;
        }
        List<AttributeValue> stored = item.get("lines").l();
        List<PriceBreakdown.Line> priced = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Map<String, AttributeValue> m = stored.get(i).m();
            Order.Line line = lines.get(i);
            priced.add(new PriceBreakdown.Line(line.sku(), line.quantity(), line.unitPrice().amount(), line.lineTotal().amount(),
                    num(m, "discountAllocated"), TaxClass.parse(m.get("taxClass").s()), (int) num(m, "taxRate"), num(m, "taxable"), num(m, "tax")));
        }
        Map<String, AttributeValue> shipping = item.containsKey("shipping") ? item.get("shipping").m() : null;
        Map<String, AttributeValue> tax = item.get("tax").m();
        return new PriceBreakdown(item.get("currency").s(), List.copyOf(priced), num(item, "subtotal"), num(item, "discount"),
                shipping == null ? null : new PriceBreakdown.Shipping(shipping.get("methodId").s(), shipping.get("name").s(),
                        shipping.get("carrier").s(), num(shipping, "amount"), num(shipping, "tax"), num(shipping, "taxable")),
                new PriceBreakdown.Tax(num(tax, "amount"), tax.get("included").bool(), tax.get("breakdown").l().stream().map(t -> {
                    Map<String, AttributeValue> m = t.m();
                    return new PriceBreakdown.TaxLine(TaxClass.parse(m.get("taxClass").s()), (int) num(m, "rate"), num(m, "taxable"), num(m, "amount"));
                }).toList()),
                num(item, "total"), num(item, "weightGrams"));
    }

    private static AttributeValue address(ShippingAddress a) {
        Map<String, AttributeValue> m = new HashMap<>();
        m.put("name", s(a.name()));
        m.put("line1", s(a.line1()));
        if (a.line2() != null) {
            m.put("line2", s(a.line2()));
        }
        m.put("city", s(a.city()));
        if (a.region() != null) {
            m.put("region", s(a.region()));
        }
        m.put("postalCode", s(a.postalCode()));
        m.put("country", s(a.country()));
        return AttributeValue.fromM(m);
    }

    private static String str(Map<String, AttributeValue> m, String name) {
        return m.containsKey(name) ? m.get(name).s() : null;
    }

    private static long num(Map<String, AttributeValue> m, String name) {
        return Long.parseLong(m.get(name).n());
    }

    public static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    public static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
