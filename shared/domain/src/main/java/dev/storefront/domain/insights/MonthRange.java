package dev.storefront.domain.insights;

import dev.storefront.domain.Problem;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Stream;

/** An inclusive range of calendar months (UTC), at most {@value #MAX_MONTHS} of them: the cohorts' range. */
public record MonthRange(YearMonth from, YearMonth to) {

    public static final int MAX_MONTHS = 36;

    public MonthRange {
        if (to.isBefore(from)) {
            throw Problem.invalid("to", "to must be the same month as from or later");
        }
        if (ChronoUnit.MONTHS.between(from, to) + 1 > MAX_MONTHS) {
            throw Problem.invalid("to", "a range holds at most " + MAX_MONTHS + " months, both ends included");
        }
    }

    /** Both query parameters required, as YYYY-MM. */
    public static MonthRange parse(String from, String to) {
        return new MonthRange(month("from", from), month("to", to));
    }

    public List<YearMonth> months() {
        return Stream.iterate(from, m -> !m.isAfter(to), m -> m.plusMonths(1)).toList();
    }

    private static YearMonth month(String name, String raw) {
        if (raw == null || raw.isEmpty()) {
            throw Problem.invalid(name, name + " is required, as YYYY-MM");
        }
        if (!raw.matches("\\d{4}-\\d{2}")) {
            throw Problem.invalid(name, name + " must be a month as YYYY-MM");
        }
        try {
            return YearMonth.parse(raw);
        } catch (DateTimeParseException e) {
            throw Problem.invalid(name, name + " is not a calendar month");
        }
    }
}
