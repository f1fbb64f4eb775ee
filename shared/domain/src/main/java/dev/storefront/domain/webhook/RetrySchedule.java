package dev.storefront.domain.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When an outbound webhook delivery that failed is tried again: after {@code base × 2^(attempt-1)}
 * (10 s, 20 s, 40 s, … with the default base), at most an hour apart, for 24 hours from the first
 * attempt; then it is given up. A subscription whose deliveries fail {@value #DISABLE_AFTER} times
 * in a row is disabled.
 */
public record RetrySchedule(Duration base) {

    public static final Duration GIVE_UP_AFTER = Duration.ofHours(24);
    public static final Duration LONGEST_WAIT = Duration.ofHours(1);
    public static final int DISABLE_AFTER = 50;

    public RetrySchedule {
        if (base.isNegative() || base.isZero()) {
            throw new IllegalArgumentException("the backoff base must be positive");
        }
    }

    /** When attempt {@code attempt + 1} is due after attempt {@code attempt} failed at {@code now}; empty once 24 h are over. */
    public Optional<Instant> next(int attempt, Instant firstAttemptAt, Instant now) {
        Duration wait = attempt >= 30 ? LONGEST_WAIT : base.multipliedBy(1L << Math.max(0, attempt - 1));
        if (wait.compareTo(LONGEST_WAIT) > 0) {
            wait = LONGEST_WAIT;
        }
        Instant due = now.plus(wait);
        return due.isAfter(firstAttemptAt.plus(GIVE_UP_AFTER)) ? Optional.empty() : Optional.of(due);
    }

    /** Whether {@code consecutiveFailures} in a row disable the subscription. */
    public static boolean disables(long consecutiveFailures) {
        return consecutiveFailures >= DISABLE_AFTER;
    }
}
