package dev.storefront.analytics;

import java.util.regex.Pattern;

/**
 * The anonymous visitor id a storefront may send as {@code X-Visitor-Id} (e.g. from a first-party
 * cookie): 1-64 letters, digits, '_' or '-'. It only labels analytics events, so a missing or
 * malformed header is ignored, never a 4xx: a storefront's bug must not cost a shopper their request.
 */
public final class VisitorId {

    public static final String HEADER = "X-Visitor-Id";

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private VisitorId() {
    }

    /** The header's value when it is a valid visitor id, else null. */
    public static String parse(String header) {
        return header != null && VALID.matcher(header).matches() ? header : null;
    }
}
