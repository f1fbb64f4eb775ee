package dev.storefront.orderstore;

import dev.storefront.domain.Money;
import dev.storefront.domain.order.Order;
import dev.storefront.domain.order.OrderRefund;
import dev.storefront.domain.order.PaymentGateway;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Optional;

/**
 * The one refund policy, for a received return and an admin's refund alike: a refund is first
 * recorded PENDING on the order (holding its amount against what was captured), then made with
 * {@link PaymentGateway#refund} under its own key ({@code refund:<refundId>}) up to {@value #ATTEMPTS}
 * times with a growing pause, then settled on the order once: SUCCEEDED, or FAILED with the
 * processor's answer. Both are order events ({@code refund.succeeded}, {@code refund.failed}), so a
 * failed refund is reported, never dropped; its amount is free again for the next try. A crash
 * before the settlement leaves it PENDING: whoever handles it next (the partner's redelivered
 * receipt, the admin's retried request) calls {@link #settle} again, with the same key.
 */
@Requires(beans = {OrderRepository.class, PaymentGateway.class})
@Singleton
public class Refunds {

    static final int ATTEMPTS = 3;

    private static final Logger LOG = LoggerFactory.getLogger(Refunds.class);

    private final OrderRepository orders;
    private final PaymentGateway payments;
    private final Clock clock;
    private final long pauseMillis;

    @Inject
    Refunds(OrderRepository orders, PaymentGateway payments, Clock clock,
            @Value("${storefront.refunds.retry-pause-millis:200}") long pauseMillis) {
        this.orders = orders;
        this.payments = payments;
        this.clock = clock;
        this.pauseMillis = pauseMillis;
    }

    /**
     * Makes the refund {@code refundId} of {@code order} if it is still PENDING; the order as it
     * stands afterwards. A refund settled before is left as it is.
     */
    public Order settle(Order order, String refundId) {
        Optional<OrderRefund> found = order.refundOf(refundId);
        if (found.isEmpty() || found.get().status() != OrderRefund.Status.PENDING) {
            return order;
        }
        OrderRefund refund = found.get();
        String failure = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                payments.refund(order.payment().authorizationId(), new Money(refund.amount(), order.currency()), refund.processorKey());
                failure = null;
                break;
            } catch (PaymentGateway.Unavailable e) {
                failure = e.getMessage();
                LOG.warn("Order {}: refund {} of {} not taken (attempt {} of {}): {}", order.orderId(), refundId, refund.amount(), attempt, ATTEMPTS,
                        failure);
                pause(attempt);
            }
        }
        OrderRefund settled = refund.settled(failure == null ? OrderRefund.Status.SUCCEEDED : OrderRefund.Status.FAILED, clock.instant(), failure);
        if (orders.settleRefund(order, settled)) {
            if (failure == null) {
                LOG.info("Order {}: refund {} of {} made", order.orderId(), refundId, refund.amount());
            } else {
                LOG.error("Order {}: refund {} of {} FAILED after {} attempts; reported as refund.failed", order.orderId(), refundId,
                        refund.amount(), ATTEMPTS);
            }
        }
        return orders.find(order.orderId()).orElseThrow();
    }

    private void pause(int attempt) {
        if (attempt == ATTEMPTS || pauseMillis <= 0) {
            return;
        }
        try {
            Thread.sleep(pauseMillis * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
