package dev.storefront.domain.order;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An order's whole story as one list ordered by time, assembled from what is stored: its status
 * history, the payment calls its moves made or still owe, the messages sent to the partner, the
 * operators' notes and their actions from the audit log, the returns and the refunds. Nothing here is stored twice: a payment
 * call has no time of its own and is shown at the move that made it.
 */
public final class OrderTimeline {

    /** What an entry is about. */
    public enum Kind { STATUS, PAYMENT, PARTNER, NOTE, ADMIN, RETURN, REFUND, RECONCILIATION }

    public static final String PARTNER = "partner";
    public static final String PAYMENT_PROCESSOR = "payment";
    public static final String SYSTEM = "system";
    public static final String GUEST = "guest";
    public static final String RECONCILER = "reconciler";

    /** One entry: {@code summary} in a line, {@code detail} the rest (null when there is none). */
    public record Entry(Instant at, Kind kind, String actor, String summary, String detail) {
    }

    /** An operator's write on the order, from the audit log: when, who, which route. */
    public record AdminAction(Instant at, String actor, String action) {
    }

    /**
     * What the timeline is assembled from.
     *
     * @param sentMessages event ids of the messages sent to the partner for the order
     * @param owed         the payment call a move left owed and the processor has not confirmed, or null
     */
    public record Facts(Order order, Set<String> sentMessages, PaymentAction owed, List<OrderNote> notes, List<AdminAction> adminActions) {
        public Facts {
            sentMessages = Set.copyOf(sentMessages);
            notes = List.copyOf(notes);
            adminActions = List.copyOf(adminActions);
        }
    }

    static final String CANCEL_ROUTE = "POST /admin/orders/{orderId}/cancel";

    private OrderTimeline() {
    }

    public static List<Entry> assemble(Facts facts) {
        List<Entry> entries = new ArrayList<>();
        Order order = facts.order();
        for (Order.StatusChange change : order.history()) {
            entries.add(new Entry(change.at(), Kind.STATUS, mover(facts, change), (change.from() == null ? "" : change.from() + " → ") + change.to(),
                    statusDetail(order, change)));
            payment(facts, change).ifPresent(entries::add);
        }
        partnerMessage(facts, PartnerMessages.REQUESTED, OrderStatus.FULFILMENT_REQUESTED, "fulfilment request sent to the partner").ifPresent(entries::add);
        partnerMessage(facts, PartnerMessages.CANCEL_REQUESTED, OrderStatus.CANCELLED, "cancellation sent to the partner").ifPresent(entries::add);
        facts.notes().forEach(n -> entries.add(new Entry(n.at(), Kind.NOTE, n.actor(), "note", n.text())));
        facts.adminActions().forEach(a -> entries.add(new Entry(a.at(), Kind.ADMIN, a.actor(), a.action(), null)));
        for (Return r : order.returns()) {
            entries.add(new Entry(r.requestedAt(), Kind.RETURN, order.customerId() == null ? GUEST : order.customerId(),
                    "return " + r.rma() + " requested", units(r.lines())));
            if (r.receivedAt() != null) {
                entries.add(new Entry(r.receivedAt(), Kind.RETURN, PARTNER, "return " + r.rma() + " received",
                        units(r.received()) + (r.receivedEventId() == null ? "" : " (event " + r.receivedEventId() + ")")));
            }
        }
        for (OrderRefund refund : order.refunds()) {
            String amount = java.math.BigDecimal.valueOf(refund.amount(), java.util.Currency.getInstance(order.currency()).getDefaultFractionDigits())
                    .toPlainString() + " " + order.currency() + (refund.reason() == null ? "" : ": " + refund.reason());
            entries.add(new Entry(refund.createdAt(), Kind.REFUND, PAYMENT_PROCESSOR, "refund " + refund.refundId() + " asked", amount));
            if (refund.settledAt() != null) {
                entries.add(new Entry(refund.settledAt(), Kind.REFUND, PAYMENT_PROCESSOR, "refund " + refund.refundId() + " "
                        + refund.status().name().toLowerCase(), refund.failure()));
            }
        }
        // A stable sort: at one instant a move comes before the payment call and the message it caused.
        entries.sort(Comparator.comparing(Entry::at));
        return List.copyOf(entries);
    }

