package dev.storefront.searchindex;

import dev.storefront.domain.Problem;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The orders a search can be answered in; ties go to the product id, so pages never overlap. */
public enum Sort {
    RELEVANCE, PRICE_ASC, PRICE_DESC, NEWEST;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The sort a client named; null means relevance. */
    public static Sort parse(String raw) {
        if (raw == null || raw.isEmpty()) {
            return RELEVANCE;
        }
        for (Sort sort : values()) {
            if (sort.wireName().equals(raw)) {
                return sort;
            }
        }
        throw Problem.invalid("sort", "sort must be one of "
                + Arrays.stream(values()).map(Sort::wireName).collect(Collectors.joining(", ")));
    }
}
