package dev.storefront.domain.order;

import dev.storefront.domain.Money;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The card processor, in the shop's words. Every call carries an idempotency key derived from the
 * order, so a retried call (a Lambda retry, a replayed checkout) never charges twice: the processor
 * answers a repeated key with the first answer. A payment may need the shopper's bank to confirm it
 * (3-D Secure): then {@link #authorize} answers {@link Authorization.Outcome#REQUIRES_ACTION} and the
 * final answer comes later, from {@link #status} or a signed event ({@link #verifyEvent}).
 * docs/PAYMENTS.md maps each call to Stripe's PaymentIntents API.
 */
public interface PaymentGateway {

    /** Authorizes {@code amount} for the order {@code orderId} (the processor keeps it with the payment, and its events name it). */
    Authorization authorize(String idempotencyKey, String orderId, String paymentToken, Money amount);

    /** Where a payment stands now (the shopper back from the bank asks this); empty for a payment the processor does not know. */
    Optional<Authorization> status(String paymentId);

    /**
     * Checks a webhook's signature header against its raw body and reads the event; {@link SignatureRefused}
     * when it is missing, garbled, wrong or older than the tolerance at {@code now}.
     */
    PaymentEvent verifyEvent(String body, String signatureHeader, Instant now);

    /** Takes the authorized money; called when the parcel ships. */
    void capture(String idempotencyKey, String authorizationId, Money amount);

    /** Releases the authorization; called when an order is rejected or cancelled, or paid after it expired. */
    void voidAuthorization(String idempotencyKey, String authorizationId);

    /**
     * Payments authorized from {@code from} until before {@code to} and neither captured nor voided
     * since, oldest first, at most {@code limit} (Stripe: PaymentIntents in {@code requires_capture},
     * listed by {@code created}). The reconciler judges each against the order it names.
     */
    List<HeldPayment> heldPayments(Instant from, Instant to, int limit);

    /** A payment the processor holds: authorized at {@code authorizedAt} for the order {@code orderId}. */
    record HeldPayment(String paymentId, String orderId, Money amount, Instant authorizedAt) {
    }

    /**
     * Gives back {@code amount} of a captured payment (partial refunds add up; the shop never asks
     * for more than was captured). A repeated key moves no money twice.
     */
    void refund(String paymentId, Money amount, String idempotencyKey);

    /**
     * The processor did not take a capture, void or refund (timeout, 5xx): nothing moved, and the same call
     * with the same key may succeed later. An {@link IllegalStateException}, so a queue consumer
     * reports the message failed and SQS redelivers it.
     */
    class Unavailable extends IllegalStateException {
        public Unavailable(String message) {
            super(message);
        }
    }

    /** A webhook that is not provably the processor's, now: nothing may change because of it. */
    class SignatureRefused extends RuntimeException {
        public SignatureRefused(String reason) {
            super(reason, null, false, false);
        }
    }

    /**
     * A verified event about a payment: its id (the processor may send it more than once), the
     * payment, the order it was made for (null when the processor did not name one) and the outcome
     * it reports (AUTHORIZED or DECLINED; anything else is of no interest to the shop).
     */
    record PaymentEvent(String eventId, String type, String paymentId, String orderId, Authorization result) {
    }

    /** The outcome of an authorization. {@code authorizationId} is the processor's id of the payment. */
    record Authorization(Outcome outcome, String authorizationId, String declineCode, String nextActionUrl) {

        public enum Outcome { AUTHORIZED, REQUIRES_ACTION, DECLINED, FAILED }

        public Authorization(Outcome outcome, String authorizationId, String declineCode) {
            this(outcome, authorizationId, declineCode, null);
        }

        /** Authorized or declined: the payment's answer, which will not change. */
        public boolean isFinal() {
            return outcome == Outcome.AUTHORIZED || outcome == Outcome.DECLINED;
        }

        public static Authorization authorized(String id) {
            return new Authorization(Outcome.AUTHORIZED, id, null);
        }

        /** The bank wants the shopper to confirm (3-D Secure) at {@code url}; the answer comes later. */
        public static Authorization requiresAction(String id, String url) {
            return new Authorization(Outcome.REQUIRES_ACTION, id, null, url);
        }

        public static Authorization declined(String code) {
            return new Authorization(Outcome.DECLINED, null, code);
        }

        /** A payment that was declined after it was created (the shopper failed 3-D Secure). */
        public static Authorization declined(String id, String code) {
            return new Authorization(Outcome.DECLINED, id, code);
        }

        /** The processor could not answer (timeout, 5xx): the order stays pending and is retried or expires. */
        public static Authorization failed(String code) {
            return new Authorization(Outcome.FAILED, null, code);
        }
    }
}
