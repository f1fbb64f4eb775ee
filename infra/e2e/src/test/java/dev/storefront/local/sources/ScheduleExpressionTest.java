package dev.storefront.local.sources;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScheduleExpressionTest {

    @ParameterizedTest
    @CsvSource({
            "rate(1 minute),   PT1M",
            "rate(5 minutes),  PT5M",
            "rate(1 hour),     PT1H",
            "rate(12 hours),   PT12H",
            "rate(1 day),      PT24H",
            "rate(7 days),     PT168H"})
    void a_rate_fires_every_period_after_the_previous_firing(String expression, Duration period) {
        Instant previous = Instant.parse("2026-03-01T10:00:00Z");

        assertThat(ScheduleExpression.parse(expression, ZoneOffset.UTC).next(previous)).isEqualTo(previous.plus(period));
    }

    @ParameterizedTest
    @ValueSource(strings = {"rate(1 minutes)", "rate(5 minute)", "rate(0 minutes)", "rate(2 weeks)", "every 5 minutes", "at(2026-03-01T10:00:00)"})
    void expressions_eventbridge_refuses_or_that_do_not_run_locally_are_refused(String expression) {
        assertThatThrownBy(() -> ScheduleExpression.parse(expression, ZoneOffset.UTC)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource({
            // expression,                    after,                  next
            "cron(0 2 * * ? *),               2026-03-01T03:00:00Z,   2026-03-02T02:00:00Z",
            "cron(0/15 * * * ? *),            2026-03-01T10:07:30Z,   2026-03-01T10:15:00Z",
            "cron(0/15 * * * ? *),            2026-03-01T10:15:00Z,   2026-03-01T10:30:00Z",
            "cron(30 9 ? * MON-FRI *),        2026-03-06T10:00:00Z,   2026-03-09T09:30:00Z",
            "cron(0 12 ? * 1 *),              2026-03-02T00:00:00Z,   2026-03-08T12:00:00Z",
            "'cron(0 0 1 JAN,JUL ? *)',       2026-03-01T00:00:00Z,   2026-07-01T00:00:00Z",
            "'cron(5,35 8-9 15 * ? 2027)',    2026-03-01T00:00:00Z,   2027-01-15T08:05:00Z",
            "cron(* * * * ? *),               2026-03-01T10:00:59Z,   2026-03-01T10:01:00Z"})
    void a_cron_fires_at_the_next_matching_minute_in_utc(String expression, Instant after, Instant next) {
        assertThat(ScheduleExpression.parse(expression, ZoneOffset.UTC).next(after)).isEqualTo(next);
    }

    @Test
    void a_cron_follows_its_time_zone() {
        ScheduleExpression nineInParis = ScheduleExpression.parse("cron(0 9 * * ? *)", ZoneId.of("Europe/Paris"));

        assertThat(nineInParis.next(Instant.parse("2026-01-10T12:00:00Z"))).isEqualTo(Instant.parse("2026-01-11T08:00:00Z"));
        assertThat(nineInParis.next(Instant.parse("2026-07-10T12:00:00Z"))).isEqualTo(Instant.parse("2026-07-11T07:00:00Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"cron(0 2 * * * *)", "cron(0 2 ? * ? *)", "cron(0 2 L * ? *)", "cron(0 2 ? * 6#3 *)",
            "cron(0 2 * *)", "cron(61 2 * * ? *)", "cron(0 2 * FOO ? *)"})
    void malformed_crons_and_those_using_l_w_or_hash_are_refused(String expression) {
        assertThatThrownBy(() -> ScheduleExpression.parse(expression, ZoneOffset.UTC)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_sped_up_clock_runs_schedule_time_faster_from_its_start() {
        Instant start = Instant.parse("2026-03-01T10:00:00Z");
        MutableClock clock = new MutableClock(start);
        ScheduleClock sixty = new ScheduleClock(clock, 60);

        clock.now = start.plusSeconds(2);

        assertThat(sixty.now()).isEqualTo(start.plusSeconds(120));
        assertThat(sixty.until(start.plusSeconds(180))).isEqualTo(Duration.ofSeconds(1));
        assertThat(sixty.realNow()).isEqualTo(start.plusSeconds(2));
        assertThat(sixty.until(start)).as("never less than a short gap").isEqualTo(Duration.ofMillis(100));
        assertThatThrownBy(() -> new ScheduleClock(clock, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
