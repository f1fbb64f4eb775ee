package dev.storefront.fulfilment;

import dev.storefront.eventcontract.Envelope;
import dev.storefront.eventcontract.Unprocessable;
import dev.storefront.domain.EventIds;
import dev.storefront.domain.order.Order;
import dev.storefront.domain.order.OrderStatus;
import dev.storefront.orderstore.OrderMove;
import dev.storefront.orderstore.OrderRepository;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the partner is asked to do, from the order events: a placed order becomes a
 * {@code fulfilment.requested} (and the order FULFILMENT_REQUESTED), a cancelled order the partner
 * had been asked to fulfil becomes a {@code fulfilment.cancel_requested}.
 *
 * <p>The status move comes first and is the lock: only an order that reached FULFILMENT_REQUESTED
 * is sent, so an order cancelled before is never sent. The request is sent after the move and
 * noted on the order ({@code sentMessages}); a redelivered {@code order.placed} whose request was
 * noted sends nothing, one whose send was cut short sends it again with the same event id, as long
 * as the order is still FULFILMENT_REQUESTED.
 */
// Only where the template gives the queue: OrderEventsConsumer, not PartnerUpdatesConsumer (same jar).
@Requires(property = "storefront.queues.fulfilment.requests")
@Singleton
class PartnerRequests {

    static final String REQUESTED = "fulfilment.requested";
    static final String CANCEL_REQUESTED = "fulfilment.cancel_requested";

    private static final Logger LOG = LoggerFactory.getLogger(PartnerRequests.class);

    private final OrderRepository orders;
    private final FulfilmentRequests requests;
    private final Clock clock;

    PartnerRequests(OrderRepository orders, FulfilmentRequests requests, Clock clock) {
        this.orders = orders;
        this.requests = requests;
        this.clock = clock;
    }

    void placed(Envelope event) {
        Order order = find(event.orderId());
        if (order.status() == OrderStatus.PLACED) {
            Order.StatusChange change = new Order.StatusChange(clock.instant(), OrderStatus.PLACED, OrderStatus.FULFILMENT_REQUESTED, event.eventId());
            Optional<Order> moved = orders.move(order, OrderMove.of(change));
            if (moved.isPresent()) {
                send(request(moved.get()));
                return;
            }
            order = find(event.orderId());
        }
        if (order.status() != OrderStatus.FULFILMENT_REQUESTED) {
            // Never requested (cancelled first), or past the request (the partner has it), or
            // cancelled since (the cancellation, if the partner had it, is sent on order.cancelled).
            LOG.info("Order {} is {}: no fulfilment request to send (order.placed {})", order.orderId(), order.status(), event.eventId());
            return;
        }
        Envelope request = request(order);
        if (orders.marks(order.orderId()).sentMessages().contains(request.eventId())) {
            LOG.info("Fulfilment of order {} was already requested (duplicate order.placed {})", order.orderId(), event.eventId());
            return;
        }
        send(request);
    }

    void cancelled(Envelope event) {
        Order order = find(event.orderId());
        if (order.status() != OrderStatus.CANCELLED) {
            LOG.warn("order.cancelled {} for order {} that is {}: ignored", event.eventId(), order.orderId(), order.status());
            return;
        }
        if (reached(order, OrderStatus.FULFILMENT_REQUESTED).isEmpty() && reached(order, OrderStatus.ACCEPTED).isEmpty()) {
            LOG.info("Order {} was cancelled before the partner was asked to fulfil it: nothing to tell", order.orderId());
            return;
        }
        String eventId = EventIds.of(order.orderId() + ":" + CANCEL_REQUESTED).toString();
        if (orders.marks(order.orderId()).sentMessages().contains(eventId)) {
            LOG.info("Cancellation of order {} was already sent to the partner (duplicate order.cancelled {})", order.orderId(), event.eventId());
            return;
        }
        String at = reached(order, OrderStatus.CANCELLED).map(c -> c.at().toString()).orElse(event.occurredAt());
        send(new Envelope(eventId, CANCEL_REQUESTED, Envelope.VERSION, at, order.orderId(), Map.of("reason", "cancelled by the buyer")));
    }

    /** The request for an order, the same whenever it is built: its id and time come from the order. */
    static Envelope request(Order order) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("items", order.lines().stream().map(l -> Map.<String, Object>of("sku", l.sku(), "productId", l.productId(),
                "name", l.name(), "quantity", l.quantity())).toList());
        Map<String, Object> address = new LinkedHashMap<>();
        address.put("name", order.shippingAddress().name());
        address.put("line1", order.shippingAddress().line1());
        if (order.shippingAddress().line2() != null) {
            address.put("line2", order.shippingAddress().line2());
        }
        address.put("city", order.shippingAddress().city());
        if (order.shippingAddress().region() != null) {
            address.put("region", order.shippingAddress().region());
        }
        address.put("postalCode", order.shippingAddress().postalCode());
        address.put("country", order.shippingAddress().country());
        data.put("shippingAddress", address);
        // PII, like the address: carriers send delivery notices to it (docs/PARTNERS.md).
        data.put("email", order.email());
        String at = reached(order, OrderStatus.FULFILMENT_REQUESTED).map(c -> c.at().toString()).orElseThrow();
        return new Envelope(EventIds.of(order.orderId() + ":" + REQUESTED).toString(), REQUESTED, Envelope.VERSION, at, order.orderId(), data);
    }

    private void send(Envelope message) {
        requests.send(message);
        orders.markSent(message.orderId(), message.eventId());
        LOG.info("Sent {} {} for order {} to the partner", message.type(), message.eventId(), message.orderId());
    }

    private Order find(String orderId) {
        return orders.find(orderId).orElseThrow(() -> new Unprocessable("no order " + orderId));
    }

    private static Optional<Order.StatusChange> reached(Order order, OrderStatus status) {
        List<Order.StatusChange> history = order.history();
        return history.stream().filter(c -> c.to() == status).reduce((a, b) -> b);
    }
}
