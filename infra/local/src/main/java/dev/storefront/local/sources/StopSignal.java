package dev.storefront.local.sources;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Tells every polling loop of the runtime to stop, and lets them wait (between polls, before a
 * retry, until the next schedule) in a way that ends at once when it is raised.
 */
final class StopSignal {

    private final CountDownLatch stopped = new CountDownLatch(1);

    void raise() {
        stopped.countDown();
    }

    boolean raised() {
        return stopped.getCount() == 0;
    }

    /** Waits up to {@code duration}; true when the signal was raised meanwhile (or before). */
    boolean await(Duration duration) {
        try {
            return stopped.await(Math.max(0, duration.toNanos()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }
}
