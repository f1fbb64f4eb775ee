package dev.storefront.desk;

import dev.storefront.audit.AuditLog;
import dev.storefront.domain.Problem;
import dev.storefront.domain.ProblemCode;
import dev.storefront.domain.order.Order;
import dev.storefront.domain.order.OrderId;
import dev.storefront.domain.order.OrderNote;
import dev.storefront.domain.order.OrderStatus;
import dev.storefront.domain.order.OrderTimeline;
import dev.storefront.orderstore.OrderMove;
import dev.storefront.orderstore.OrderRepository;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;
import java.util.Set;

/** What operators do with one order: read its whole story, cancel it, note on it, resend its fulfilment request. */
@Singleton
class OrderDesk {

    private static final Logger LOG = LoggerFactory.getLogger(OrderDesk.class);
    /** Where the partner has been asked and has not shipped: a resend can only repeat the request it holds. */
    static final Set<OrderStatus> RESENDABLE = Set.of(OrderStatus.FULFILMENT_REQUESTED, OrderStatus.ACCEPTED);

    private final OrderRepository orders;
    private final AuditLog audit;
    private final PartnerResend partner;
    private final ReconciliationStore reconciliation;
    private final Clock clock;

    OrderDesk(OrderRepository orders, AuditLog audit, PartnerResend partner, ReconciliationStore reconciliation, Clock clock) {
        this.orders = orders;
        this.audit = audit;
        this.partner = partner;
        this.reconciliation = reconciliation;
        this.clock = clock;
    }

    record Story(OrderRepository.OrderFile file, List<OrderTimeline.Entry> timeline) {
    }

    Story story(String orderId) {
        OrderRepository.OrderFile file = file(orderId);
        List<OrderTimeline.AdminAction> actions = audit.ofOrder(orderId).stream()
                .map(e -> new OrderTimeline.AdminAction(e.at(), e.actor(), e.action())).toList();
        List<OrderTimeline.Entry> timeline = OrderTimeline.assemble(new OrderTimeline.Facts(file.order(), file.marks().sentMessages(),
                file.marks().paymentAction(), file.notes(), actions));
        return new Story(file, reconciliation.last().map(run -> OrderTimeline.withFindings(timeline, run.checkedAt(),
                run.findings().stream().filter(f -> orderId.equals(f.orderId())).toList())).orElse(timeline));
    }

    OrderRepository.OrderFile file(String orderId) {
        if (!OrderId.isValid(orderId)) {
            throw Problem.notFound("order " + Problem.quote(orderId));
        }
        return orders.file(orderId).orElseThrow(() -> Problem.notFound("order " + orderId));
    }

    /**
     * The shopper's cancellation (any status that may move to CANCELLED: PLACED, FULFILMENT_REQUESTED and
     * ACCEPTED; a cancelled order stays as it is), by an operator. The move gives the stock back and
     * records the void as owed in one transaction; the {@code order.cancelled} event it causes then
     * has fulfilment tell the partner ({@code fulfilment.cancel_requested}, when it had been asked) and
     * make the void, the same path a shopper's cancellation takes.
     */
    Order cancel(String orderId) {
        Order order = file(orderId).order();
        if (order.status() == OrderStatus.CANCELLED) {
            return order;
        }
        if (!order.status().canMoveTo(OrderStatus.CANCELLED)) {
            throw new Problem(ProblemCode.ORDER_NOT_CANCELLABLE, "an order that is " + order.status() + " can no longer be cancelled");
        }
        OrderMove cancel = OrderMove.settling(order, order.changeTo(OrderStatus.CANCELLED, clock.instant()));
        if (!orders.moveReleasing(order, cancel)) {
            Order now = file(orderId).order();
            if (now.status() != OrderStatus.CANCELLED) {
                throw new Problem(ProblemCode.ORDER_NOT_CANCELLABLE, "the order moved to " + now.status() + " meanwhile; it can no longer be cancelled");
            }
            return now;
        }
        LOG.info("Order {} cancelled by an operator", orderId);
        return file(orderId).order();
    }

    OrderNote note(String orderId, String actor, String text) {
        file(orderId);
        OrderNote note = new OrderNote(clock.instant(), actor, OrderNote.requireText(text));
        if (!orders.addNote(orderId, note)) {
            throw new Problem(ProblemCode.CONFLICT, "the order holds " + OrderNote.MAX_NOTES + " notes, the most it keeps");
        }
        return note;
    }

    /** Sends the order's fulfilment request again, as it was first sent (same eventId): the partner keeps one. */
    String resend(String orderId) {
        Order order = file(orderId).order();
        if (!RESENDABLE.contains(order.status())) {
            throw new Problem(ProblemCode.CONFLICT, "an order that is " + order.status() + " has no fulfilment request to resend"
                    + (order.status() == OrderStatus.PLACED ? " yet (its order.placed event is on its way, or in the order-events dead-letter queue)" : ""));
        }
        return partner.resend(order);
    }
}
