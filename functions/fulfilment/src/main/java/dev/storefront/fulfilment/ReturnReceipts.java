package dev.storefront.fulfilment;

import dev.storefront.catalogstore.InventoryRepository;
import dev.storefront.domain.order.Order;
import dev.storefront.domain.order.OrderRefund;
import dev.storefront.domain.order.Return;
import dev.storefront.domain.pricing.Refund;
import dev.storefront.eventcontract.Envelope;
import dev.storefront.eventcontract.Unprocessable;
import dev.storefront.orderstore.OrderRepository;
import dev.storefront.orderstore.Refunds;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The partner's {@code return.received}, applied once: in one transaction the return moves
 * REQUESTED → RECEIVED with the condition of each unit, its refund is recorded PENDING (what the
 * received units were paid, shipping with the order's last units) and the RESELLABLE units go back
 * into stock; then the refund is made ({@link Refunds}: retried, then SUCCEEDED or FAILED, both
 * order events). The return's status is the lock, so a duplicated or stale receipt has no effect:
 * the same update again settles a refund still PENDING (a crash in between) and is dropped; any
 * other receipt for a return no longer REQUESTED, for an unknown return or with more units than
 * asked is answered with {@code fulfilment.update_ignored} and acknowledged.
 */
@Singleton
class ReturnReceipts {

    static final String RECEIVED = "return.received";

    private static final Logger LOG = LoggerFactory.getLogger(ReturnReceipts.class);

    private final OrderRepository orders;
    private final InventoryRepository inventory;
    private final Refunds refunds;
    private final IgnoredUpdates answers;
    private final Clock clock;

    ReturnReceipts(OrderRepository orders, InventoryRepository inventory, Refunds refunds, IgnoredUpdates answers, Clock clock) {
        this.orders = orders;
        this.inventory = inventory;
        this.refunds = refunds;
        this.answers = answers;
        this.clock = clock;
    }

    PartnerUpdates.Outcome apply(Order order, Envelope update) {
        String returnId = update.text("returnId");
        Optional<Return> found = order.returnOf(returnId);
        if (found.isEmpty()) {
            return ignored(order, update, "the order has no return " + returnId);
        }
        Return asked = found.get();
        if (asked.status() != Return.Status.REQUESTED) {
            return update.eventId().equals(asked.receivedEventId()) ? duplicate(order, asked, update)
                    : ignored(order, update, "return " + asked.rma() + " was already received (by update " + asked.receivedEventId() + ")");
        }
        List<Return.Line> lines = lines(update);
        Refund refund;
        try {
            refund = asked.refundFor(order, lines);
        } catch (IllegalArgumentException e) {
            return ignored(order, update, e.getMessage());
        }
        String refundId = dev.storefront.domain.order.OrderId.random();
        Return received = asked.receivedAs(lines, clock.instant(), update.eventId(), refundId);
        OrderRefund pending = new OrderRefund(refundId, refund.amount(), refund.tax(), "return " + asked.rma(), OrderRefund.Status.PENDING,
                returnId, clock.instant(), null, null);
        List<TransactWriteItem> restock = new ArrayList<>();
        for (Return.Line line : received.resellable()) {
            restock.addAll(inventory.restock(line.sku(), line.quantity(), returnId));
        }
        if (!orders.receiveReturn(order, received, pending, restock)) {
            Order now = orders.find(order.orderId()).orElseThrow();
            Return seen = now.returnOf(returnId).orElseThrow();
            return update.eventId().equals(seen.receivedEventId()) ? duplicate(now, seen, update)
                    : ignored(now, update, "return " + asked.rma() + " changed meanwhile, or its refund would pass what was captured");
        }
        LOG.info("Order {}: return {} received ({} resellable lines back in stock); refund {} of {} pending", order.orderId(), asked.rma(),
                restock.size(), refundId, refund.amount());
        refunds.settle(orders.find(order.orderId()).orElseThrow(), refundId);
        return PartnerUpdates.Outcome.APPLIED;
    }

    private PartnerUpdates.Outcome duplicate(Order order, Return received, Envelope update) {
        if (received.refundId() != null) {
            // A crash between receipt and refund leaves it PENDING: settled now, with the same processor key.
            refunds.settle(order, received.refundId());
        }
        LOG.info("Order {}: duplicate {} {} for return {} dropped", order.orderId(), update.type(), update.eventId(), received.rma());
        return PartnerUpdates.Outcome.DUPLICATE;
    }

    private PartnerUpdates.Outcome ignored(Order order, Envelope update, String why) {
        orders.countIgnoredUpdate(order.orderId());
        answers.returnNotApplicable(order, update, why);
        LOG.warn("Order {}: {} {} ignored: {}", order.orderId(), update.type(), update.eventId(), why);
        return PartnerUpdates.Outcome.IGNORED;
    }

    @SuppressWarnings("unchecked")
    private static List<Return.Line> lines(Envelope update) {
        if (!(update.data().get("lines") instanceof List<?> lines)) {
            throw new Unprocessable(RECEIVED + " " + update.eventId() + " has no lines");
        }
        return lines.stream().map(l -> (Map<String, Object>) l).map(l -> new Return.Line((String) l.get("sku"),
                ((Number) l.get("quantity")).intValue(), null, Return.Condition.valueOf((String) l.get("condition")))).toList();
    }
}
