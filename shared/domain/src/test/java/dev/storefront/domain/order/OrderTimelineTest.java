package dev.storefront.domain.order;

import dev.storefront.domain.Money;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The order desk's timeline: every kind of entry, in time order, with who did it. */
class OrderTimelineTest {

    static final Instant T0 = Instant.parse("2026-11-20T09:00:00Z");

    /** An order's history along {@code path}, a minute a step; partner statuses carry the partner's event ids. */
    static Order order(String customerId, Order.Payment payment, Order.Fulfilment fulfilment, OrderStatus... path) {
        String id = OrderId.random();
        List<Order.StatusChange> history = new ArrayList<>();
        OrderStatus from = null;
        for (int i = 0; i < path.length; i++) {
            OrderStatus to = path[i];
            boolean partner = to == OrderStatus.ACCEPTED || to == OrderStatus.SHIPPED || to == OrderStatus.REJECTED || to == OrderStatus.DELIVERED;
            history.add(new Order.StatusChange(T0.plusSeconds(60L * i), from, to, partner ? "partner-" + to : Order.changeId(id, to)));
            from = to;
        }
        return new Order(id, customerId, "c0ffee00c0ffee00c0ffee00c0ffee00", path[path.length - 1], "ada@example.com",
                new ShippingAddress("Ada", "1 Main St", null, "Berlin", null, "10115", "DE"),
                List.of(new Order.Line("SKU-1", "p", "P", 2, new Money(500, "EUR"), new Money(1000, "EUR"))),
                "EUR", 1000, 0, 1000, null, payment, fulfilment, history, T0, null);
    }

    @Test
    void a_shipped_order_tells_its_moves_payments_partner_messages_notes_and_admin_actions_in_time_order() {
        Order order = order("ada", new Order.Payment(Order.PaymentStatus.CAPTURED, "pi_1", null), new Order.Fulfilment("DHL", "JD0001", null),
                OrderStatus.PENDING_PAYMENT, OrderStatus.PLACED, OrderStatus.FULFILMENT_REQUESTED, OrderStatus.ACCEPTED, OrderStatus.SHIPPED);
        OrderNote note = new OrderNote(T0.plusSeconds(150), "ops-1", "customer called: <script>alert(1)</script>");
        OrderTimeline.AdminAction resend = new OrderTimeline.AdminAction(T0.plusSeconds(170), "ops-2", "POST /admin/orders/{orderId}/fulfilment/resend");

        List<OrderTimeline.Entry> timeline = OrderTimeline.assemble(new OrderTimeline.Facts(order,
                Set.of(PartnerMessages.eventId(order.orderId(), PartnerMessages.REQUESTED)), null, List.of(note), List.of(resend)));

        assertThat(timeline).extracting(OrderTimeline.Entry::kind, OrderTimeline.Entry::actor, OrderTimeline.Entry::summary).containsExactly(
                org.assertj.core.groups.Tuple.tuple(OrderTimeline.Kind.STATUS, "ada", "PENDING_PAYMENT"),
                org.assertj.core.groups.Tuple.tuple(OrderTimeline.Kind.STATUS, "payment", "PENDING_PAYMENT → PLACED"),
                org.assertj.core.groups.Tuple.tuple(OrderTimeline.Kind.PAYMENT, "payment", "payment authorized"),
                org.assertj.core.groups.Tuple.tuple(OrderTimeline.Kind.STATUS, "system", "PLACED → FULFILMENT_REQUESTED"),
                org.assertj.core.groups.Tuple.tuple(OrderTimeline.Kind.PARTNER, "system", "fulfilment request sent to the partner"),
                org.assertj.core.groups.Tuple.tuple(OrderTimeline.Kind.NOTE, "ops-1", "note"),
                org.assertj.core.groups.Tuple.tuple(OrderTimeline.Kind.ADMIN, "ops-2", "POST /admin/orders/{orderId}/fulfilment/resend"),
                org.assertj.core.groups.Tuple.tuple(OrderTimeline.Kind.STATUS, "partner", "FULFILMENT_REQUESTED → ACCEPTED"),
                org.assertj.core.groups.Tuple.tuple(OrderTimeline.Kind.STATUS, "partner", "ACCEPTED → SHIPPED"),
                org.assertj.core.groups.Tuple.tuple(OrderTimeline.Kind.PAYMENT, "payment", "payment captured"));
        assertThat(timeline.get(5).detail()).as("a note's text as written").isEqualTo(note.text());
        assertThat(timeline.get(8).detail()).isEqualTo("DHL JD0001 (event partner-SHIPPED)");
        assertThat(timeline.get(4).detail()).contains(PartnerMessages.REQUESTED, PartnerMessages.eventId(order.orderId(), PartnerMessages.REQUESTED));
        assertThat(timeline).extracting(OrderTimeline.Entry::at).isSorted();
    }

