package dev.storefront.domain.cart;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * The coupon a customer gets when their first order is delivered: 10% off, personal, single use,
 * valid 30 days, on products related to what they bought. "Related" is deliberately simple: the
 * same category as a delivered product. Codes start with {@link #PREFIX}, which is how KPIs tell a
 * retention conversion from any other discounted order.
 */
public final class RetentionCoupon {

    public static final String PREFIX = "BACK-";
    public static final int PERCENT_OFF = 10;
    public static final Duration VALIDITY = Duration.ofDays(30);

    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";  // no 0/O, 1/I: read aloud, typed by hand
    private static final int RANDOM_CHARS = 12;  // 60 bits: not guessable, and personal anyway
    private static final SecureRandom RANDOM = new SecureRandom();

    private RetentionCoupon() {
    }

    public static String newCode() {
        StringBuilder code = new StringBuilder(PREFIX);
        for (int i = 0; i < RANDOM_CHARS; i++) {
            code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }

    public static boolean isRetentionCode(String code) {
        return code != null && code.startsWith(PREFIX);
    }

    /**
     * The coupon for a customer whose first order was delivered at {@code deliveredAt}.
     *
     * @param categories the categories of the delivered products; empty (none still in the catalog)
     *                   makes it a storewide coupon rather than a useless one
     */
    public static Discount issue(String code, String customerId, Set<String> categories, Instant deliveredAt) {
        return Discount.percentage(code, PERCENT_OFF, null, deliveredAt.plus(VALIDITY))
                .restrictedTo(new DiscountRestrictions(customerId, null, categories, true));
    }
}
