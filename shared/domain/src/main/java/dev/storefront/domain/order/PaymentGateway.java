package dev.storefront.domain.order;

import dev.storefront.domain.Money;

/**
 * The card processor, in the shop's words. Every call carries an idempotency key derived from the
 * order, so a retried call (a Lambda retry, a replayed checkout) never charges twice: the processor
 * answers a repeated key with the first answer.
 */
public interface PaymentGateway {

    Authorization authorize(String idempotencyKey, String paymentToken, Money amount);

    /** Takes the authorized money; called when the parcel ships. */
    void capture(String idempotencyKey, String authorizationId, Money amount);

    /** Releases the authorization; called when an order is rejected or cancelled. */
    void voidAuthorization(String idempotencyKey, String authorizationId);

    /**
     * The processor did not take a capture or void (timeout, 5xx): nothing moved, and the same call
     * with the same key may succeed later. An {@link IllegalStateException}, so a queue consumer
     * reports the message failed and SQS redelivers it.
     */
    class Unavailable extends IllegalStateException {
        public Unavailable(String message) {
            super(message);
        }
    }

    /** The outcome of an authorization. */
    record Authorization(Outcome outcome, String authorizationId, String declineCode) {

        public enum Outcome { AUTHORIZED, DECLINED, FAILED }

        public static Authorization authorized(String id) {
            return new Authorization(Outcome.AUTHORIZED, id, null);
        }

        public static Authorization declined(String code) {
            return new Authorization(Outcome.DECLINED, null, code);
        }

        /** The processor could not answer (timeout, 5xx): the order stays pending and is retried or expires. */
        public static Authorization failed(String code) {
            return new Authorization(Outcome.FAILED, null, code);
        }
    }
}
