package dev.storefront.domain.order;

import dev.storefront.domain.Caller;
import dev.storefront.domain.Money;
import dev.storefront.domain.Problem;
import dev.storefront.domain.ProblemCode;
import dev.storefront.domain.cart.CartWarning;
import dev.storefront.domain.cart.PricedCart;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An order: what was bought at which prices, where it goes, and what happened to it. Prices and
 * totals come from the server-side priced cart at checkout and never change afterwards.
 */
public record Order(String orderId, String customerId, String cartId, OrderStatus status, String email,
                    ShippingAddress shippingAddress, List<Line> lines, String currency, long subtotal, long discount,
                    long total, String discountCode, Payment payment, Fulfilment fulfilment, List<StatusChange> history,
                    Instant createdAt) {

    /** Most units of all lines together one order may hold. */
    public static final int MAX_UNITS = 500;

    public record Line(String sku, String productId, String name, int quantity, Money unitPrice, Money lineTotal) {
    }

    public record Payment(PaymentStatus status, String authorizationId, String declineCode) {
        public static final Payment NONE = new Payment(PaymentStatus.PENDING, null, null);
    }

    public enum PaymentStatus { PENDING, AUTHORIZED, CAPTURED, VOIDED, FAILED }

    public record Fulfilment(String carrier, String trackingNumber) {
        public static final Fulfilment NONE = new Fulfilment(null, null);
    }

    public record StatusChange(Instant at, OrderStatus from, OrderStatus to, String eventId) {
    }

    public Order {
        lines = List.copyOf(lines);
        history = List.copyOf(history);
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
        if (units > MAX_UNITS) {
            throw new Problem(ProblemCode.CART_LIMIT_EXCEEDED, "an order holds at most " + MAX_UNITS + " units");
        }
        return new Order(orderId, caller.isAnonymous() ? null : caller.subject(), priced.cart().cartId(), OrderStatus.PENDING_PAYMENT,
                email, address, lines, priced.currency(), priced.subtotal(), priced.discount(), priced.total(),
                priced.discount() > 0 ? priced.cart().discountCode() : null, Payment.NONE, Fulfilment.NONE,
                List.of(new StatusChange(now, null, OrderStatus.PENDING_PAYMENT, orderId + ":" + OrderStatus.PENDING_PAYMENT.name())), now);
    }

    public Money totalMoney() {
        return new Money(total, currency);
    }

    /** Customers see their own orders; a guest order is reachable by its unguessable id alone. */
    public boolean isVisibleTo(Caller caller) {
        return customerId == null || customerId.equals(caller.subject());
    }
}
