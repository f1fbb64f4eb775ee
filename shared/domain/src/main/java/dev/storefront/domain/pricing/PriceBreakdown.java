package dev.storefront.domain.pricing;

import dev.storefront.domain.Problem;
import dev.storefront.domain.ProblemCode;

import java.util.ArrayList;
import java.util.List;

/**
 * The money of an order, explained: what each line cost, the share of the discount it carries, its
 * tax; the shipping charge and its tax; the tax by class and rate; and the total to charge. All
 * amounts are minor units of {@code currency}. docs/PRICING.md states the rules with examples.
 *
 * <p>{@code total = subtotal - discount + shipping + (tax.included ? 0 : tax.amount)}, and the
 * taxes of the lines and of shipping sum to {@code tax.amount} and to the breakdown's amounts.
 *
 * @param shipping null when no method is chosen yet (a cart before its country is known)
 */
public record PriceBreakdown(String currency, List<Line> lines, long subtotal, long discount, Shipping shipping, Tax tax,
                             long total, long weightGrams) {

    /**
     * A priced line. {@code taxable} is the net amount the rate applies to (after discount, before
     * tax): with prices that include tax it is {@code paid - tax}, otherwise {@code paid}.
     */
    public record Line(String sku, int quantity, long unitPrice, long lineTotal, long discountAllocated, TaxClass taxClass,
                       int rate, long taxable, long tax) {

        /** What the line's goods cost after their share of the discount, as priced (tax-inclusive or net). */
        public long paid() {
            return lineTotal - discountAllocated;
        }
    }

    /** The chosen method and its charge; {@code tax} is at the standard rate, inside {@code amount} when prices include tax. */
    public record Shipping(String methodId, String name, String carrier, long amount, long tax, long taxable) {
    }

    public record Tax(long amount, boolean included, List<TaxLine> breakdown) {
    }

    /** The tax of one class at its rate: lines of that class, plus shipping under {@code standard}. */
    public record TaxLine(TaxClass taxClass, int rate, long taxable, long amount) {
    }

    /**
     * Prices lines for a destination.
     *
     * @param discount the amount off the subtotal as the cart's discount rules computed it; it is
     *                 allocated to the discountable lines in proportion to their line totals
     * @param method   the chosen shipping method, null for none yet; one that cannot carry the
     *                 parcel is {@link ProblemCode#SHIPPING_METHOD_INVALID}
     * @throws IllegalArgumentException when the discount is negative or above the discountable lines' total
     */
    public static PriceBreakdown of(List<PricingLine> lines, long discount, TaxRates taxRates, ShippingMethod method) {
        String currency = PricingLine.currencyOf(lines);
        long[] discountable = lines.stream().mapToLong(l -> l.discountable() ? l.lineTotal() : 0).toArray();
        long[] allocated = Allocation.largestRemainder(discount, discountable);
        boolean included = taxRates.pricesIncludeTax();

        List<Line> priced = new ArrayList<>();
        long subtotal = 0;
        for (int i = 0; i < lines.size(); i++) {
            PricingLine line = lines.get(i);
            int rate = taxRates.rate(line.taxClass());
            long paid = line.lineTotal() - allocated[i];
            long tax = taxOf(paid, rate, included);
            priced.add(new Line(line.sku(), line.quantity(), line.unitPrice().amount(), line.lineTotal(), allocated[i],
                    line.taxClass(), rate, included ? paid - tax : paid, tax));
            subtotal = Math.addExact(subtotal, line.lineTotal());
        }

        Parcel parcel = Parcel.of(lines, discount);
        Shipping shipping = null;
        if (method != null) {
            long amount = method.charge(parcel).orElseThrow(() -> new Problem(ProblemCode.SHIPPING_METHOD_INVALID,
                    method.refusal(parcel).orElse("shipping method " + method.methodId() + " cannot carry this order"), "shippingMethodId"));
            int rate = taxRates.rate(TaxClass.STANDARD);
            long tax = taxOf(amount, rate, included);
            shipping = new Shipping(method.methodId(), method.name(), method.carrier(), amount, tax, included ? amount - tax : amount);
        }

        List<TaxLine> breakdown = new ArrayList<>();
        long taxTotal = 0;
        for (TaxClass taxClass : TaxClass.values()) {
            long taxable = 0;
            long amount = 0;
            boolean present = false;
            for (Line line : priced) {
                if (line.taxClass() == taxClass) {
                    present = true;
                    taxable = Math.addExact(taxable, line.taxable());
                    amount = Math.addExact(amount, line.tax());
                }
            }
            if (taxClass == TaxClass.STANDARD && shipping != null) {
                present = true;
                taxable = Math.addExact(taxable, shipping.taxable());
                amount = Math.addExact(amount, shipping.tax());
            }
            if (present) {
                breakdown.add(new TaxLine(taxClass, taxRates.rate(taxClass), taxable, amount));
                taxTotal = Math.addExact(taxTotal, amount);
            }
        }

        long shippingAmount = shipping == null ? 0 : shipping.amount();
        long total = Math.addExact(subtotal - discount + shippingAmount, included ? 0 : taxTotal);
        return new PriceBreakdown(currency, List.copyOf(priced), subtotal, discount, shipping,
                new Tax(taxTotal, included, List.copyOf(breakdown)), total, parcel.weightGrams());
    }

    /**
     * What returning {@code units} of the line of {@code sku} gives back, when {@code alreadyReturned}
     * of its units came back before: the line's price less its allocated discount, with its tax
     * (added to it when tax was on top), shared out per unit by {@link Refund#ofUnits}.
     */
    public Refund refundOf(String sku, int alreadyReturned, int units) {
        Line line = lines.stream().filter(l -> l.sku().equals(sku)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no line for sku " + sku));
        long charged = tax.included() ? line.paid() : Math.addExact(line.paid(), line.tax());
        return Refund.ofUnits(charged, line.tax(), line.quantity(), alreadyReturned, units);
    }

    /** The shipping charge with its tax: refunded only once every unit of the order has come back. */
    public Refund shippingRefund() {
        if (shipping == null) {
            return Refund.NONE;
        }
        return new Refund(tax.included() ? shipping.amount() : Math.addExact(shipping.amount(), shipping.tax()), shipping.tax());
    }

    /**
     * The tax of an amount at a rate in basis points, rounded half up to the minor unit: extracted
     * from a tax-inclusive (gross) amount as {@code gross * rate / (10000 + rate)}, or on a net
     * amount as {@code net * rate / 10000}.
     */
    public static long taxOf(long amount, int rate, boolean included) {
        long divisor = included ? TaxRates.MAX_BASIS_POINTS + rate : TaxRates.MAX_BASIS_POINTS;
        return halfUp(Math.multiplyExact(amount, (long) rate), divisor);
    }

    /** {@code n / d} rounded half up, for {@code n >= 0, d > 0}: floor((2n + d) / 2d). */
    static long halfUp(long n, long d) {
        return Math.addExact(Math.multiplyExact(n, 2L), d) / Math.multiplyExact(d, 2L);
    }
}
