package dev.storefront.domain.order;

import dev.storefront.domain.Money;
import dev.storefront.domain.Problem;
import dev.storefront.domain.ProblemCode;
import dev.storefront.domain.pricing.PriceBreakdown;
import dev.storefront.domain.pricing.PricingLine;
import dev.storefront.domain.pricing.Refund;
import dev.storefront.domain.pricing.ShippingMethod;
import dev.storefront.domain.pricing.ShippingRate;
import dev.storefront.domain.pricing.TaxClass;
import dev.storefront.domain.pricing.TaxRates;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReturnsTest {

    static final Instant DELIVERED_AT = Instant.parse("2026-11-02T09:00:00Z");
    static final Duration WINDOW = Duration.ofDays(30);

    /**
     * A DE order, delivered: 2 x T-shirt at 29.99 (19 %) and 1 x book at 24.90 (7 %), 8.49 off
     * (allocated 6.00 / 2.49); shipping 4.90, free from {@code shippingOver} (the goods come to 76.37).
     */
    static Order delivered(long shippingOver) {
        PriceBreakdown pricing = PriceBreakdown.of(List.of(
                        new PricingLine("TSHIRT-M", 2, new Money(2999, "EUR"), 200, TaxClass.STANDARD),
                        new PricingLine("BOOK-1", 1, new Money(2490, "EUR"), 400, TaxClass.REDUCED)), 849,
                TaxRates.included("DE", 1900, 700),
                new ShippingMethod("standard", "Standard", "DHL", new ShippingMethod.DeliveryDays(2, 4), ShippingRate.flat("EUR", 490, shippingOver)));
        String id = OrderId.random();
        List<Order.StatusChange> history = new ArrayList<>();
        OrderStatus from = null;
        for (OrderStatus to : List.of(OrderStatus.PENDING_PAYMENT, OrderStatus.PLACED, OrderStatus.FULFILMENT_REQUESTED, OrderStatus.ACCEPTED,
                OrderStatus.SHIPPED, OrderStatus.DELIVERED)) {
            history.add(new Order.StatusChange(to == OrderStatus.DELIVERED ? DELIVERED_AT : DELIVERED_AT.minusSeconds(3600), from, to, Order.changeId(id, to)));
            from = to;
        }
        return new Order(id, "ada", "c0ffee00c0ffee00c0ffee00c0ffee00", OrderStatus.DELIVERED, "ada@example.com",
                new ShippingAddress("Ada", "1 Main St", null, "Berlin", null, "10115", "DE"),
                List.of(new Order.Line("TSHIRT-M", "tshirt", "T-shirt", 2, new Money(2999, "EUR"), new Money(5998, "EUR")),
                        new Order.Line("BOOK-1", "book", "Book", 1, new Money(2490, "EUR"), new Money(2490, "EUR"))),
                "EUR", pricing.subtotal(), pricing.discount(), pricing.total(), "WELCOME10",
                new Order.Payment(Order.PaymentStatus.CAPTURED, "auth_1", null), Order.Fulfilment.NONE, history, DELIVERED_AT.minusSeconds(7200), pricing);
    }

    static Order with(Order order, Return r, OrderRefund refund) {
        List<Return> returns = new ArrayList<>(order.returns());
        returns.removeIf(x -> x.returnId().equals(r.returnId()));
        returns.add(r);
        List<OrderRefund> refunds = new ArrayList<>(order.refunds());
        if (refund != null) {
            refunds.add(refund);
        }
        return new Order(order.orderId(), order.customerId(), order.cartId(), order.status(), order.email(), order.shippingAddress(), order.lines(),
                order.currency(), order.subtotal(), order.discount(), order.total(), order.discountCode(), order.payment(), order.fulfilment(),
                order.history(), order.createdAt(), order.pricing(), returns, refunds);
    }

    static Return.Line asked(String sku, int quantity) {
        return new Return.Line(sku, quantity, "too small", null);
    }

    @Test
    void a_returned_line_is_estimated_at_its_price_less_its_discount_share_with_its_vat() {
        Order order = delivered(5000L);

        Return r = Return.request(order, "ret1", List.of(asked("TSHIRT-M", 2)), DELIVERED_AT.plus(Duration.ofDays(3)), WINDOW);

        // 2 x 29.99 = 59.98 less its 6.00 share of the 8.49 discount = 53.98, VAT (19 % inside) 8.62
        assertThat(r.refundEstimate()).isEqualTo(new Refund(5398, 862));
        assertThat(r.status()).isEqualTo(Return.Status.REQUESTED);
        assertThat(r.rma()).isEqualTo("RMA-" + order.orderId().substring(0, 8).toUpperCase() + "-1");
    }

    @Test
    void the_last_units_back_bring_the_shipping_with_them() {
        Order order = delivered(100_000L);  // shipping charged: 4.90 with 0.78 VAT
        Return first = Return.request(order, "ret1", List.of(asked("TSHIRT-M", 1)), DELIVERED_AT, WINDOW);
        Order after = with(order, first, null);

        Return rest = Return.request(after, "ret2", List.of(asked("TSHIRT-M", 1), asked("BOOK-1", 1)), DELIVERED_AT, WINDOW);

        assertThat(first.refundEstimate()).isEqualTo(new Refund(2699, 431));
        assertThat(rest.refundEstimate()).isEqualTo(new Refund(2699 + 2241 + 490, 431 + 147 + 78));
        assertThat(first.refundEstimate().amount() + rest.refundEstimate().amount()).as("every cent back").isEqualTo(order.total());
    }

    @Test
    void returns_are_refused_before_delivery_after_the_window_above_the_units_and_for_other_skus() {
        Order order = delivered(5000L);
        Order shipped = new Order(order.orderId(), order.customerId(), order.cartId(), OrderStatus.SHIPPED, order.email(), order.shippingAddress(),
                order.lines(), order.currency(), order.subtotal(), order.discount(), order.total(), null, order.payment(), order.fulfilment(),
                order.history().subList(0, 5), order.createdAt(), order.pricing());
        Order partly = with(order, Return.request(order, "ret1", List.of(asked("TSHIRT-M", 1)), DELIVERED_AT, WINDOW), null);

        assertThat(code(() -> Return.request(shipped, "r", List.of(asked("BOOK-1", 1)), DELIVERED_AT, WINDOW))).isEqualTo(ProblemCode.ORDER_NOT_RETURNABLE);
        assertThat(code(() -> Return.request(order, "r", List.of(asked("BOOK-1", 1)), DELIVERED_AT.plus(WINDOW).plusSeconds(1), WINDOW)))
                .isEqualTo(ProblemCode.RETURN_WINDOW_CLOSED);
        assertThat(code(() -> Return.request(order, "r", List.of(asked("BOOK-1", 1)), DELIVERED_AT.plus(WINDOW), WINDOW))).as("the last instant").isNull();
        assertThat(code(() -> Return.request(partly, "r", List.of(asked("TSHIRT-M", 2)), DELIVERED_AT, WINDOW))).isEqualTo(ProblemCode.RETURN_QUANTITY_EXCEEDED);
        assertThat(code(() -> Return.request(order, "r", List.of(asked("SOCKS", 1)), DELIVERED_AT, WINDOW))).isEqualTo(ProblemCode.SKU_NOT_IN_ORDER);
        assertThat(code(() -> Return.request(order, "r", List.of(asked("BOOK-1", 1), asked("BOOK-1", 1)), DELIVERED_AT, WINDOW)))
                .isEqualTo(ProblemCode.VALIDATION_FAILED);
    }

    @Test
    void a_receipt_refunds_the_units_received_and_puts_back_only_the_resellable_ones() {
        Order order = delivered(5000L);
        Return asked = Return.request(order, "ret1", List.of(asked("TSHIRT-M", 2), asked("BOOK-1", 1)), DELIVERED_AT, WINDOW);
        Order requested = with(order, asked, null);
        List<Return.Line> received = List.of(new Return.Line("TSHIRT-M", 1, null, Return.Condition.RESELLABLE),
                new Return.Line("TSHIRT-M", 1, null, Return.Condition.DAMAGED), new Return.Line("BOOK-1", 1, null, Return.Condition.RESELLABLE));

        Refund refund = asked.refundFor(requested, received);

        assertThat(refund).isEqualTo(new Refund(order.total(), order.taxAmount()));
        assertThat(asked.receivedAs(received, DELIVERED_AT, "ev", "rf").resellable()).extracting(Return.Line::sku, Return.Line::quantity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("TSHIRT-M", 1), org.assertj.core.groups.Tuple.tuple("BOOK-1", 1));
        assertThatThrownBy(() -> asked.refundFor(requested, List.of(new Return.Line("TSHIRT-M", 3, null, Return.Condition.DAMAGED))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refunds_never_hold_more_than_was_captured_and_a_failed_one_frees_its_amount() {
        Order order = delivered(5000L);
        OrderRefund most = OrderRefund.goodwill(order, "rf1", order.total() - 100, "late", DELIVERED_AT);
        Order held = with(order, Return.request(order, "ret1", List.of(asked("BOOK-1", 1)), DELIVERED_AT, WINDOW), most);

        assertThat(held.refundable()).isEqualTo(100);
        assertThat(code(() -> OrderRefund.goodwill(held, "rf2", 101, "more", DELIVERED_AT))).isEqualTo(ProblemCode.REFUND_EXCEEDS_CAPTURED);
        assertThat(code(() -> OrderRefund.goodwill(held, "rf2", 0, "none", DELIVERED_AT))).isEqualTo(ProblemCode.VALIDATION_FAILED);
        Order failed = new Order(held.orderId(), held.customerId(), held.cartId(), held.status(), held.email(), held.shippingAddress(), held.lines(),
                held.currency(), held.subtotal(), held.discount(), held.total(), null, held.payment(), held.fulfilment(), held.history(),
                held.createdAt(), held.pricing(), held.returns(), List.of(most.settled(OrderRefund.Status.FAILED, DELIVERED_AT, "processor")));
        assertThat(failed.refundable()).isEqualTo(order.total());
        assertThat(failed.refundedAmount()).isZero();
        // goodwill carries the order's tax in proportion: 10.00 of 60.39 with 9.38 VAT in it is 1.55
        assertThat(OrderRefund.goodwill(order, "rf3", 1000, "sorry", DELIVERED_AT).tax()).isEqualTo(Math.round(order.taxAmount() * 1000.0 / order.total()));
    }

    private static ProblemCode code(Runnable call) {
        try {
            call.run();
            return null;
        } catch (Problem p) {
            return p.code();
        }
    }
}
