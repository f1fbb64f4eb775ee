package dev.storefront.desk;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.storefront.domain.Money;
import dev.storefront.domain.order.Order;
import dev.storefront.domain.order.OrderTimeline;
import dev.storefront.domain.order.ShippingAddress;
import dev.storefront.orderstore.OrderRepository;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** One order as the desk shows it: what the shopper sees, who it is, and its timeline (oldest first). */
@Serdeable
record OrderDetail(String orderId, String status, String email, @Nullable String customerId, Address shippingAddress,
                   List<Line> lines, String currency, Money subtotal, Money discount, Money total, Payment payment,
                   Fulfilment fulfilment, String createdAt, long ignoredUpdates,
                   @JsonInclude(JsonInclude.Include.ALWAYS) List<Entry> timeline) {

    @Serdeable
    record Address(String name, String line1, @Nullable String line2, String city, @Nullable String region, String postalCode, String country) {
        static Address of(ShippingAddress a) {
            return new Address(a.name(), a.line1(), a.line2(), a.city(), a.region(), a.postalCode(), a.country());
        }
    }

    @Serdeable
    record Line(String sku, String productId, String name, int quantity, Money unitPrice, Money lineTotal) {
    }

    @Serdeable
    record Payment(String status, @Nullable String paymentId, @Nullable String declineCode) {
    }

    @Serdeable
    record Fulfilment(@Nullable String carrier, @Nullable String trackingNumber, @Nullable String reason) {
    }

    @Serdeable
    record Entry(String at, String kind, String actor, String summary, @Nullable String detail) {
        static Entry of(OrderTimeline.Entry e) {
            return new Entry(e.at().toString(), e.kind().name(), e.actor(), e.summary(), e.detail());
        }
    }

    static OrderDetail of(OrderDesk.Story story) {
        OrderRepository.OrderFile file = story.file();
        Order o = file.order();
        return new OrderDetail(o.orderId(), o.status().name(), o.email(), o.customerId(), Address.of(o.shippingAddress()),
                o.lines().stream().map(l -> new Line(l.sku(), l.productId(), l.name(), l.quantity(), l.unitPrice(), l.lineTotal())).toList(),
                o.currency(), new Money(o.subtotal(), o.currency()), new Money(o.discount(), o.currency()), o.totalMoney(),
                new Payment(o.payment().status().name(), o.payment().authorizationId(), o.payment().declineCode()),
                new Fulfilment(o.fulfilment().carrier(), o.fulfilment().trackingNumber(), o.fulfilment().reason()),
                o.createdAt().toString(), file.marks().ignoredUpdates(), story.timeline().stream().map(Entry::of).toList());
    }
}
