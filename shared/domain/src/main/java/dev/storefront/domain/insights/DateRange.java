package dev.storefront.domain.insights;

import dev.storefront.domain.Problem;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** An inclusive range of UTC days, at most {@value #MAX_DAYS} of them. */
public record DateRange(LocalDate from, LocalDate to) {

    public static final int MAX_DAYS = 366;

    public DateRange {
        if (to.isBefore(from)) {
            throw Problem.invalid("to", "to must be on or after from");
        }
        if (ChronoUnit.DAYS.between(from, to) + 1 > MAX_DAYS) {
            throw Problem.invalid("to", "a range holds at most " + MAX_DAYS + " days, both ends included");
        }
    }

    /** Both query parameters required, as YYYY-MM-DD. */
    public static DateRange parse(String from, String to) {
        return new DateRange(day("from", from), day("to", to));
    }

    /** As {@link #parse}, but with neither parameter given: the {@code defaultDays} days up to {@code today}. */
    public static DateRange parseOrLast(String from, String to, LocalDate today, int defaultDays) {
        if (from == null && to == null) {
            return new DateRange(today.minusDays(defaultDays - 1L), today);
        }
        return parse(from, to);
    }

    public List<LocalDate> days() {
        return from.datesUntil(to.plusDays(1)).toList();
    }

    public int length() {
        return (int) ChronoUnit.DAYS.between(from, to) + 1;
    }

    private static LocalDate day(String name, String raw) {
        if (raw == null || raw.isEmpty()) {
            throw Problem.invalid(name, name + " is required, as YYYY-MM-DD");
        }
        if (!raw.matches("\\d{4}-\\d{2}-\\d{2}")) {
            throw Problem.invalid(name, name + " must be a date as YYYY-MM-DD");
        }
        try {
            return LocalDate.parse(raw);
        } catch (DateTimeParseException e) {
            throw Problem.invalid(name, name + " is not a calendar date");
        }
    }
}
