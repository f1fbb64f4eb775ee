package dev.storefront.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * At most {@code max} failed attempts of one kind (declined payments, wrong discount codes) per
 * key (a cart, a customer, a source address) in a fixed window that starts at the first failure.
 * Past it, every attempt is refused until the window ends, successful or not: that is what makes
 * guessing (card numbers, codes) stop paying off.
 */
public record AttemptLimit(String kind, int max, Duration window) {

    public AttemptLimit {
        if (kind == null || kind.isBlank() || max < 1 || window == null || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("an attempt limit needs a kind, max >= 1 and a positive window");
        }
    }

    /** Whether {@code failures} counted in a window ending at {@code windowEnds} refuse an attempt at {@code now}. */
    public boolean blocks(long failures, Instant windowEnds, Instant now) {
        return failures >= max && now.isBefore(windowEnds);
    }

    /** The end of a window opened by a failure at {@code now}. */
    public Instant windowFrom(Instant now) {
        return now.plus(window);
    }

    /** The refusal of an attempt while blocked until {@code until}. */
    public TooManyAttempts refusal(Instant until, Instant now, String detail) {
        return new TooManyAttempts(detail, Duration.between(now, until));
    }
}
