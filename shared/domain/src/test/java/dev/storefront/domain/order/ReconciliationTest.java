package dev.storefront.domain.order;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ReconciliationTest {

    static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    static final Reconciliation.Limits LIMITS = Reconciliation.Limits.withHold(Duration.ofMinutes(15));

    @Test
    void an_order_past_the_time_its_status_allows_is_stuck_and_one_within_it_is_not() {
        assertThat(Reconciliation.stuck("o-1", OrderStatus.PENDING_PAYMENT, NOW.minusSeconds(16 * 60), NOW, LIMITS))
                .hasValueSatisfying(f -> assertThat(f.kind()).isEqualTo(Reconciliation.Kind.ORDER_STUCK));
        assertThat(Reconciliation.stuck("o-1", OrderStatus.PENDING_PAYMENT, NOW.minusSeconds(14 * 60), NOW, LIMITS)).isEmpty();
        assertThat(Reconciliation.stuck("o-2", OrderStatus.PLACED, NOW.minusSeconds(6 * 60), NOW, LIMITS)).isPresent();
        assertThat(Reconciliation.stuck("o-2", OrderStatus.PLACED, NOW.minusSeconds(4 * 60), NOW, LIMITS)).isEmpty();
        assertThat(Reconciliation.stuck("o-3", OrderStatus.SHIPPED, NOW.minus(Duration.ofDays(31)), NOW, LIMITS)).isPresent();
        assertThat(Reconciliation.stuck("o-3", OrderStatus.SHIPPED, NOW.minus(Duration.ofDays(29)), NOW, LIMITS)).isEmpty();
        assertThat(Reconciliation.stuck("o-4", OrderStatus.DELIVERED, NOW.minus(Duration.ofDays(400)), NOW, LIMITS)).isEmpty();
    }

    @Test
    void a_drift_names_the_sku_and_shard_and_agreement_is_no_finding() {
        assertThat(Reconciliation.stockDrift("GEL", 2, 5, 4)).hasValueSatisfying(f -> {
            assertThat(f.kind()).isEqualTo(Reconciliation.Kind.STOCK_DRIFT);
            assertThat(f.sku()).isEqualTo("GEL");
            assertThat(f.detail()).contains("shard 2").contains("4").contains("5");
        });
        assertThat(Reconciliation.stockDrift("GEL", 0, 5, 5)).isEmpty();
    }

    @Test
    void an_orphaned_payment_is_a_payment_mismatch() {
        Reconciliation.Finding finding = Reconciliation.orphanedPayment("pay_1", "o-9");
        assertThat(finding.kind()).isEqualTo(Reconciliation.Kind.PAYMENT_MISMATCH);
        assertThat(finding.detail()).contains("pay_1");
    }

    @Test
    void a_payment_held_at_the_processor_agrees_only_with_an_order_that_holds_it_until_shipment() {
        Order placed = OrderMovesTest.placed(new Order.Payment(Order.PaymentStatus.AUTHORIZED, "auth_1", null));
        Order cancelled = placed.after(new Order.StatusChange(NOW, OrderStatus.PLACED, OrderStatus.CANCELLED, "e-1"),
                new Order.Payment(Order.PaymentStatus.VOIDED, "auth_1", null), placed.fulfilment());
        Order shipped = placed.after(new Order.StatusChange(NOW, OrderStatus.ACCEPTED, OrderStatus.SHIPPED, "e-2"),
                new Order.Payment(Order.PaymentStatus.CAPTURED, "auth_1", null), placed.fulfilment());

        assertThat(Reconciliation.heldPayment("auth_1", placed.orderId(), Optional.of(placed))).isEmpty();
        assertThat(Reconciliation.heldPayment("auth_1", "o-gone", Optional.empty()))
                .hasValueSatisfying(f -> assertThat(f).extracting(Reconciliation.Finding::kind, Reconciliation.Finding::orderId)
                        .containsExactly(Reconciliation.Kind.PAYMENT_MISMATCH, "o-gone"));
        assertThat(Reconciliation.heldPayment("auth_2", placed.orderId(), Optional.of(placed)))
                .hasValueSatisfying(f -> assertThat(f.detail()).contains("auth_2").contains("holds auth_1"));
        assertThat(Reconciliation.heldPayment("auth_1", cancelled.orderId(), Optional.of(cancelled)))
                .hasValueSatisfying(f -> assertThat(f.detail()).contains("CANCELLED").contains("VOIDED"));
        assertThat(Reconciliation.heldPayment("auth_1", shipped.orderId(), Optional.of(shipped)))
                .hasValueSatisfying(f -> assertThat(f.detail()).contains("SHIPPED").contains("CAPTURED"));
    }

    @Test
    void captured_without_shipment_and_shipped_without_capture_are_payment_mismatches() {
        Order placed = OrderMovesTest.placed(new Order.Payment(Order.PaymentStatus.AUTHORIZED, "auth_1", null));
        Order capturedEarly = OrderMovesTest.placed(new Order.Payment(Order.PaymentStatus.CAPTURED, "auth_2", null));
        Order shippedUnpaid = placed.after(new Order.StatusChange(NOW, OrderStatus.ACCEPTED, OrderStatus.SHIPPED, "e-1"), placed.payment(),
                placed.fulfilment());
        Order shippedPaid = shippedUnpaid.after(new Order.StatusChange(NOW, OrderStatus.SHIPPED, OrderStatus.DELIVERED, "e-2"),
                new Order.Payment(Order.PaymentStatus.CAPTURED, "auth_1", null), placed.fulfilment());

        assertThat(Reconciliation.paymentMismatch(capturedEarly)).hasValueSatisfying(f -> assertThat(f.detail()).contains("captured"));
        assertThat(Reconciliation.paymentMismatch(shippedUnpaid)).hasValueSatisfying(f -> assertThat(f.detail()).contains("AUTHORIZED"));
        assertThat(Reconciliation.paymentMismatch(placed)).isEmpty();
        assertThat(Reconciliation.paymentMismatch(shippedPaid)).isEmpty();
    }

    @Test
    void refunds_holding_more_than_was_captured_are_a_payment_mismatch() {
        Order placed = OrderMovesTest.placed(new Order.Payment(Order.PaymentStatus.AUTHORIZED, "auth_3", null));
        Order delivered = placed.after(new Order.StatusChange(NOW, OrderStatus.SHIPPED, OrderStatus.DELIVERED, "e-3"),
                new Order.Payment(Order.PaymentStatus.CAPTURED, "auth_3", null), placed.fulfilment());
        OrderRefund all = new OrderRefund("f-1", delivered.total(), 0, "goodwill", OrderRefund.Status.SUCCEEDED, null, NOW, NOW, null);
        OrderRefund more = new OrderRefund("f-2", 1, 0, "goodwill", OrderRefund.Status.PENDING, null, NOW, null, null);

        assertThat(Reconciliation.paymentMismatch(refunded(delivered, List.of(all)))).as("refunded the whole capture").isEmpty();
        assertThat(Reconciliation.paymentMismatch(refunded(delivered, List.of(all, more))))
                .hasValueSatisfying(f -> assertThat(f.detail()).contains("refunds hold " + (delivered.total() + 1)));
    }

    private static Order refunded(Order o, List<OrderRefund> refunds) {
        return new Order(o.orderId(), o.customerId(), o.cartId(), o.status(), o.email(), o.shippingAddress(), o.lines(), o.currency(),
                o.subtotal(), o.discount(), o.total(), o.discountCode(), o.payment(), o.fulfilment(), o.history(), o.createdAt(), o.pricing(),
                o.returns(), refunds);
    }
}
