package dev.storefront.events;

import dev.storefront.domain.EventIds;
import dev.storefront.domain.order.Order;
import dev.storefront.domain.order.OrderRefund;
import dev.storefront.domain.order.Return;
import dev.storefront.domain.pricing.Refund;
import dev.storefront.testsupport.EventSchemas;
import dev.storefront.testsupport.QueueInbox;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.storefront.events.OrderEventsRelayTest.invoke;
import static dev.storefront.events.OrderEventsRelayTest.only;
import static dev.storefront.events.OrderItems.moved;
import static dev.storefront.events.OrderItems.payment;
import static org.assertj.core.api.Assertions.assertThat;

/** Returns and refunds on the Orders stream become their order events, once each, through the relay's real handler. */
class AfterSaleEventsTest {

    static final String RETURN_ID = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
    static final String REFUND_ID = "9f8e7d6c5b4a39281706f5e4d3c2b1a0";

    @org.junit.jupiter.api.BeforeAll
    static void start() {
        if (OrderEventsRelayTest.relay == null) {
            OrderEventsRelayTest.start();
        }
    }

    static Map<String, AttributeValue> with(Map<String, AttributeValue> image, List<Return> returns, List<OrderRefund> refunds) {
        Order o = dev.storefront.orderstore.OrderItems.fromItem(image);
        return dev.storefront.orderstore.OrderItems.toItem(new Order(o.orderId(), o.customerId(), o.cartId(), o.status(), o.email(), o.shippingAddress(),
                o.lines(), o.currency(), o.subtotal(), o.discount(), o.total(), o.discountCode(), o.payment(), o.fulfilment(), o.history(),
                o.createdAt(), o.pricing(), returns, refunds));
    }

    @Test
    void a_return_requested_received_and_a_refund_that_failed_are_three_valid_events_and_a_replay_repeats_their_ids() {
        String orderId = OrderItems.newOrderId();
        Instant t = OrderItems.CREATED;
        Map<String, AttributeValue> placed = moved(OrderItems.pending(orderId), "PLACED", t.plusSeconds(2), Map.of("payment", payment("AUTHORIZED", "auth_1", null)));
        Map<String, AttributeValue> requested = moved(placed, "FULFILMENT_REQUESTED", t.plusSeconds(3), Map.of());
        Map<String, AttributeValue> accepted = moved(requested, "ACCEPTED", t.plusSeconds(4), Map.of());
        Map<String, AttributeValue> shipped = moved(accepted, "SHIPPED", t.plusSeconds(5), Map.of("payment", payment("CAPTURED", "auth_1", null)));
        Map<String, AttributeValue> delivered = moved(shipped, "DELIVERED", t.plusSeconds(6), Map.of());
        Order order = dev.storefront.orderstore.OrderItems.fromItem(delivered);
        String sku = order.lines().get(0).sku();
        Return asked = new Return(RETURN_ID, "RMA-" + orderId.substring(0, 8).toUpperCase() + "-1", Return.Status.REQUESTED,
                List.of(new Return.Line(sku, 1, "too small", null)), List.of(), new Refund(1250, 0), t.plusSeconds(60), null, null, null);
        Return received = asked.receivedAs(List.of(new Return.Line(sku, 1, null, Return.Condition.DAMAGED)), t.plusSeconds(120), "upd-1", REFUND_ID);
        OrderRefund pending = new OrderRefund(REFUND_ID, 1250, 0, "return", OrderRefund.Status.PENDING, RETURN_ID, t.plusSeconds(120), null, null);
        Map<String, AttributeValue> withReturn = with(delivered, List.of(asked), List.of());
        Map<String, AttributeValue> withReceipt = with(delivered, List.of(received), List.of(pending));
        Map<String, AttributeValue> failed = with(delivered, List.of(received),
                List.of(pending.settled(OrderRefund.Status.FAILED, t.plusSeconds(121), "processing_error: refund not taken")));
        String stream = OrderStream.event(OrderStream.modify(delivered, withReturn), OrderStream.modify(withReturn, withReceipt),
                OrderStream.modify(withReceipt, failed));

        assertThat(invoke(stream).path("batchItemFailures")).isEmpty();

        List<QueueInbox.Received> events = QueueInbox.orderEvents().ofOrder(orderId);
        assertThat(events).extracting(QueueInbox.Received::type).containsExactlyInAnyOrder("return.requested", "return.received", "refund.failed");
        events.forEach(e -> EventSchemas.assertValid(e.body()));
        QueueInbox.Received refundFailed = only(events, "refund.failed");
        assertThat(refundFailed.eventId()).isEqualTo(EventIds.of(orderId + ":refund.failed:" + REFUND_ID).toString());
        assertThat(refundFailed.event().at("/data/amount/amount").asLong()).isEqualTo(1250);
        assertThat(refundFailed.event().at("/data/failure").asText()).contains("processing_error");
        assertThat(refundFailed.event().path("occurredAt").asText()).isEqualTo(t.plusSeconds(121).toString());
        assertThat(only(events, "return.requested").event().at("/data/rma").asText()).isEqualTo(asked.rma());
        assertThat(only(events, "return.received").event().at("/data/lines/0/condition").asText()).isEqualTo("DAMAGED");

        // A replayed batch publishes the same events again, with the same ids, for consumers to drop.
        assertThat(invoke(stream).path("batchItemFailures")).isEmpty();
        assertThat(QueueInbox.orderEvents().ofOrder(orderId)).extracting(QueueInbox.Received::eventId)
                .containsOnly(events.stream().map(QueueInbox.Received::eventId).toArray(String[]::new));
    }
}
