package dev.storefront.domain.cart;

import dev.storefront.domain.Money;
import dev.storefront.domain.Problem;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A discount code: a percentage or a fixed amount off the subtotal, optionally only from a minimum
 * subtotal and until an expiry instant. The discount never exceeds the subtotal, so a total is never
 * negative; percentages round half up to the currency's minor unit.
 *
 * <p>Optional {@link DiscountRestrictions} limit who may use it (one customer, one segment), what it
 * reduces (lines of some categories: the amount off is computed on those lines' subtotal, and a
 * minimum still looks at the whole cart) and how often (single use: {@code redeemedBy} names the
 * order that used it).
 *
 * @param percentOff      1-100 for PERCENTAGE, else 0
 * @param amountOff       for FIXED_AMOUNT, else null
 * @param minimumSubtotal null when any subtotal qualifies
 * @param expiresAt       null when the code does not expire; the code is invalid from this instant on
 * @param restrictions    {@link DiscountRestrictions#NONE} for a shop-wide code
 * @param redeemedBy      for a single-use code, the order that redeemed it; null while it is unused
 */
public record Discount(String code, Kind kind, int percentOff, Money amountOff, Money minimumSubtotal, Instant expiresAt,
                       DiscountRestrictions restrictions, String redeemedBy) {

    public enum Kind { PERCENTAGE, FIXED_AMOUNT }

    private static final Pattern CODE = Pattern.compile("[A-Z0-9][A-Z0-9_-]{1,31}");

    public Discount(String code, Kind kind, int percentOff, Money amountOff, Money minimumSubtotal, Instant expiresAt) {
        this(code, kind, percentOff, amountOff, minimumSubtotal, expiresAt, DiscountRestrictions.NONE, null);
    }

    public Discount {
        restrictions = restrictions == null ? DiscountRestrictions.NONE : restrictions;
        if (!isCode(code)) {
            throw Problem.invalid("code", "a discount code is 2-32 upper-case letters, digits, '_' or '-'");
        }
        if (kind == null) {
            throw Problem.invalid("kind", "kind must be PERCENTAGE or FIXED_AMOUNT");
        }
        if (kind == Kind.PERCENTAGE && (percentOff < 1 || percentOff > 100 || amountOff != null)) {
            throw Problem.invalid("percentOff", "a PERCENTAGE code has a percentOff from 1 to 100 and no amountOff");
        }
        if (kind == Kind.FIXED_AMOUNT && (amountOff == null || amountOff.amount() < 1 || percentOff != 0)) {
            throw Problem.invalid("amountOff", "a FIXED_AMOUNT code has a positive amountOff and no percentOff");
        }
        if (kind == Kind.FIXED_AMOUNT && minimumSubtotal != null && !minimumSubtotal.currency().equals(amountOff.currency())) {
            throw Problem.invalid("minimumSubtotal", "minimumSubtotal must be in the currency of amountOff");
        }
    }

    public static Discount percentage(String code, int percentOff, Money minimumSubtotal, Instant expiresAt) {
        return new Discount(code, Kind.PERCENTAGE, percentOff, null, minimumSubtotal, expiresAt);
    }

    public static Discount fixedAmount(String code, Money amountOff, Money minimumSubtotal, Instant expiresAt) {
        return new Discount(code, Kind.FIXED_AMOUNT, 0, amountOff, minimumSubtotal, expiresAt);
    }

    public Discount restrictedTo(DiscountRestrictions limits) {
        return new Discount(code, kind, percentOff, amountOff, minimumSubtotal, expiresAt, limits, redeemedBy);
    }

    public Discount redeemedBy(String orderId) {
        return new Discount(code, kind, percentOff, amountOff, minimumSubtotal, expiresAt, restrictions, orderId);
    }

    public boolean isSingleUse() {
        return restrictions.singleUse();
    }

    public static boolean isCode(String value) {
        return value != null && CODE.matcher(value).matches();
    }

    /**
     * What a shopper learns about a code that is not theirs to know: the same words for a code that
     * does not exist and for another customer's personal code, so codes cannot be enumerated.
     */
    public static String unknown(String code) {
        return "code " + Problem.quote(code) + " is not a discount code of this shop";
    }

    /** Codes are case-insensitive for shoppers: "welcome10" is WELCOME10. */
    public static String normalize(String entered) {
        return entered == null ? null : entered.strip().toUpperCase(Locale.ROOT);
    }

    /**
     * Why the code cannot be used on a subtotal in a currency at {@code now}; empty when it can. A
     * cart without a currency yet (empty) only fails codes it cannot reach (expired, or a minimum).
     */
    public Optional<String> refusal(long subtotal, String currency, Instant now) {
        if (expiresAt != null && !now.isBefore(expiresAt)) {
            return Optional.of("code " + code + " expired at " + expiresAt);
        }
        if (kind == Kind.FIXED_AMOUNT && currency != null && !amountOff.currency().equals(currency)) {
            return Optional.of("code " + code + " applies to carts priced in " + amountOff.currency());
        }
        if (minimumSubtotal != null) {
            boolean sameCurrency = minimumSubtotal.currency().equals(currency);
            if (!sameCurrency || subtotal < minimumSubtotal.amount()) {
                return Optional.of("code " + code + " needs a subtotal of at least " + display(minimumSubtotal));
            }
        }
        return Optional.empty();
    }

    /**
     * Why this shopper cannot use the code on a subtotal at {@code now}: the checks above, then
     * whose code it is, the segment, and whether a single-use code was already redeemed.
     */
    public Optional<String> refusal(Shopper shopper, long subtotal, String currency, Instant now) {
        String whoMay = restrictions.refusal(code, shopper);
        if (whoMay != null) {
            return Optional.of(whoMay);
        }
        if (restrictions.singleUse() && redeemedBy != null) {
            return Optional.of("code " + code + " was already used");
        }
        return refusal(subtotal, currency, now);
    }

    /** The amount off a subtotal, 0 when the code cannot be used; never more than the subtotal. */
    public long amountOff(long subtotal, String currency, Instant now) {
        return amountOff(subtotal, subtotal, currency, now);
    }

    /**
     * The amount off when only part of the subtotal is eligible (lines of the code's categories):
     * a percentage of the eligible part, a fixed amount up to it. The minimum subtotal, if any,
     * is checked on the whole subtotal.
     */
    public long amountOff(long subtotal, long eligibleSubtotal, String currency, Instant now) {
        if (subtotal <= 0 || eligibleSubtotal <= 0 || refusal(subtotal, currency, now).isPresent()) {
            return 0;
        }
        long off = kind == Kind.PERCENTAGE ? percentOf(eligibleSubtotal, percentOff) : amountOff.amount();
        return Math.min(off, Math.min(eligibleSubtotal, subtotal));
    }

    /** {@code percent}% of an amount of minor units, rounded half up. */
    static long percentOf(long amount, int percent) {
        return Math.addExact(Math.multiplyExact(amount, (long) percent), 50) / 100;
    }

    /** 3000 EUR minor units as "30.00 EUR", for messages. */
    static String display(Money money) {
        int digits = java.util.Currency.getInstance(money.currency()).getDefaultFractionDigits();
        return java.math.BigDecimal.valueOf(money.amount(), Math.max(digits, 0)).toPlainString() + " " + money.currency();
    }
}
