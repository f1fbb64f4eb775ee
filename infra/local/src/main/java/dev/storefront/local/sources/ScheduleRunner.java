package dev.storefront.local.sources;

import dev.storefront.samlocal.LambdaInvoker;
import dev.storefront.samlocal.ScheduledEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.UUID;

/**
 * One schedule: invokes the function whenever the expression says, on the {@link ScheduleClock},
 * with the scheduled event (or the schedule's {@code Input}). Like EventBridge it does not catch up
 * on firings missed while an invocation ran long, and it never overlaps two invocations of one
 * schedule.
 */
final class ScheduleRunner implements EventSourceLoop {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduleRunner.class);

    private final ScheduleMapping mapping;
    private final Invocable function;
    private final ScheduleClock clock;
    private final String region;
    private final StopSignal stop;

    ScheduleRunner(ScheduleMapping mapping, Invocable function, ScheduleClock clock, String region, StopSignal stop) {
        this.mapping = mapping;
        this.function = function;
        this.clock = clock;
        this.region = region;
        this.stop = stop;
    }

    @Override
    public void run() {
        Instant next = mapping.expression().next(clock.now());
        while (!next.equals(Instant.MAX) && !stop.await(clock.until(next))) {
            fire();
            Instant now = clock.now();
            while (!next.isAfter(now)) {
                next = mapping.expression().next(next);
            }
        }
    }

    private void fire() {
        long started = System.nanoTime();
        String event = mapping.input() != null ? mapping.input() : ScheduledEvents.event(mapping.resourceArn(), region, clock.realNow());
        String error = null;
        try {
            function.invoke(event, UUID.randomUUID().toString());
        } catch (LambdaInvoker.HandlerFailure e) {
            error = "handler failed: " + e.getCause();
        }
        long ms = (System.nanoTime() - started) / 1_000_000;
        if (error == null) {
            LOG.info("invoked function={} source=Schedule:{} event={} batch=1 failures=0 ms={}",
                    mapping.function(), mapping.expressionText(), mapping.event(), ms);
        } else {
            LOG.info("invoked function={} source=Schedule:{} event={} batch=1 failures=1 ms={} error=\"{}\"",
                    mapping.function(), mapping.expressionText(), mapping.event(), ms, error);
        }
    }

    @Override
    public String description() {
        return mapping.function() + " <- " + mapping.expressionText()
                + (clock.speedup() == 1 ? "" : String.format(" (schedule time x%s, %s)", clock.speedup(), ScheduleClock.SPEEDUP_VARIABLE));
    }

    @Override
    public String name() {
        return "schedule-" + mapping.function() + "-" + mapping.event();
    }
}
