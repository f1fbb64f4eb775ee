package dev.storefront.searchindex;

import dev.storefront.domain.Ids;
import dev.storefront.domain.Problem;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where a page ended, in the page's sort: the last hit's sort value and product id, as base64url.
 * The next page starts strictly after it, so products written meanwhile neither repeat nor skip
 * what was already shown. A cursor of another sort, or one this API never issued, is a 400.
 */
record SearchCursor(Sort sort, String value, String productId) {

    private static final String VERSION = "s1";
    private static final char SEPARATOR = '\u001f';
    private static final int MAX_LENGTH = 512;

    static SearchCursor after(Sort sort, SearchResults.Hit hit) {
        return new SearchCursor(sort, sortValue(sort, hit), hit.product().productId());
    }

    /** The value a hit is ordered by (besides its product id). */
    static String sortValue(Sort sort, SearchResults.Hit hit) {
        return switch (sort) {
            case RELEVANCE -> Integer.toString(hit.score());
            case PRICE_ASC, PRICE_DESC -> Long.toString(hit.minPrice().amount());
            case NEWEST -> hit.product().createdAt();
        };
    }

    String encode() {
        String joined = VERSION + SEPARATOR + sort.wireName() + SEPARATOR + value + SEPARATOR + productId;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(joined.getBytes(StandardCharsets.UTF_8));
    }

    static SearchCursor decode(Sort sort, String cursor) {
        try {
            if (cursor.length() > MAX_LENGTH) {
                throw invalid();
            }
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8)
                    .split(String.valueOf(SEPARATOR), -1);
            if (parts.length != 4 || !VERSION.equals(parts[0]) || !sort.wireName().equals(parts[1])
                    || parts[2].isEmpty() || !Ids.isProductId(parts[3])) {
                throw invalid();
            }
            if (sort != Sort.NEWEST) {
                Long.parseLong(parts[2]);
            }
            return new SearchCursor(sort, parts[2], parts[3]);
        } catch (IllegalArgumentException e) { // bad base64, a number that is not one
            throw invalid();
        }
    }

    private static Problem invalid() {
        return Problem.invalid("cursor", "cursor is not one this search issued (with this sort); start again without it");
    }
}
