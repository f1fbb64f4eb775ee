package dev.storefront.checkout;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.storefront.domain.Money;
import dev.storefront.domain.order.Order;
import dev.storefront.domain.order.OrderRefund;
import dev.storefront.domain.order.Return;
import dev.storefront.domain.order.ShippingAddress;
import dev.storefront.domain.pricing.PriceBreakdown;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * An order as its buyer sees it. The payment token is never stored, so it can never be shown.
 * {@code total = subtotal - discount + shipping.amount + (tax.included ? 0 : tax.amount)};
 * {@code shipping} and {@code tax} are null (and line shares and taxes absent) for orders placed
 * before shipping and tax were charged.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
record OrderView(String orderId, String status, String email, Address shippingAddress, List<Line> lines, String currency,
                 Money subtotal, Money discount, @Nullable Shipping shipping, @Nullable Tax tax, Money total,
                 @Nullable String discountCode, Payment payment, Fulfilment fulfilment, List<Change> history, String createdAt,
                 List<ReturnView> returns, List<RefundView> refunds) {

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Address(String name, String line1, @Nullable String line2, String city, @Nullable String region, String postalCode, String country) {
    }

    /** {@code discountAllocated}: the line's share of the discount; {@code tax}: the line's tax (inside lineTotal when included). */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Line(String sku, String productId, String name, int quantity, Money unitPrice, Money lineTotal,
                @Nullable Money discountAllocated, @Nullable Money tax, @Nullable String taxClass) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Shipping(String methodId, String name, String carrier, Money amount) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Tax(Money amount, boolean included, List<TaxLine> breakdown) {
    }

    /** One tax class at its rate in basis points: the net amount it applies to (shipping counts as standard) and its tax. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record TaxLine(String taxClass, int rate, Money taxable, Money amount) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Payment(String status, @Nullable String declineCode, @Nullable String paymentId, @Nullable NextAction nextAction,
                   Money refundedAmount) {

        /** Where the shopper confirms a payment that waits for the bank (3-D Secure). */
        @Serdeable
        record NextAction(String type, String url) {
        }

        static Payment of(Order order) {
            Order.Payment p = order.payment();
            boolean waiting = p.status() == Order.PaymentStatus.REQUIRES_ACTION && p.nextActionUrl() != null;
            return new Payment(p.status().name(), p.declineCode(), p.authorizationId(), waiting ? new NextAction("redirect", p.nextActionUrl()) : null,
                    new Money(order.refundedAmount(), order.currency()));
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Fulfilment(@Nullable String carrier, @Nullable String trackingNumber) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Change(String at, @Nullable String from, String to, @Nullable String eventId) {
    }

    static OrderView of(Order order) {
        ShippingAddress a = order.shippingAddress();
        String c = order.currency();
        return new OrderView(order.orderId(), order.status().name(), order.email(),
                new Address(a.name(), a.line1(), a.line2(), a.city(), a.region(), a.postalCode(), a.country()),
                lines(order), c, new Money(order.subtotal(), c), new Money(order.discount(), c), shipping(order), tax(order),
                new Money(order.total(), c), order.discountCode(),
                Payment.of(order),
                new Fulfilment(order.fulfilment().carrier(), order.fulfilment().trackingNumber()),
                order.history().stream().map(h -> new Change(h.at().toString(), h.from() == null ? null : h.from().name(), h.to().name(), h.eventId())).toList(),
                order.createdAt().toString(),
                order.returns().stream().map(r -> ReturnView.of(order, r)).toList(),
                order.refunds().stream().map(r -> RefundView.of(order, r)).toList());
    }

    /**
     * A return: the lines asked back ({@code reason}: the buyer's) and, once the partner has them, the
     * lines received ({@code condition}); {@code refundEstimate} is what the asked lines give back,
     * {@code refundId} the refund their receipt made.
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ReturnView(String returnId, String rma, String orderId, String status, List<ReturnLine> lines, @Nullable List<ReturnLine> received,
                      Money refundEstimate, String requestedAt, @Nullable String receivedAt, @Nullable String refundId) {

        static ReturnView of(Order order, Return r) {
            return new ReturnView(r.returnId(), r.rma(), order.orderId(), r.status().name(), lines(r.lines()),
                    r.received().isEmpty() ? null : lines(r.received()), new Money(r.refundEstimate().amount(), order.currency()),
                    r.requestedAt().toString(), r.receivedAt() == null ? null : r.receivedAt().toString(), r.refundId());
        }

        private static List<ReturnLine> lines(List<Return.Line> lines) {
            return lines.stream().map(l -> new ReturnLine(l.sku(), l.quantity(), l.reason(), l.condition() == null ? null : l.condition().name())).toList();
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ReturnLine(String sku, int quantity, @Nullable String reason, @Nullable String condition) {
    }

    /** A refund: PENDING until the processor answered, then SUCCEEDED or FAILED ({@code failure} says why). */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RefundView(String refundId, Money amount, Money tax, @Nullable String reason, String status, @Nullable String returnId, String createdAt,
                      @Nullable String settledAt, @Nullable String failure) {

        static RefundView of(Order order, OrderRefund r) {
            String c = order.currency();
            return new RefundView(r.refundId(), new Money(r.amount(), c), new Money(r.tax(), c), r.reason(), r.status().name(), r.returnId(),
                    r.createdAt().toString(), r.settledAt() == null ? null : r.settledAt().toString(), r.failure());
        }
    }

    private static List<Line> lines(Order order) {
        PriceBreakdown pricing = order.pricing();
        String c = order.currency();
        List<Line> lines = new java.util.ArrayList<>();
        for (int i = 0; i < order.lines().size(); i++) {
            Order.Line l = order.lines().get(i);
            PriceBreakdown.Line priced = pricing == null ? null : pricing.lines().get(i);
            lines.add(new Line(l.sku(), l.productId(), l.name(), l.quantity(), l.unitPrice(), l.lineTotal(),
                    priced == null ? null : new Money(priced.discountAllocated(), c), priced == null ? null : new Money(priced.tax(), c),
                    priced == null ? null : priced.taxClass().wireName()));
        }
        return List.copyOf(lines);
    }

    private static Shipping shipping(Order order) {
        PriceBreakdown.Shipping s = order.pricing() == null ? null : order.pricing().shipping();
        return s == null ? null : new Shipping(s.methodId(), s.name(), s.carrier(), new Money(s.amount(), order.currency()));
    }

    private static Tax tax(Order order) {
        if (order.pricing() == null) {
            return null;
        }
        String c = order.currency();
        PriceBreakdown.Tax tax = order.pricing().tax();
        return new Tax(new Money(tax.amount(), c), tax.included(), tax.breakdown().stream()
                .map(t -> new TaxLine(t.taxClass().wireName(), t.rate(), new Money(t.taxable(), c), new Money(t.amount(), c))).toList());
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Page(List<OrderView> items, @Nullable String nextCursor) {
    }
}
