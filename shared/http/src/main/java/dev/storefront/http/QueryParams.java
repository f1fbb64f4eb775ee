package dev.storefront.http;

import dev.storefront.domain.Problem;

/** Strict parsing of query parameters: a bad value is a 400 naming the parameter, never a default. */
public final class QueryParams {

    private QueryParams() {
    }

    public static int intInRange(String name, String raw, int min, int max, int whenAbsent) {
        if (raw == null) {
            return whenAbsent;
        }
        try {
            int value = Integer.parseInt(raw);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // falls through to the problem below
        }
        throw Problem.invalid(name, name + " must be an integer from " + min + " to " + max);
    }
}
