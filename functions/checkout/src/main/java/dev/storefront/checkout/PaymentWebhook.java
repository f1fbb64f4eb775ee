package dev.storefront.checkout;

import dev.storefront.domain.Problem;
import dev.storefront.domain.ProblemCode;
import dev.storefront.domain.order.Order;
import dev.storefront.domain.order.OrderId;
import dev.storefront.domain.order.PaymentGateway;
import dev.storefront.domain.order.PaymentGateway.PaymentEvent;
import dev.storefront.orderstore.OrderRepository;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Optional;

/**
 * {@code POST /webhooks/payments}: the processor tells the shop how a payment ended. Nothing happens
 * without a valid, fresh signature (401). An event already handled, of no interest, or about a
 * payment the shop does not know is acknowledged (200) without effect: a provider retries
 * anything else for days.
 */
@Singleton
class PaymentWebhook {

    private static final Logger LOG = LoggerFactory.getLogger(PaymentWebhook.class);

    /** What the shop did with an event (the answer's {@code outcome}). */
    enum Outcome { APPLIED, DUPLICATE, IGNORED }

    private final PaymentGateway payments;
    private final OrderRepository orders;
    private final PaymentConfirmation confirmation;
    private final PaymentEventStore seen;
    private final Clock clock;

    PaymentWebhook(PaymentGateway payments, OrderRepository orders, PaymentConfirmation confirmation, PaymentEventStore seen, Clock clock) {
        this.payments = payments;
        this.orders = orders;
        this.confirmation = confirmation;
        this.seen = seen;
        this.clock = clock;
    }

    Outcome receive(String body, String signature) {
        PaymentEvent event;
        try {
            event = payments.verifyEvent(body == null ? "" : body, signature, clock.instant());
        } catch (PaymentGateway.SignatureRefused refused) {
            LOG.warn("Payment webhook refused: {}", refused.getMessage());
            throw new Problem(ProblemCode.WEBHOOK_SIGNATURE_INVALID, refused.getMessage() + "; nothing was changed");
        }
        if (seen.seen(event.eventId())) {
            LOG.info("Payment event {} was handled before; acknowledged again", event.eventId());
            seen.countRepeat(event.eventId());
            return Outcome.DUPLICATE;
        }
        Optional<Order> order = Optional.ofNullable(event.orderId()).filter(OrderId::isValid).flatMap(orders::find)
                .filter(o -> o.payment().authorizationId() == null || o.payment().authorizationId().equals(event.paymentId()));
        if (event.result() == null || order.isEmpty()) {
            LOG.warn("Payment event {} ({}) about payment {} names no order of ours; ignored", event.eventId(), event.type(), event.paymentId());
            seen.note(event.eventId(), Outcome.IGNORED.name());
            return Outcome.IGNORED;
        }
        Order after = confirmation.confirm(order.get(), event.paymentId(), event.result(), "webhook " + event.eventId());
        seen.note(event.eventId(), after.status().name());
        return Outcome.APPLIED;
    }
}
