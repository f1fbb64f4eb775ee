package dev.storefront.searchindex;

import dev.storefront.domain.Ids;
import dev.storefront.domain.Money;
import dev.storefront.domain.Problem;
import dev.storefront.domain.ProblemCode;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A search as a shopper asks it, checked: words ({@code q}), filters, a sort, a page. Every refusal
 * is a 400 naming the parameter (docs/SEARCH.md, "Bad input").
 *
 * @param q          the words, trimmed; null when none were given
 * @param attributes attribute filters, name to value, as typed (compared without case)
 */
public record SearchRequest(String q, String category, Map<String, String> attributes, Long minPrice, Long maxPrice,
                            boolean inStock, Sort sort, int limit, String cursor) {

    public static final int MAX_QUERY_LENGTH = 100;
    public static final int MAX_QUERY_WORDS = 8;
    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;
    static final int MAX_ATTRIBUTE_FILTERS = 10;

    private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9_-]{0,31}");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    public SearchRequest {
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    /** Reads the query parameters of {@code GET /search}; any may be null (absent). */
    public static SearchRequest parse(String q, String category, String attributes, String minPrice, String maxPrice,
                                      String inStock, String sort, String limit, String cursor) {
        String words = query(q);
        if (category != null && !Ids.isCategory(category)) {
            throw Problem.invalid("category", "category must be 1-40 lower-case letters, digits or '-'");
        }
        Map<String, String> filters = attributes(attributes);
        Long min = price("minPrice", minPrice);
        Long max = price("maxPrice", maxPrice);
        if (min != null && max != null && min > max) {
            throw Problem.invalid("minPrice", "minPrice must not be above maxPrice");
        }
        if (words == null && category == null && filters.isEmpty()) {
            throw Problem.invalid("q", "give q (words to search for), or a category or attributes filter to browse by");
        }
        return new SearchRequest(words, category, filters, min, max, bool("inStock", inStock), Sort.parse(sort),
                limit(limit), cursor == null || cursor.isEmpty() ? null : cursor);
    }

    /**
     * The words of {@code q}, or null when there are none. Its limits count what the shopper typed,
     * before analysis: 100 characters, 8 words separated by white space.
     */
    public static String query(String q) {
        if (q == null || q.isBlank()) {
            return null;
        }
        String trimmed = q.strip();
        if (trimmed.length() > MAX_QUERY_LENGTH) {
            throw Problem.invalid("q", "q must be at most " + MAX_QUERY_LENGTH + " characters");
        }
        if (WHITESPACE.split(trimmed).length > MAX_QUERY_WORDS) {
            throw Problem.invalid("q", "q must be at most " + MAX_QUERY_WORDS + " words");
        }
        return trimmed;
    }

    /** {@code size:42,colour:red}: names as catalog attributes are named, values 1-64 characters. */
    static Map<String, String> attributes(String raw) {
        Map<String, String> filters = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return filters;
        }
        String[] pairs = raw.split(",", -1);
        if (pairs.length > MAX_ATTRIBUTE_FILTERS) {
            throw malformed("at most " + MAX_ATTRIBUTE_FILTERS + " attribute filters");
        }
        for (String pair : pairs) {
            int colon = pair.indexOf(':');
            if (colon < 0) {
                throw malformed("each filter is name:value");
            }
            String name = pair.substring(0, colon);
            String value = pair.substring(colon + 1);
            if (!ATTRIBUTE_NAME.matcher(name).matches()) {
                throw malformed("an attribute name is 1-32 letters, digits, '_' or '-', starting with a letter");
            }
            if (value.isBlank() || value.length() > 64) {
                throw malformed("an attribute value is 1-64 characters");
            }
            if (filters.keySet().stream().anyMatch(name::equalsIgnoreCase)) {
                throw malformed("attribute " + name + " is filtered twice");
            }
            filters.put(name, value);
        }
        return filters;
    }

    private static Problem malformed(String why) {
        return new Problem(ProblemCode.VALIDATION_FAILED, "attributes must be name:value pairs separated by commas, "
                + "e.g. size:42,colour:red (" + why + ")", "attributes");
    }

    private static Long price(String name, String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        try {
            long value = Long.parseLong(raw);
            if (value >= 0 && value <= Money.MAX_AMOUNT) {
                return value;
            }
        } catch (NumberFormatException e) {
            // falls through to the problem below
        }
        throw Problem.invalid(name, name + " must be an integer amount of minor units from 0 to " + Money.MAX_AMOUNT);
    }

    private static boolean bool(String name, String raw) {
        if (raw == null || raw.isEmpty() || raw.equals("false")) {
            return false;
        }
        if (raw.equals("true")) {
            return true;
        }
        throw Problem.invalid(name, name + " must be true or false");
    }

    private static int limit(String raw) {
        if (raw == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int value = Integer.parseInt(raw);
            if (value >= 1 && value <= MAX_LIMIT) {
                return value;
            }
        } catch (NumberFormatException e) {
            // falls through to the problem below
        }
        throw Problem.invalid("limit", "limit must be an integer from 1 to " + MAX_LIMIT);
    }

    /** Whether the variant passes every variant-level filter: attributes, price range, stock. */
    boolean accepts(ProductSummary.Variant variant) {
        for (Map.Entry<String, String> filter : attributes.entrySet()) {
            String value = variant.attributes().entrySet().stream()
                    .filter(a -> a.getKey().equalsIgnoreCase(filter.getKey()))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
            if (value == null || !value.equalsIgnoreCase(filter.getValue())) {
                return false;
            }
        }
        long amount = variant.price().amount();
        return (minPrice == null || amount >= minPrice) && (maxPrice == null || amount <= maxPrice)
                && (!inStock || variant.inStock());
    }
}
