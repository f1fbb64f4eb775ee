package dev.storefront.domain.order;

import dev.storefront.domain.Caller;
import dev.storefront.domain.Money;
import dev.storefront.domain.Problem;
import dev.storefront.domain.ProblemCode;
import dev.storefront.domain.cart.CartWarning;
import dev.storefront.domain.cart.PricedCart;
import dev.storefront.domain.pricing.PriceBreakdown;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An order: what was bought at which prices, where it goes, and what happened to it. Prices and
 * totals come from the server-side priced cart at checkout and never change afterwards.
 *
 * @param pricing the money explained (per line discount share and tax, shipping, tax by class), as
 *                checkout computed it for the shipping address; null for orders placed before shipping
 *                and tax existed (their total is subtotal less discount)
 */
public record Order(String orderId, String customerId, String cartId, OrderStatus status, String email,
                    ShippingAddress shippingAddress, List<Line> lines, String currency, long subtotal, long discount,
                    long total, String discountCode, Payment payment, Fulfilment fulfilment, List<StatusChange> history,
                    Instant createdAt, PriceBreakdown pricing, List<Return> returns, List<OrderRefund> refunds) {

    /** An order without returns or refunds. */
    public Order(String orderId, String customerId, String cartId, OrderStatus status, String email,
                 ShippingAddress shippingAddress, List<Line> lines, String currency, long subtotal, long discount,
                 long total, String discountCode, Payment payment, Fulfilment fulfilment, List<StatusChange> history,
                 Instant createdAt, PriceBreakdown pricing) {
        this(orderId, customerId, cartId, status, email, shippingAddress, lines, currency, subtotal, discount, total, discountCode,
                payment, fulfilment, history, createdAt, pricing, List.of(), List.of());
    }

    /** Most units of all lines together one order may hold. */
    public static final int MAX_UNITS = 500;

    /**
     * @param stockShard the shard of the SKU's stock the units were reserved from and go back to
     *                   ({@link dev.storefront.domain.catalog.StockShards}); 0, the SKU's own stock
     *                   item, unless the SKU is hot
     */
    public record Line(String sku, String productId, String name, int quantity, Money unitPrice, Money lineTotal, int stockShard) {

        public Line(String sku, String productId, String name, int quantity, Money unitPrice, Money lineTotal) {
            this(sku, productId, name, quantity, unitPrice, lineTotal, 0);
        }

        public Line fromShard(int shard) {
            return new Line(sku, productId, name, quantity, unitPrice, lineTotal, shard);
        }
    }

    /** This order with its lines' units reserved from these shards (by line). */
    public Order withStockShards(List<Integer> shards) {
        List<Line> reserved = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            reserved.add(lines.get(i).fromShard(shards.get(i)));
        }
        return new Order(orderId, customerId, cartId, status, email, shippingAddress, List.copyOf(reserved), currency, subtotal, discount, total,
                discountCode, payment, fulfilment, history, createdAt, pricing);
    }

    /**
     * {@code authorizationId} is the processor's id of the payment (a PaymentIntent's id with Stripe);
     * {@code nextActionUrl} is where the shopper completes it (3-D Secure) while it is REQUIRES_ACTION.
     */
    public record Payment(PaymentStatus status, String authorizationId, String declineCode, String nextActionUrl) {
        public static final Payment NONE = new Payment(PaymentStatus.PENDING, null, null);

        public Payment(PaymentStatus status, String authorizationId, String declineCode) {
            this(status, authorizationId, declineCode, null);
        }
    }

    public enum PaymentStatus { PENDING, REQUIRES_ACTION, AUTHORIZED, CAPTURED, VOIDED, FAILED }

    /** Carrier and tracking number once shipped; the partner's reason when rejected. */
    public record Fulfilment(String carrier, String trackingNumber, String reason) {
        public static final Fulfilment NONE = new Fulfilment(null, null, null);
    }

    /**
     * One status change. {@code eventId} names what caused it: {@link #changeId} for the shop's own
     * moves, the partner update's event id for fulfilment's.
     */
    public record StatusChange(Instant at, OrderStatus from, OrderStatus to, String eventId) {
    }

    /**
     * The name of an order's change to {@code to}: {@code <orderId>:<STATUS>}. An order reaches each
     * status at most once (the status machine has no cycles), so the name is unique and the same
     * however often the change is replayed; order event ids are derived from it.
     */
    public static String changeId(String orderId, OrderStatus to) {
        return orderId + ":" + to.name();
    }

    /** This order's own move to {@code to} at {@code at}, named by {@link #changeId}. */
    public StatusChange changeTo(OrderStatus to, Instant at) {
        return new StatusChange(at, status, to, changeId(orderId, to));
    }

    /** The order after {@code change}, with the payment and fulfilment it moved with. */
    public Order after(StatusChange change, Payment payment, Fulfilment fulfilment) {
        List<StatusChange> moved = new ArrayList<>(history);
        moved.add(change);
        return new Order(orderId, customerId, cartId, change.to(), email, shippingAddress, lines, currency, subtotal, discount, total,
                discountCode, payment, fulfilment, moved, createdAt, pricing, returns, refunds);
    }

    /** The order with another payment and the same status (a payment waiting for 3-D Secure, a late payment voided). */
    public Order withPayment(Payment newPayment) {
        return new Order(orderId, customerId, cartId, status, email, shippingAddress, lines, currency, subtotal, discount, total,
                discountCode, newPayment, fulfilment, history, createdAt, pricing, returns, refunds);
    }

    /** The last time the order reached {@code status}, from its history. */
    public Optional<StatusChange> reached(OrderStatus status) {
        return history.stream().filter(c -> c.to() == status).reduce((a, b) -> b);
    }

    public Order {
        lines = List.copyOf(lines);
        history = List.copyOf(history);
        returns = returns == null ? List.of() : List.copyOf(returns);
        refunds = refunds == null ? List.of() : List.copyOf(refunds);
    }

    /**
     * The order a checkout places, pending payment. Refuses a cart that cannot be sold as it is: empty,
     * lines the catalog no longer sells, or more units than an order may hold.
     */
    public static Order place(String orderId, PricedCart priced, Caller caller, String email, ShippingAddress address, Instant now) {
        if (priced.lines().isEmpty()) {
            throw new Problem(ProblemCode.CART_EMPTY, "the cart has no lines; add items before checking out");
        }
        List<Line> lines = new ArrayList<>();
        int units = 0;
        for (PricedCart.Line line : priced.lines()) {
            if (line.unitPrice() == null || line.warnings().stream().anyMatch(w -> w.code() == CartWarning.Code.SKU_UNAVAILABLE)) {
                throw new Problem(ProblemCode.SKU_UNAVAILABLE, "sku " + line.line().sku() + " is no longer sold; remove it from the cart");
            }
            units += line.line().quantity();
            lines.add(new Line(line.line().sku(), line.productId(), line.name(), line.line().quantity(), line.unitPrice(), line.lineTotal()));
        }
        if (priced.breakdown() == null) {
            throw new IllegalStateException("an order is placed from a cart priced for its shipping address");
        }
        if (units > MAX_UNITS) {
            throw new Problem(ProblemCode.CART_LIMIT_EXCEEDED, "an order holds at most " + MAX_UNITS + " units");
        }
        return new Order(orderId, caller.isAnonymous() ? null : caller.subject(), priced.cart().cartId(), OrderStatus.PENDING_PAYMENT,
                email, address, lines, priced.currency(), priced.subtotal(), priced.discount(), priced.total(),
                priced.discount() > 0 ? priced.cart().discountCode() : null, Payment.NONE, Fulfilment.NONE,
                List.of(new StatusChange(now, null, OrderStatus.PENDING_PAYMENT, changeId(orderId, OrderStatus.PENDING_PAYMENT))), now,
                priced.breakdown());
    }

    /** The order's shipping charge (0 when free or for orders from before shipping was charged). */
    public long shippingAmount() {
        return pricing == null || pricing.shipping() == null ? 0 : pricing.shipping().amount();
    }

    /** The order's tax (0 for orders from before tax was computed). */
    public long taxAmount() {
        return pricing == null ? 0 : pricing.tax().amount();
    }

    public Money totalMoney() {
        return new Money(total, currency);
    }

    /** Customers see their own orders; a guest order is reachable by its unguessable id alone. */
    public boolean isVisibleTo(Caller caller) {
        return customerId == null || customerId.equals(caller.subject());
    }

    /** Every unit the order holds. */
    public int units() {
        return lines.stream().mapToInt(Line::quantity).sum();
    }

    /** Units of {@code sku} asked back by returns so far. */
    public int unitsAskedBack(String sku) {
        return returns.stream().mapToInt(r -> r.unitsAsked(sku)).sum();
    }

    public int unitsAskedBack() {
        return lines.stream().mapToInt(l -> unitsAskedBack(l.sku())).sum();
    }

    /** Units of {@code sku} the partner received back (and that were refunded, or are being). */
    public int unitsReceivedBack(String sku) {
        return returns.stream().mapToInt(r -> r.unitsReceived(sku)).sum();
    }

    public int unitsReceivedBack() {
        return lines.stream().mapToInt(l -> unitsReceivedBack(l.sku())).sum();
    }

    public Optional<Return> returnOf(String returnId) {
        return returns.stream().filter(r -> r.returnId().equals(returnId)).findFirst();
    }

    public Optional<OrderRefund> refundOf(String refundId) {
        return refunds.stream().filter(r -> r.refundId().equals(refundId)).findFirst();
    }

    /** The money the processor took: the total once captured, else nothing. */
    public long captured() {
        return payment.status() == PaymentStatus.CAPTURED ? total : 0;
    }

    /** What refunds, pending or made, hold of the captured amount. */
    public long refundsHeld() {
        return refunds.stream().filter(OrderRefund::holdsCapture).mapToLong(OrderRefund::amount).sum();
    }

    /** What may still be refunded: captured less what refunds hold. */
    public long refundable() {
        return captured() - refundsHeld();
    }

    /** What the processor gave back so far. */
    public long refundedAmount() {
        return refunds.stream().filter(r -> r.status() == OrderRefund.Status.SUCCEEDED).mapToLong(OrderRefund::amount).sum();
    }
}
