package dev.storefront.domain.order;

import dev.storefront.domain.Money;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OrderMovesTest {

    static final Instant CREATED = Instant.parse("2025-03-01T10:15:30.123Z");

    static Order placed(Order.Payment payment) {
        String id = OrderId.random();
        return new Order(id, "ada", "c0ffee00c0ffee00c0ffee00c0ffee00", OrderStatus.PLACED, "ada@example.com",
                new ShippingAddress("Ada", "1 Main St", null, "Berlin", null, "10115", "DE"),
                List.of(new Order.Line("SKU-1", "p", "P", 2, new Money(500, "EUR"), new Money(1000, "EUR"))),
                "EUR", 1000, 0, 1000, null, payment, Order.Fulfilment.NONE,
                List.of(new Order.StatusChange(CREATED, null, OrderStatus.PENDING_PAYMENT, Order.changeId(id, OrderStatus.PENDING_PAYMENT)),
                        new Order.StatusChange(CREATED.plusSeconds(2), OrderStatus.PENDING_PAYMENT, OrderStatus.PLACED, Order.changeId(id, OrderStatus.PLACED))),
                CREATED, null);
    }

    @Test
    void an_orders_own_change_is_named_by_its_id_and_the_status_it_reaches() {
        Order order = placed(new Order.Payment(Order.PaymentStatus.AUTHORIZED, "auth_1", null));
        Instant at = CREATED.plusSeconds(60);

        Order.StatusChange cancel = order.changeTo(OrderStatus.CANCELLED, at);

        assertThat(cancel).isEqualTo(new Order.StatusChange(at, OrderStatus.PLACED, OrderStatus.CANCELLED, order.orderId() + ":CANCELLED"));
        Order cancelled = order.after(cancel, order.payment(), order.fulfilment());
        assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(cancelled.reached(OrderStatus.CANCELLED)).contains(cancel);
        assertThat(cancelled.history()).hasSize(3);
    }

    @Test
    void an_authorized_order_owes_a_capture_when_shipped_and_a_void_when_it_will_not_ship() {
        Order authorized = placed(new Order.Payment(Order.PaymentStatus.AUTHORIZED, "auth_1", null));

        assertThat(PaymentAction.owedBy(authorized, OrderStatus.SHIPPED)).contains(PaymentAction.CAPTURE);
        assertThat(PaymentAction.owedBy(authorized, OrderStatus.REJECTED)).contains(PaymentAction.VOID);
        assertThat(PaymentAction.owedBy(authorized, OrderStatus.CANCELLED)).contains(PaymentAction.VOID);
        assertThat(PaymentAction.owedBy(authorized, OrderStatus.ACCEPTED)).isEmpty();
        assertThat(PaymentAction.owedBy(placed(Order.Payment.NONE), OrderStatus.CANCELLED)).as("no authorization, nothing to void").isEmpty();
        assertThat(PaymentAction.VOID.paymentAfter(authorized.payment()))
                .isEqualTo(new Order.Payment(Order.PaymentStatus.VOIDED, "auth_1", null));
        assertThat(PaymentAction.CAPTURE.keyFor(authorized.orderId())).isEqualTo("order:" + authorized.orderId() + ":capture");
        assertThat(PaymentAction.ofStored(PaymentAction.VOID.stored())).isEqualTo(PaymentAction.VOID);
    }

    @Test
    void order_ids_are_128_random_bits_in_lower_case_hex() {
        String id = OrderId.random();

        assertThat(OrderId.isValid(id)).isTrue();
        assertThat(id).hasSize(32).isNotEqualTo(OrderId.random());
        assertThat(OrderId.isValid(id.toUpperCase())).isFalse();
        assertThat(OrderId.isValid("not-an-order")).isFalse();
        assertThat(OrderId.isValid(null)).isFalse();
    }
}
