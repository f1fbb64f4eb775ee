package dev.storefront.checkout;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.storefront.domain.Money;
import dev.storefront.domain.order.Order;
import dev.storefront.domain.order.ShippingAddress;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** An order as its buyer sees it. The payment token is never stored, so it can never be shown. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
record OrderView(String orderId, String status, String email, Address shippingAddress, List<Line> lines, String currency,
                 Money subtotal, Money discount, Money total, @Nullable String discountCode, Payment payment,
                 Fulfilment fulfilment, List<Change> history, String createdAt) {

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Address(String name, String line1, @Nullable String line2, String city, @Nullable String region, String postalCode, String country) {
    }

    @Serdeable
    record Line(String sku, String productId, String name, int quantity, Money unitPrice, Money lineTotal) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Payment(String status, @Nullable String declineCode, @Nullable String paymentId, @Nullable NextAction nextAction) {

        /** Where the shopper confirms a payment that waits for the bank (3-D Secure). */
        @Serdeable
        record NextAction(String type, String url) {
        }

        static Payment of(Order.Payment p) {
            boolean waiting = p.status() == Order.PaymentStatus.REQUIRES_ACTION && p.nextActionUrl() != null;
            return new Payment(p.status().name(), p.declineCode(), p.authorizationId(), waiting ? new NextAction("redirect", p.nextActionUrl()) : null);
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
                order.lines().stream().map(l -> new Line(l.sku(), l.productId(), l.name(), l.quantity(), l.unitPrice(), l.lineTotal())).toList(),
                c, new Money(order.subtotal(), c), new Money(order.discount(), c), new Money(order.total(), c), order.discountCode(),
                Payment.of(order.payment()),
                new Fulfilment(order.fulfilment().carrier(), order.fulfilment().trackingNumber()),
                order.history().stream().map(h -> new Change(h.at().toString(), h.from() == null ? null : h.from().name(), h.to().name(), h.eventId())).toList(),
                order.createdAt().toString());
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Page(List<OrderView> items, @Nullable String nextCursor) {
    }
}
