package dev.storefront.local.sources;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An EventBridge schedule expression: {@code rate(value unit)} (unit minute, hour or day; singular
 * for 1, plural otherwise, as EventBridge insists) or {@code cron(minutes hours day-of-month month
 * day-of-week year)} ({@link CronSchedule}).
 */
interface ScheduleExpression {

    /** The first firing strictly after {@code previous} (for a rate: the last firing, or when the rule was created). */
    Instant next(Instant previous);

    static ScheduleExpression parse(String expression, ZoneId zone) {
        String text = expression.trim();
        Matcher rate = Rate.PATTERN.matcher(text);
        if (rate.matches()) {
            return Rate.of(Long.parseLong(rate.group(1)), rate.group(2).toLowerCase(Locale.ROOT), text);
        }
        if (text.startsWith("cron(") && text.endsWith(")")) {
            return CronSchedule.parse(text.substring(5, text.length() - 1), zone);
        }
        throw new IllegalArgumentException("Unsupported schedule expression \"" + expression + "\": only rate(...) and cron(...) run locally");
    }

    /** {@code rate(5 minutes)}: every period, counted from when the rule was created. */
    record Rate(Duration period) implements ScheduleExpression {

        static final Pattern PATTERN = Pattern.compile("rate\\(\\s*(\\d+)\\s+([A-Za-z]+)\\s*\\)");

        static Rate of(long value, String unit, String text) {
            if (value < 1) {
                throw new IllegalArgumentException("Schedule " + text + ": the value must be positive");
            }
            String singular = unit.endsWith("s") ? unit.substring(0, unit.length() - 1) : unit;
            if ((value == 1) == unit.endsWith("s")) {
                throw new IllegalArgumentException("Schedule " + text + ": EventBridge wants rate(" + value + " "
                        + (value == 1 ? singular : singular + "s") + ")");
            }
            Duration period = switch (singular) {
                case "minute" -> Duration.ofMinutes(value);
                case "hour" -> Duration.ofHours(value);
                case "day" -> Duration.ofDays(value);
                default -> throw new IllegalArgumentException("Schedule " + text + ": the unit must be minute(s), hour(s) or day(s)");
            };
            return new Rate(period);
        }

        @Override
        public Instant next(Instant previous) {
            return previous.plus(period);
        }
    }
}
