package dev.storefront.domain.pricing;

import java.util.List;

/**
 * What a shipping method is asked to carry: the order's currency, total weight and the value of
 * its goods after discount (the amount a {@code freeOver} threshold is compared with).
 */
public record Parcel(String currency, long weightGrams, long goodsAfterDiscount) {

    /** The parcel of some lines with a discount off their subtotal. */
    public static Parcel of(List<PricingLine> lines, long discount) {
        String currency = PricingLine.currencyOf(lines);
        long weight = 0;
        long subtotal = 0;
        for (PricingLine line : lines) {
            weight = Math.addExact(weight, line.weightTotal());
            subtotal = Math.addExact(subtotal, line.lineTotal());
        }
        return new Parcel(currency, weight, subtotal - discount);
    }
}
