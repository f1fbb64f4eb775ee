package dev.storefront.domain.order;

import dev.storefront.domain.Problem;

import java.time.Instant;

/** A note an operator left on an order: who, when, what (plain text, shown escaped wherever it is shown). */
public record OrderNote(Instant at, String actor, String text) {

    public static final int MAX_TEXT = 2_000;
    /** Notes an order keeps: they live on the order's item, whose size DynamoDB bounds (400 KB). */
    public static final int MAX_NOTES = 100;

    /** A note's text as written: 1 to {@link #MAX_TEXT} characters, not only blanks. */
    public static String requireText(String text) {
        if (text == null || text.isBlank()) {
            throw Problem.invalid("text", "text is required");
        }
        if (text.length() > MAX_TEXT) {
            throw Problem.invalid("text", "text is at most " + MAX_TEXT + " characters");
        }
        return text;
    }
}
