package dev.storefront.cart;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The system clock plus an offset tests can move, replacing the shared Clock bean in the handler
 * under test (test classes are on its class path). Tests that move it put it back when done.
 */
final class MovableClock extends Clock {

    static final MovableClock INSTANCE = new MovableClock();

    private volatile Duration offset = Duration.ZERO;

    void advance(Duration by) {
        offset = offset.plus(by);
    }

    void reset() {
        offset = Duration.ZERO;
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Factory
    static class Beans {
        @Singleton
        @Replaces(Clock.class)
        Clock movableClock() {
            return INSTANCE;
        }
    }
}
