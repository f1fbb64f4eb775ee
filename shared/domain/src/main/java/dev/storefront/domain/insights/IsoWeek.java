package dev.storefront.domain.insights;

import dev.storefront.domain.Problem;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An ISO-8601 week, {@code 2026-W48}: Monday to Sunday, UTC days; a year has 52 or 53 of them. */
public record IsoWeek(int year, int week) {

    private static final Pattern FORMAT = Pattern.compile("(\\d{4})-W(\\d{2})");

    public IsoWeek {
        long weeks = LocalDate.of(year, 6, 1).range(IsoFields.WEEK_OF_WEEK_BASED_YEAR).getMaximum();
        if (week < 1 || week > weeks) {
            throw Problem.invalid("week", year + " has ISO weeks 1 to " + weeks);
        }
    }

    /** As {@code YYYY-Www}; anything else, or a week the year does not have ({@code 2026-W54}), is a 400 naming week. */
    public static IsoWeek parse(String raw) {
        Matcher m = raw == null ? null : FORMAT.matcher(raw);
        if (m == null || !m.matches()) {
            throw Problem.invalid("week", "week must be an ISO week as YYYY-Www, e.g. 2026-W48");
        }
        return new IsoWeek(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    public static IsoWeek of(LocalDate day) {
        return new IsoWeek(day.get(IsoFields.WEEK_BASED_YEAR), day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    /** The last week that has ended by {@code day}'s end: its own week when it is a Sunday, else the week before. */
    public static IsoWeek lastCompleteOn(LocalDate day) {
        IsoWeek week = of(day);
        return day.getDayOfWeek() == DayOfWeek.SUNDAY ? week : week.previous();
    }

    public LocalDate monday() {
        return LocalDate.of(year, 1, 4).with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    public LocalDate sunday() {
        return monday().plusDays(6);
    }

    public IsoWeek previous() {
        return of(monday().minusDays(7));
    }

    public DateRange days() {
        return new DateRange(monday(), sunday());
    }

    @Override
    public String toString() {
        return String.format("%04d-W%02d", year, week);
    }
}