    @Test
    void an_admin_cancel_names_the_admin_says_the_partner_was_told_and_that_the_void_is_still_owed() {
        Order order = order(null, new Order.Payment(Order.PaymentStatus.VOIDED, "pi_2", null), Order.Fulfilment.NONE,
                OrderStatus.PENDING_PAYMENT, OrderStatus.PLACED, OrderStatus.FULFILMENT_REQUESTED, OrderStatus.ACCEPTED, OrderStatus.CANCELLED);
        Instant cancelledAt = order.reached(OrderStatus.CANCELLED).orElseThrow().at();

        List<OrderTimeline.Entry> timeline = OrderTimeline.assemble(new OrderTimeline.Facts(order,
                Set.of(PartnerMessages.eventId(order.orderId(), PartnerMessages.CANCEL_REQUESTED)), PaymentAction.VOID, List.of(),
                List.of(new OrderTimeline.AdminAction(cancelledAt, "ops-3", "POST /admin/orders/{orderId}/cancel"))));

        assertThat(timeline.get(0).actor()).as("a guest order").isEqualTo("guest");
        assertThat(timeline).filteredOn(e -> e.at().equals(cancelledAt)).extracting(OrderTimeline.Entry::kind, OrderTimeline.Entry::actor, OrderTimeline.Entry::summary)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(OrderTimeline.Kind.STATUS, "ops-3", "ACCEPTED → CANCELLED"),
                        org.assertj.core.groups.Tuple.tuple(OrderTimeline.Kind.PAYMENT, "payment", "void owed: the processor has not confirmed it yet"),
                        org.assertj.core.groups.Tuple.tuple(OrderTimeline.Kind.PARTNER, "system", "cancellation sent to the partner"),
                        org.assertj.core.groups.Tuple.tuple(OrderTimeline.Kind.ADMIN, "ops-3", "POST /admin/orders/{orderId}/cancel"));
        assertThat(timeline).noneMatch(e -> e.summary().equals("fulfilment request sent to the partner"))
                .as("a message not noted as sent is not shown");
    }

    @Test
    void a_rejected_order_says_why_and_a_failed_payment_its_decline_code() {
        Order rejected = order("bo", new Order.Payment(Order.PaymentStatus.VOIDED, "pi_3", null), new Order.Fulfilment(null, null, "out of stock"),
                OrderStatus.PENDING_PAYMENT, OrderStatus.PLACED, OrderStatus.FULFILMENT_REQUESTED, OrderStatus.REJECTED);
        Order failed = order("bo", new Order.Payment(Order.PaymentStatus.FAILED, null, "card_declined"), Order.Fulfilment.NONE,
                OrderStatus.PENDING_PAYMENT, OrderStatus.PAYMENT_FAILED);

        List<OrderTimeline.Entry> one = OrderTimeline.assemble(new OrderTimeline.Facts(rejected, Set.of(), null, List.of(), List.of()));
        List<OrderTimeline.Entry> two = OrderTimeline.assemble(new OrderTimeline.Facts(failed, Set.of(), null, List.of(), List.of()));

        assertThat(one).filteredOn(e -> e.summary().endsWith("REJECTED")).singleElement()
                .satisfies(e -> assertThat(e.detail()).startsWith("out of stock")).satisfies(e -> assertThat(e.actor()).isEqualTo("partner"));
        assertThat(one).extracting(OrderTimeline.Entry::summary).contains("authorization voided");
        assertThat(two).filteredOn(e -> e.kind() == OrderTimeline.Kind.STATUS && e.summary().endsWith("PAYMENT_FAILED")).singleElement()
                .satisfies(e -> assertThat(e.detail()).startsWith("card_declined"));
        assertThat(two).extracting(OrderTimeline.Entry::summary).contains("payment failed").doesNotContain("authorization voided");
    }

    @Test
    void a_return_and_its_refund_are_on_the_timeline_when_they_happened() {
        Order delivered = order("ada", new Order.Payment(Order.PaymentStatus.CAPTURED, "pi_2", null), new Order.Fulfilment("DHL", "JD0002", null),
                OrderStatus.PENDING_PAYMENT, OrderStatus.PLACED, OrderStatus.FULFILMENT_REQUESTED, OrderStatus.ACCEPTED, OrderStatus.SHIPPED,
                OrderStatus.DELIVERED);
        Return back = new Return("r1", "RMA-0001", Return.Status.REFUNDED, List.of(new Return.Line("SKU-1", 1, "too small", null)),
                List.of(new Return.Line("SKU-1", 1, null, Return.Condition.RESELLABLE)), new dev.storefront.domain.pricing.Refund(500, 80),
                T0.plusSeconds(600), T0.plusSeconds(900), "partner-received", "f1");
        OrderRefund refund = new OrderRefund("f1", 500, 80, "return RMA-0001", OrderRefund.Status.SUCCEEDED, "r1", T0.plusSeconds(900),
                T0.plusSeconds(901), null);
        Order order = new Order(delivered.orderId(), delivered.customerId(), delivered.cartId(), delivered.status(), delivered.email(),
                delivered.shippingAddress(), delivered.lines(), delivered.currency(), delivered.subtotal(), delivered.discount(), delivered.total(),
                delivered.discountCode(), delivered.payment(), delivered.fulfilment(), delivered.history(), delivered.createdAt(), null,
                List.of(back), List.of(refund));

        List<OrderTimeline.Entry> entries = OrderTimeline.assemble(new OrderTimeline.Facts(order, Set.of(), null, List.of(), List.of()));

        List<OrderTimeline.Entry> afterSale = entries.stream().filter(e -> e.kind() == OrderTimeline.Kind.RETURN || e.kind() == OrderTimeline.Kind.REFUND).toList();
        assertThat(afterSale).extracting(OrderTimeline.Entry::summary)
                .containsExactly("return RMA-0001 requested", "return RMA-0001 received", "refund f1 asked", "refund f1 succeeded");
        assertThat(afterSale.get(0).actor()).isEqualTo("ada");
        assertThat(afterSale.get(1).detail()).isEqualTo("1 × SKU-1 resellable (event partner-received)");
        assertThat(afterSale.get(2).detail()).isEqualTo("5.00 EUR: return RMA-0001");
        assertThat(entries).isSortedAccordingTo(java.util.Comparator.comparing(OrderTimeline.Entry::at));
    }

    @Test
    void an_open_finding_joins_the_timeline_at_its_runs_time_as_the_reconcilers() {
        Order placed = order("ada", new Order.Payment(Order.PaymentStatus.AUTHORIZED, "pi_4", null), Order.Fulfilment.NONE,
                OrderStatus.PENDING_PAYMENT, OrderStatus.PLACED);
        List<OrderTimeline.Entry> timeline = OrderTimeline.assemble(new OrderTimeline.Facts(placed, Set.of(), null,
                List.of(new OrderNote(T0.plusSeconds(900), "ops-1", "later than the run")), List.of()));
        Reconciliation.Finding stuck = Reconciliation.stuck(placed.orderId(), OrderStatus.PLACED, T0.plusSeconds(60), T0.plusSeconds(600),
                Reconciliation.Limits.withHold(java.time.Duration.ofMinutes(15))).orElseThrow();

        List<OrderTimeline.Entry> withFinding = OrderTimeline.withFindings(timeline, T0.plusSeconds(600), List.of(stuck));

        assertThat(withFinding).hasSize(timeline.size() + 1);
        assertThat(withFinding.get(withFinding.size() - 2)).satisfies(e -> {
            assertThat(e.kind()).isEqualTo(OrderTimeline.Kind.RECONCILIATION);
            assertThat(e.actor()).isEqualTo("reconciler");
            assertThat(e.summary()).isEqualTo("ORDER_STUCK");
            assertThat(e.detail()).isEqualTo(stuck.detail());
        });
        assertThat(withFinding.get(withFinding.size() - 1).kind()).as("the note after the run stays after it").isEqualTo(OrderTimeline.Kind.NOTE);
    }
}
