package dev.storefront.fulfilment;

import dev.storefront.eventcontract.Envelope;
import dev.storefront.eventcontract.Unprocessable;
import dev.storefront.domain.order.Order;
import dev.storefront.domain.order.OrderStatus;
import dev.storefront.orderstore.OrderMove;
import dev.storefront.orderstore.OrderRepository;
import dev.storefront.orderstore.PaymentSettlement;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Optional;

/**
 * A partner's update applied to its order, once:
 *
 * <ul>
 *   <li>{@code fulfilment.accepted}: FULFILMENT_REQUESTED → ACCEPTED;</li>
 *   <li>{@code fulfilment.rejected}: FULFILMENT_REQUESTED → REJECTED, the stock released in the same
 *       transaction, the payment authorization voided;</li>
 *   <li>{@code fulfilment.shipped}: ACCEPTED → SHIPPED with carrier and tracking number, the payment
 *       captured;</li>
 *   <li>{@code fulfilment.delivered}: SHIPPED → DELIVERED;</li>
 *   <li>{@code return.received}: a return of a delivered order received and refunded ({@link ReturnReceipts}).</li>
 * </ul>
 *
 * <p>Each move is conditional on the status it leaves and appends a history entry carrying the
 * update's {@code eventId}: the order's history is the record of processed updates. An update whose
 * id is in the history is a duplicate and changes nothing; one that does not fit the order's status
 * (shipped before accepted, delivered twice, anything for a cancelled order) is logged, counted on
 * the order ({@code ignoredUpdates}), answered to the partner ({@link IgnoredUpdates}) and acknowledged.
 *
 * <p>Money follows the move, as for a cancellation ({@link PaymentSettlement}): the move writes the
 * payment's new status together with the call still owed ({@code paymentAction}), then the processor
 * is called with a key derived from the order and the debt is cleared. A crash in between leaves the
 * debt on the order; the redelivered update is then a duplicate that pays it (same processor key:
 * money moves once).
 */
@Singleton
class PartnerUpdates {

    /** What became of an update. */
    enum Outcome { APPLIED, DUPLICATE, IGNORED }

    private static final Logger LOG = LoggerFactory.getLogger(PartnerUpdates.class);

    private final OrderRepository orders;
    private final PaymentSettlement settlement;
    private final IgnoredUpdates answers;
    private final ReturnReceipts returns;
    private final Clock clock;

    PartnerUpdates(OrderRepository orders, PaymentSettlement settlement, IgnoredUpdates answers, ReturnReceipts returns, Clock clock) {
        this.orders = orders;
        this.settlement = settlement;
        this.answers = answers;
        this.returns = returns;
        this.clock = clock;
    }

    /** The move an update type asks for. */
    record Move(OrderStatus from, OrderStatus to) {
        static Optional<Move> of(String type) {
            return Optional.ofNullable(switch (type) {
                case "fulfilment.accepted" -> new Move(OrderStatus.FULFILMENT_REQUESTED, OrderStatus.ACCEPTED);
                case "fulfilment.rejected" -> new Move(OrderStatus.FULFILMENT_REQUESTED, OrderStatus.REJECTED);
                case "fulfilment.shipped" -> new Move(OrderStatus.ACCEPTED, OrderStatus.SHIPPED);
                case "fulfilment.delivered" -> new Move(OrderStatus.SHIPPED, OrderStatus.DELIVERED);
                default -> null;
            });
        }
    }

    Outcome apply(Envelope update) {
        Optional<Move> asked = Move.of(update.type());
        if (asked.isEmpty() && !ReturnReceipts.RECEIVED.equals(update.type())) {
            answers.notAnUpdate(update);
            throw new Unprocessable(update.type() + " is not a partner update");
        }
        Optional<Order> found = orders.find(update.orderId());
        if (found.isEmpty()) {
            // Still refused (the DLQ alarms the operators), and the partner is told why.
            answers.unknownOrder(update);
            throw new Unprocessable("no order " + update.orderId());
        }
        Order order = found.get();
        if (asked.isEmpty()) {
            return returns.apply(order, update);
        }
        Move move = asked.get();
        if (processed(order, update)) {
            return duplicate(order, update);
        }
        if (order.status() != move.from()) {
            return ignored(order, update);
        }
        OrderMove applied = OrderMove.settling(order, new Order.StatusChange(clock.instant(), move.from(), move.to(), update.eventId()));
        boolean moved = switch (move.to()) {
            case REJECTED -> orders.moveReleasing(order, applied.withFulfilment(new Order.Fulfilment(null, null, update.text("reason"))));
            case SHIPPED -> orders.move(order, applied.withFulfilment(
                    new Order.Fulfilment(update.text("carrier"), update.text("trackingNumber"), null))).isPresent();
            default -> orders.move(order, applied).isPresent();
        };
        if (!moved) {
            // Someone moved it first: this update's own redelivery, or another status change.
            Order now = orders.find(order.orderId()).orElseThrow();
            return processed(now, update) ? duplicate(now, update) : ignored(now, update);
        }
        LOG.info("Order {} {} -> {} by {} {}", order.orderId(), move.from(), move.to(), update.type(), update.eventId());
        // A failure propagates: the update is redelivered, is then a duplicate, and settles the debt.
        settlement.settle(order, applied);
        return Outcome.APPLIED;
    }

    private static boolean processed(Order order, Envelope update) {
        return order.history().stream().anyMatch(c -> update.eventId().equals(c.eventId()));
    }

    private Outcome duplicate(Order order, Envelope update) {
        if (settlement.settleOwed(order).isEmpty()) {
            LOG.info("Order {}: duplicate {} {} dropped", order.orderId(), update.type(), update.eventId());
        }
        return Outcome.DUPLICATE;
    }

    private Outcome ignored(Order order, Envelope update) {
        orders.countIgnoredUpdate(order.orderId());
        answers.notApplicable(order, update);
        LOG.warn("Order {} is {}: {} {} does not apply and is ignored", order.orderId(), order.status(), update.type(), update.eventId());
        return Outcome.IGNORED;
    }
}
