package dev.storefront.domain.cart;

import dev.storefront.domain.Problem;
import dev.storefront.domain.customer.SegmentRule;

import java.util.Set;
import java.util.TreeSet;

/**
 * Who may use a discount code and on what, beyond its amount and expiry. All optional; a code
 * without any is the shop-wide code it always was.
 *
 * @param customerId a personal code: only this customer's cart may use it (never an anonymous cart)
 * @param segment    only customers currently in this segment may use it
 * @param categories the code only reduces lines of products in these categories (empty: every line)
 * @param singleUse  the code is redeemed by the first order placed with it, and by no other
 */
public record DiscountRestrictions(String customerId, String segment, Set<String> categories, boolean singleUse) {

    public static final DiscountRestrictions NONE = new DiscountRestrictions(null, null, Set.of(), false);
    public static final int MAX_CATEGORIES = 20;

    public DiscountRestrictions {
        categories = categories == null ? Set.of() : Set.copyOf(new TreeSet<>(categories));
        if (customerId != null && (customerId.isBlank() || customerId.length() > 128)) {
            throw Problem.invalid("customerId", "customerId is a customer's subject of 1-128 characters");
        }
        if (segment != null && !SegmentRule.isName(segment)) {
            throw Problem.invalid("segment", "segment is a segment name: 1-32 lower-case letters, digits, '_' or '-'");
        }
        if (categories.size() > MAX_CATEGORIES || categories.stream().anyMatch(c -> c == null || c.isBlank() || c.length() > 64)) {
            throw Problem.invalid("categories", "categories are at most " + MAX_CATEGORIES + " category names of 1-64 characters");
        }
    }

    public boolean appliesTo(String category) {
        return categories.isEmpty() || category != null && categories.contains(category);
    }

    public boolean isNone() {
        return equals(NONE);
    }

    /** Why this shopper may not use the code; null when they may. */
    String refusal(String code, Shopper shopper) {
        if (customerId != null && !customerId.equals(shopper.customerId())) {
            return Discount.unknown(code);  // someone else's code does not exist for you
        }
        if (segment != null && !shopper.segments().contains(segment)) {
            return "code " + code + " is not available for this account";  // never which segment it is for
        }
        return null;
    }
}
