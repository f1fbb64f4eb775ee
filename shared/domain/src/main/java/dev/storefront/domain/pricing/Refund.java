package dev.storefront.domain.pricing;

/**
 * What goes back to the shopper for returned goods: {@code amount} is what is refunded to the card,
 * {@code tax} the part of it that is tax (so net revenue can leave it out).
 */
public record Refund(long amount, long tax) {

    public static final Refund NONE = new Refund(0, 0);

    /**
     * The refund of {@code units} of a line of {@code quantity} units that was charged {@code charged}
     * (its price less its allocated discount, plus its tax when tax was added on top) with
     * {@code tax} in it, when {@code alreadyReturned} units have been refunded before.
     *
     * <p>Each return gives back the cumulative share of units returned so far, rounded down, less
     * what earlier returns gave, for the net and for the tax: however the units come back, one by one or all at once, the
     * refunds sum to exactly {@code charged} and {@code tax}; the last unit carries the remainder.
     */
    public static Refund ofUnits(long charged, long tax, int quantity, int alreadyReturned, int units) {
        if (quantity < 1 || alreadyReturned < 0 || units < 0 || alreadyReturned + units > quantity || tax < 0 || tax > charged) {
            throw new IllegalArgumentException("cannot refund " + units + " of " + quantity + " units after " + alreadyReturned);
        }
        // Net and tax are shared separately, so no refund's tax ever exceeds its amount.
        long net = charged - tax;
        long netBack = share(net, quantity, alreadyReturned + units) - share(net, quantity, alreadyReturned);
        long taxBack = share(tax, quantity, alreadyReturned + units) - share(tax, quantity, alreadyReturned);
        return new Refund(netBack + taxBack, taxBack);
    }

    public Refund plus(Refund other) {
        return new Refund(Math.addExact(amount, other.amount), Math.addExact(tax, other.tax));
    }

    private static long share(long whole, int quantity, int units) {
        return Math.multiplyExact(whole, (long) units) / quantity;
    }
}
