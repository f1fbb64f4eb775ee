package dev.storefront.domain.order;

import dev.storefront.domain.Problem;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * What the order desk lists: orders in one status (null: all), created in {@code [from, to)}
 * (either end open when null), of one email address (null: anyone's). Dates are whole UTC days:
 * {@code to} names the last day included. A range is at most {@link #MAX_DAYS} days.
 */
public record OrderFilter(OrderStatus status, Instant from, Instant to, String email) {

    public static final int MAX_DAYS = 366;

    /** From query parameters; a malformed or reversed filter or a range over {@link #MAX_DAYS} days is a 400. */
    public static OrderFilter parse(String status, String from, String to, String email) {
        OrderStatus wanted = null;
        if (status != null && !status.isBlank()) {
            try {
                wanted = OrderStatus.valueOf(status.trim());
            } catch (IllegalArgumentException e) {
                throw Problem.invalid("status", "status must be one of " + java.util.Arrays.toString(OrderStatus.values()));
            }
        }
        Instant start = from == null || from.isBlank() ? null : day("from", from).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = to == null || to.isBlank() ? null : day("to", to).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        if (start != null && end != null) {
            if (!start.isBefore(end)) {
                throw Problem.invalid("from", "from is after to");
            }
            if (Duration.between(start, end).toDays() > MAX_DAYS) {
                throw Problem.invalid("to", "a range is at most " + MAX_DAYS + " days");
            }
        }
        String address = email == null || email.isBlank() ? null : Email.require(email.trim());
        return new OrderFilter(wanted, start, end, address);
    }

    /** How an address is indexed: case does not tell two shoppers apart. */
    public static String emailKey(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }

    public boolean contains(Instant createdAt) {
        return (from == null || !createdAt.isBefore(from)) && (to == null || createdAt.isBefore(to));
    }

    private static LocalDate day(String name, String value) {
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw Problem.invalid(name, name + " is not a date such as 2026-12-01");
        }
    }
}
