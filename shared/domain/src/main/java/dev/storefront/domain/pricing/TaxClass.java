package dev.storefront.domain.pricing;

import dev.storefront.domain.Problem;

import java.util.Locale;

/** How a SKU is taxed: at a country's standard rate, its reduced rate (books, food) or not at all. */
public enum TaxClass {
    STANDARD, REDUCED, ZERO;

    /** The name on the wire: {@code standard}, {@code reduced}, {@code zero}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** A tax class as sent by a client or stored on a SKU; absent means {@code standard}. */
    public static TaxClass parse(String value) {
        if (value == null) {
            return STANDARD;
        }
        for (TaxClass taxClass : values()) {
            if (taxClass.wireName().equals(value)) {
                return taxClass;
            }
        }
        throw Problem.invalid("taxClass", "taxClass must be standard, reduced or zero, not " + Problem.quote(value));
    }
}
