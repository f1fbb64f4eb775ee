package dev.storefront.local.sources;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/**
 * EventBridge's six-field cron: {@code minutes hours day-of-month month day-of-week year}, with
 * {@code *}, {@code ?} (one of the two day fields must be it), lists, ranges, {@code /} steps,
 * month names (JAN-DEC) and day names (SUN-SAT, day 1 being Sunday). Not supported locally:
 * {@code L}, {@code W} and {@code #}; such an expression is refused with a message.
 */
final class CronSchedule implements ScheduleExpression {

    private static final List<String> MONTHS = List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
    private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");
    private static final int LAST_YEAR = 2199;

    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet daysOfMonth;  // null: '?'
    private final BitSet months;
    private final BitSet daysOfWeek;   // null: '?'; 1 = Sunday
    private final BitSet years;
    private final ZoneId zone;

    private CronSchedule(BitSet minutes, BitSet hours, BitSet daysOfMonth, BitSet months, BitSet daysOfWeek, BitSet years, ZoneId zone) {
        this.minutes = minutes;
        this.hours = hours;
        this.daysOfMonth = daysOfMonth;
        this.months = months;
        this.daysOfWeek = daysOfWeek;
        this.years = years;
        this.zone = zone;
    }

    static CronSchedule parse(String fields, ZoneId zone) {
        String[] parts = fields.trim().split("\\s+");
        if (parts.length != 6) {
            throw new IllegalArgumentException("cron(" + fields + "): EventBridge cron has six fields (minutes hours day-of-month month day-of-week year)");
        }
        boolean anyDayOfMonth = parts[2].equals("?");
        boolean anyDayOfWeek = parts[4].equals("?");
        if (anyDayOfMonth == anyDayOfWeek) {
            throw new IllegalArgumentException("cron(" + fields + "): exactly one of day-of-month and day-of-week must be ?");
        }
        return new CronSchedule(
                field(parts[0], 0, 59, List.of(), fields),
                field(parts[1], 0, 23, List.of(), fields),
                anyDayOfMonth ? null : field(parts[2], 1, 31, List.of(), fields),
                field(parts[3], 1, 12, MONTHS, fields),
                anyDayOfWeek ? null : field(parts[4], 1, 7, DAYS, fields),
                field(parts[5], 1970, LAST_YEAR, List.of(), fields),
                zone);
    }

    @Override
    public Instant next(Instant previous) {
        ZonedDateTime t = previous.atZone(zone).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        while (t.getYear() <= LAST_YEAR) {
            if (!years.get(t.getYear())) {
                t = t.withDayOfYear(1).truncatedTo(ChronoUnit.DAYS).plusYears(1);
            } else if (!months.get(t.getMonthValue())) {
                t = t.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).plusMonths(1);
            } else if (!dayMatches(t)) {
                t = t.truncatedTo(ChronoUnit.DAYS).plusDays(1);
            } else if (!hours.get(t.getHour())) {
                t = t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
            } else if (!minutes.get(t.getMinute())) {
                t = t.plusMinutes(1);
            } else {
                return t.toInstant();
            }
        }
        return Instant.MAX;
    }

    private boolean dayMatches(ZonedDateTime t) {
        if (daysOfMonth != null) {
            return daysOfMonth.get(t.getDayOfMonth());
        }
        return daysOfWeek.get(awsDayOfWeek(t.getDayOfWeek()));
    }

    /** EventBridge counts Sunday as 1, Saturday as 7. */
    private static int awsDayOfWeek(DayOfWeek day) {
        return day.getValue() % 7 + 1;
    }

    private static BitSet field(String text, int min, int max, List<String> names, String expression) {
        BitSet values = new BitSet(max + 1);
        for (String item : text.split(",")) {
            String range = item;
            int step = 1;
            int slash = item.indexOf('/');
            if (slash >= 0) {
                range = item.substring(0, slash);
                step = number(item.substring(slash + 1), 1, max, List.of(), expression);
            }
            int from;
            int to;
            if (range.equals("*")) {
                from = min;
                to = max;
            } else if (range.contains("-")) {
                String[] bounds = range.split("-", 2);
                from = number(bounds[0], min, max, names, expression);
                to = number(bounds[1], min, max, names, expression);
            } else {
                from = number(range, min, max, names, expression);
                to = slash >= 0 ? max : from;
            }
            if (from > to) {
                throw new IllegalArgumentException("cron(" + expression + "): range " + range + " runs backwards");
            }
            for (int v = from; v <= to; v += step) {
                values.set(v);
            }
        }
        return values;
    }

    private static int number(String text, int min, int max, List<String> names, String expression) {
        int named = names.indexOf(text.toUpperCase(Locale.ROOT));
        if (named >= 0) {
            return named + 1;
        }
        try {
            int value = Integer.parseInt(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            if (text.matches(".*[LW#].*")) {
                throw new IllegalArgumentException("cron(" + expression + "): L, W and # are not supported by the local runtime", e);
            }
        }
        throw new IllegalArgumentException("cron(" + expression + "): " + text + " is not a value from " + min + " to " + max);
    }
}
