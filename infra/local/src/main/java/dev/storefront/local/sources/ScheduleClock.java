package dev.storefront.local.sources;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The time schedules run on. Normally the wall clock; with {@code STOREFRONT_SCHEDULE_SPEEDUP=N}
 * (or the system property {@code storefront.schedule.speedup}) schedule time runs N times faster
 * from the runtime's start, so {@code rate(1 minute)} fires every second at 60 and a daily
 * {@code cron(0 2 * * ? *)} every 24 minutes. Events still carry the real time.
 */
final class ScheduleClock {

    static final String SPEEDUP_VARIABLE = "STOREFRONT_SCHEDULE_SPEEDUP";
    static final String SPEEDUP_PROPERTY = "storefront.schedule.speedup";
    /** However fast schedule time runs, one schedule fires at most this often. */
    private static final Duration SHORTEST_GAP = Duration.ofMillis(100);

    private final Clock clock;
    private final Instant origin;
    private final double speedup;

    ScheduleClock(Clock clock, double speedup) {
        if (!(speedup > 0) || Double.isInfinite(speedup)) {
            throw new IllegalArgumentException(SPEEDUP_VARIABLE + " must be a positive number but is " + speedup);
        }
        this.clock = clock;
        this.origin = clock.instant();
        this.speedup = speedup;
    }

    static ScheduleClock fromEnvironment() {
        String value = System.getProperty(SPEEDUP_PROPERTY, System.getenv(SPEEDUP_VARIABLE));
        if (value == null || value.isBlank()) {
            return new ScheduleClock(Clock.systemUTC(), 1);
        }
        try {
            return new ScheduleClock(Clock.systemUTC(), Double.parseDouble(value.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(SPEEDUP_VARIABLE + " must be a positive number but is \"" + value + "\"", e);
        }
    }

    double speedup() {
        return speedup;
    }

    /** Now in schedule time. */
    Instant now() {
        return scheduleTime(clock.instant());
    }

    /** The real time until schedule time reaches {@code at}; never less than a short gap. */
    Duration until(Instant at) {
        Duration schedule = Duration.between(now(), at);
        Duration real = Duration.ofNanos((long) (schedule.toNanos() / speedup));
        return real.compareTo(SHORTEST_GAP) < 0 ? SHORTEST_GAP : real;
    }

    /** The real wall-clock time, for events. */
    Instant realNow() {
        return clock.instant();
    }

    private Instant scheduleTime(Instant real) {
        Duration elapsed = Duration.between(origin, real);
        return origin.plusNanos((long) (elapsed.toNanos() * speedup));
    }
}
