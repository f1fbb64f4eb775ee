package dev.storefront.fulfilment;

import dev.storefront.eventcontract.Envelope;
import dev.storefront.eventcontract.FulfilmentRequest;
import dev.storefront.eventcontract.Unprocessable;
import dev.storefront.domain.order.Order;
import dev.storefront.domain.order.OrderStatus;
import dev.storefront.domain.order.PartnerMessages;
import dev.storefront.orderstore.OrderMove;
import dev.storefront.orderstore.OrderRepository;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the partner is asked to do, from the order events: a placed order becomes a
 * {@code fulfilment.requested} (and the order FULFILMENT_REQUESTED), a cancelled order the partner
 * had been asked to fulfil becomes a {@code fulfilment.cancel_requested}.
 *
 * <p>The status move comes first and is the lock: only an order that reached FULFILMENT_REQUESTED
 * is sent, so an order cancelled before is never sent. The request is built from the
 * {@code order.placed} event, which carries what the partner needs. The request is sent after the move and
 * noted on the order ({@code sentMessages}); a redelivered {@code order.placed} whose request was
 * noted sends nothing, one whose send was cut short sends it again with the same event id, as long
 * as the order is still FULFILMENT_REQUESTED.
 */
// Only where the template gives the queue (both handlers of this jar).
@Requires(property = "storefront.queues.fulfilment.requests")
@Singleton
class PartnerRequests {

    static final String REQUESTED = PartnerMessages.REQUESTED;
    static final String CANCEL_REQUESTED = PartnerMessages.CANCEL_REQUESTED;

    private static final Logger LOG = LoggerFactory.getLogger(PartnerRequests.class);

    private final OrderRepository orders;
    private final FulfilmentRequests requests;
    private final Clock clock;

    PartnerRequests(OrderRepository orders, FulfilmentRequests requests, Clock clock) {
        this.orders = orders;
        this.requests = requests;
        this.clock = clock;
    }

    /**
     * The order moves PLACED → FULFILMENT_REQUESTED without being read (the event says it is
     * PLACED), and the request is built from the event's own data: lines, address and email are
     * what {@code order.placed} carries for this. Only when the move finds the order elsewhere (a
     * redelivery, a cancellation first) is the order read.
     */
    void placed(Envelope event) {
        Instant now = clock.instant();
        Order.StatusChange change = new Order.StatusChange(now, OrderStatus.PLACED, OrderStatus.FULFILMENT_REQUESTED, event.eventId());
        if (orders.move(event.orderId(), OrderStatus.PLACED, OrderMove.of(change)).isPresent()) {
            send(request(event, now));
            return;
        }
        Order order = find(event.orderId());
        if (order.status() != OrderStatus.FULFILMENT_REQUESTED) {
            // Never requested (cancelled first), or past the request (the partner has it), or
            // cancelled since (the cancellation, if the partner had it, is sent on order.cancelled).
            LOG.info("Order {} is {}: no fulfilment request to send (order.placed {})", order.orderId(), order.status(), event.eventId());
            return;
        }
        Envelope request = request(event, order.reached(OrderStatus.FULFILMENT_REQUESTED).orElseThrow().at());
        if (orders.marks(order.orderId()).sentMessages().contains(request.eventId())) {
            LOG.info("Fulfilment of order {} was already requested (duplicate order.placed {})", order.orderId(), event.eventId());
            return;
        }
        send(request);
    }

    /** Tells the partner to stop, when it had been asked; the order, when it is cancelled (its money is settled next). */
    Optional<Order> cancelled(Envelope event) {
        Order order = find(event.orderId());
        if (order.status() != OrderStatus.CANCELLED) {
            LOG.warn("order.cancelled {} for order {} that is {}: ignored", event.eventId(), order.orderId(), order.status());
            return Optional.empty();
        }
        if (order.reached(OrderStatus.FULFILMENT_REQUESTED).isEmpty() && order.reached(OrderStatus.ACCEPTED).isEmpty()) {
            LOG.info("Order {} was cancelled before the partner was asked to fulfil it: nothing to tell", order.orderId());
            return Optional.of(order);
        }
        String eventId = PartnerMessages.eventId(order.orderId(), CANCEL_REQUESTED);
        if (orders.marks(order.orderId()).sentMessages().contains(eventId)) {
            LOG.info("Cancellation of order {} was already sent to the partner (duplicate order.cancelled {})", order.orderId(), event.eventId());
            return Optional.of(order);
        }
        String at = order.reached(OrderStatus.CANCELLED).map(c -> c.at().toString()).orElse(event.occurredAt());
        send(new Envelope(eventId, CANCEL_REQUESTED, Envelope.VERSION, at, order.orderId(), Map.of("reason", "the order was cancelled before it shipped")));
        return Optional.of(order);
    }

    /**
     * The buyer's return, forwarded to the partner as the order event itself (same id, so a
     * redelivered event is one message to the partner): it says which units to expect and the RMA
     * number on the parcel. Noted as sent on the order, like every outgoing message.
     */
    void returnRequested(Envelope event) {
        if (orders.marks(event.orderId()).sentMessages().contains(event.eventId())) {
            LOG.info("Return {} of order {} was already sent to the partner", event.text("rma"), event.orderId());
            return;
        }
        send(event);
    }

    /**
     * The request for the order an {@code order.placed} is about, the same whenever it is built
     * ({@link FulfilmentRequest}): its id comes from the order, its time is when the order reached
     * FULFILMENT_REQUESTED, its data from the event (identical on every redelivery).
     */
    static Envelope request(Envelope placed, Instant requestedAt) {
        if (!(placed.data().get("lines") instanceof List<?>)) {
            throw new Unprocessable(placed.type() + " " + placed.eventId() + " has no lines");
        }
        return FulfilmentRequest.of(PartnerMessages.eventId(placed.orderId(), REQUESTED), placed.orderId(), requestedAt, placed.data());
    }

    private void send(Envelope message) {
        requests.send(message);
        orders.markSent(message.orderId(), message.eventId());
        LOG.info("Sent {} {} for order {} to the partner", message.type(), message.eventId(), message.orderId());
    }

    private Order find(String orderId) {
        return orders.find(orderId).orElseThrow(() -> new Unprocessable("no order " + orderId));
    }
}
