package dev.storefront.domain;

import java.time.Duration;

/** 429 TOO_MANY_ATTEMPTS: an attempt refused by an {@link AttemptLimit}, with when to try again. */
public final class TooManyAttempts extends Problem {

    private final Duration retryAfter;

    public TooManyAttempts(String detail, Duration retryAfter) {
        super(ProblemCode.TOO_MANY_ATTEMPTS, detail);
        this.retryAfter = retryAfter;
    }

    /** Whole seconds for a Retry-After header, at least 1. */
    public long retryAfterSeconds() {
        long seconds = retryAfter.toSeconds() + (retryAfter.toNanosPart() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }
}
