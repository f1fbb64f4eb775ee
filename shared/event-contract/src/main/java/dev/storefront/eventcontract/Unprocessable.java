package dev.storefront.eventcontract;

/**
 * A message that can never be processed as it is (not JSON, not valid for its schema, about an
 * order that does not exist): reported as a batch item failure, so after the queue's
 * maxReceiveCount it rests in the dead-letter queue, which alarms, while its batch goes on.
 */
public final class Unprocessable extends RuntimeException {

    public Unprocessable(String message) {
        super(message, null, false, false);
    }
}
