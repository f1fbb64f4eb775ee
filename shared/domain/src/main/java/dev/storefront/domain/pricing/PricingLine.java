package dev.storefront.domain.pricing;

import dev.storefront.domain.Ids;
import dev.storefront.domain.Money;
import dev.storefront.domain.Problem;
import dev.storefront.domain.ProblemCode;

import java.util.List;

/**
 * One line to price: the SKU's unit price as the catalog shows it (tax-inclusive for a country
 * whose prices include tax, net otherwise), its weight and tax class.
 *
 * @param discountable whether the order's discount may reduce this line (false for lines outside a
 *                     code's categories, so such a line never carries part of that discount)
 */
public record PricingLine(String sku, int quantity, Money unitPrice, long weightGrams, TaxClass taxClass, boolean discountable) {

    public PricingLine {
        if (!Ids.isSku(sku)) {
            throw Problem.invalid("sku", "sku must be 1-64 letters, digits, '.', '_' or '-'");
        }
        if (quantity < 1) {
            throw Problem.invalid("quantity", "quantity must be at least 1");
        }
        if (unitPrice == null) {
            throw Problem.invalid("unitPrice", "unitPrice is required");
        }
        if (weightGrams < 0) {
            throw Problem.invalid("weightGrams", "weightGrams must be an integer of grams, 0 or more");
        }
        taxClass = taxClass == null ? TaxClass.STANDARD : taxClass;
    }

    /** A line any discount may reduce. */
    public PricingLine(String sku, int quantity, Money unitPrice, long weightGrams, TaxClass taxClass) {
        this(sku, quantity, unitPrice, weightGrams, taxClass, true);
    }

    public long lineTotal() {
        return Math.multiplyExact(unitPrice.amount(), (long) quantity);
    }

    public long weightTotal() {
        return Math.multiplyExact(weightGrams, (long) quantity);
    }

    /** The one currency of some lines: none is {@link ProblemCode#CART_EMPTY}, two are {@link ProblemCode#CURRENCY_MISMATCH}. */
    static String currencyOf(List<PricingLine> lines) {
        if (lines == null || lines.isEmpty()) {
            throw new Problem(ProblemCode.CART_EMPTY, "there are no lines to price");
        }
        String currency = lines.get(0).unitPrice().currency();
        for (PricingLine line : lines) {
            if (!line.unitPrice().currency().equals(currency)) {
                throw new Problem(ProblemCode.CURRENCY_MISMATCH, "sku " + line.sku() + " is priced in "
                        + line.unitPrice().currency() + ", the order in " + currency);
            }
        }
        return currency;
    }
}
