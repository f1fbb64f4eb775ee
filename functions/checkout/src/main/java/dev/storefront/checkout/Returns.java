package dev.storefront.checkout;

import dev.storefront.domain.Caller;
import dev.storefront.domain.Problem;
import dev.storefront.domain.ProblemCode;
import dev.storefront.domain.order.Order;
import dev.storefront.domain.order.OrderId;
import dev.storefront.domain.order.Return;
import dev.storefront.orderstore.OrderRepository;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;

/**
 * The buyer's returns: checked by the domain ({@link Return#request}) against the order as read, and
 * appended on the condition that no other return was added since, so two returns sent at once can
 * never take the same units; the loser re-reads and is checked again. The order's stream turns the
 * new return into {@code return.requested}, which fulfilment forwards to the partner.
 */
@Singleton
class Returns {

    private static final Logger LOG = LoggerFactory.getLogger(Returns.class);
    private static final int ATTEMPTS = 10;

    private final Orders orders;
    private final OrderRepository repository;
    private final ReturnPolicy policy;
    private final Clock clock;

    Returns(Orders orders, OrderRepository repository, ReturnPolicy policy, Clock clock) {
        this.orders = orders;
        this.repository = repository;
        this.policy = policy;
        this.clock = clock;
    }

    /** The return as recorded, and the order it belongs to. */
    record Requested(Order order, Return requested) {
    }

    Requested request(String orderId, Caller caller, List<Return.Line> lines) {
        String returnId = OrderId.random();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Order order = orders.visible(orderId, caller);
            Return requested = Return.request(order, returnId, lines, clock.instant(), policy.window());
            if (repository.addReturn(order, requested)) {
                LOG.info("Order {}: return {} requested ({} lines, estimate {})", orderId, requested.rma(), lines.size(),
                        requested.refundEstimate().amount());
                return new Requested(order, requested);
            }
        }
        throw new Problem(ProblemCode.IDEMPOTENCY_IN_FLIGHT, "the order kept changing while the return was recorded; send it again");
    }
}
