package dev.storefront.checkout;

import dev.storefront.domain.order.Order;
import dev.storefront.domain.order.OrderStatus;
import dev.storefront.orderstore.OrderMove;
import dev.storefront.orderstore.OrderRepository;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * Runs on a schedule: orders still waiting for payment after the hold time (the checkout crashed,
 * or the processor never answered) expire, and {@link Reservations#giveBack} gives back what they
 * held (stock, cart, single-use code), as for a declined card. An order waiting for 3-D Secure is
 * first settled with the processor's answer, if the bank gave one that neither the webhook nor the
 * shopper brought ({@link PaymentConfirmation#askProcessor}): a paid order is placed, not expired.
 * Each expiry is a conditional transition, so it happens once however often the sweeper runs or
 * races a late payment. The schedule's event carries nothing the sweep needs, so it is taken as
 * a plain map.
 */
public class ReservationSweeper extends MicronautRequestHandler<Map<String, Object>, Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(ReservationSweeper.class);
    private static final int BATCH = 100;

    @Inject
    OrderRepository orders;
    @Inject
    Reservations reservations;
    @Inject
    Clock clock;
    @Inject
    PaymentHold hold;
    @Inject
    PaymentConfirmation confirmation;

    @Override
    public Integer execute(Map<String, Object> scheduledEvent) {
        Instant now = clock.instant();
        int expired = 0;
        for (Order pending : orders.pendingSince(now.minus(hold.duration()), BATCH)) {
            Order order = confirmation.askProcessor(pending);
            if (order.status() != OrderStatus.PENDING_PAYMENT) {
                continue;
            }
            if (reservations.giveBack(order, OrderMove.of(order.changeTo(OrderStatus.EXPIRED, now)))) {
                expired++;
                LOG.info("Expired order {}: payment never completed, stock released", order.orderId());
            }
        }
        return expired;
    }
}