    private static String units(List<Return.Line> lines) {
        return String.join(", ", lines.stream().map(l -> l.quantity() + " × " + l.sku()
                + (l.condition() == null ? "" : " " + l.condition().name().toLowerCase())).toList());
    }

    /**
     * The timeline with the reconciler's open findings on the order (its last run's, checked at
     * {@code checkedAt}) in their place by time: findings are not the order's own, and change every run.
     */
    public static List<Entry> withFindings(List<Entry> timeline, Instant checkedAt, List<Reconciliation.Finding> findings) {
        List<Entry> entries = new ArrayList<>(timeline);
        findings.forEach(f -> entries.add(new Entry(checkedAt, Kind.RECONCILIATION, RECONCILER, f.kind().name(), f.detail())));
        entries.sort(Comparator.comparing(Entry::at));
        return List.copyOf(entries);
    }

    /** Who moved the order: the partner's updates name their own event ids; the shop's moves are named by {@link Order#changeId}. */
    private static String mover(Facts facts, Order.StatusChange change) {
        Order order = facts.order();
        boolean shopsOwn = Order.changeId(order.orderId(), change.to()).equals(change.eventId());
        return switch (change.to()) {
            case PENDING_PAYMENT -> order.customerId() == null ? GUEST : order.customerId();
            case PLACED, PAYMENT_FAILED -> PAYMENT_PROCESSOR;
            case ACCEPTED, REJECTED, SHIPPED, DELIVERED -> shopsOwn ? SYSTEM : PARTNER;
            case CANCELLED -> facts.adminActions().stream().filter(a -> a.action().equals(CANCEL_ROUTE)).map(AdminAction::actor).findFirst()
                    .orElse(order.customerId() == null ? GUEST : order.customerId());
            default -> SYSTEM;
        };
    }

    private static String statusDetail(Order order, Order.StatusChange change) {
        Order.Fulfilment f = order.fulfilment();
        String detail = switch (change.to()) {
            case SHIPPED -> f.carrier() == null ? null : f.carrier() + " " + f.trackingNumber();
            case REJECTED -> f.reason();
            case PAYMENT_FAILED -> order.payment().declineCode();
            default -> null;
        };
        String event = change.eventId() == null ? null : "event " + change.eventId();
        return detail == null ? event : event == null ? detail : detail + " (" + event + ")";
    }

    /** The processor call a move made (or owes): authorized on placing, captured on shipment, voided when the order ends unshipped. */
    private static Optional<Entry> payment(Facts facts, Order.StatusChange change) {
        Order order = facts.order();
        String summary = switch (change.to()) {
            case PLACED -> "payment authorized";
            case PAYMENT_FAILED -> "payment failed";
            case SHIPPED -> owedOrDone(facts, PaymentAction.CAPTURE, Order.PaymentStatus.CAPTURED, "payment captured");
            case CANCELLED, REJECTED, EXPIRED -> order.payment().authorizationId() == null ? null
                    : owedOrDone(facts, PaymentAction.VOID, Order.PaymentStatus.VOIDED, "authorization voided");
            default -> null;
        };
        return Optional.ofNullable(summary).map(s -> new Entry(change.at(), Kind.PAYMENT, PAYMENT_PROCESSOR, s, order.payment().authorizationId()));
    }

    private static String owedOrDone(Facts facts, PaymentAction action, Order.PaymentStatus done, String summary) {
        if (facts.owed() == action) {
            return action.stored() + " owed: the processor has not confirmed it yet";
        }
        return facts.order().payment().status() == done ? summary : null;
    }

    private static Optional<Entry> partnerMessage(Facts facts, String type, OrderStatus at, String summary) {
        String eventId = PartnerMessages.eventId(facts.order().orderId(), type);
        return facts.sentMessages().contains(eventId)
                ? facts.order().reached(at).map(c -> new Entry(c.at(), Kind.PARTNER, SYSTEM, summary, type + " " + eventId))
                : Optional.empty();
    }
}
