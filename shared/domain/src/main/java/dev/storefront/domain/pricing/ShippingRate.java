package dev.storefront.domain.pricing;

import dev.storefront.domain.Money;
import dev.storefront.domain.Problem;

import java.util.List;
import java.util.OptionalLong;

/**
 * What a shipping method charges, in minor units of {@code currency}: one FLAT amount, or WEIGHT_TIERS
 * where the first tier whose {@code upToGrams} reaches the parcel's weight sets the amount (a parcel
 * heavier than the last tier is not carried). Either way shipping is free when the goods after
 * discount reach {@code freeOver}.
 *
 * @param amount   for FLAT, else null
 * @param tiers    for WEIGHT_TIERS (light to heavy, {@code upToGrams} strictly increasing), else empty
 * @param freeOver null when shipping is never free
 */
public record ShippingRate(Kind kind, String currency, Long amount, List<WeightTier> tiers, Long freeOver) {

    public enum Kind { FLAT, WEIGHT_TIERS }

    /** Parcels up to and including {@code upToGrams} cost {@code amount}. */
    public record WeightTier(long upToGrams, long amount) {
    }

    public ShippingRate {
        tiers = tiers == null ? List.of() : List.copyOf(tiers);
        if (kind == null) {
            throw Problem.invalid("rate.kind", "rate.kind must be FLAT or WEIGHT_TIERS");
        }
        if (!Money.isCurrency(currency)) {
            throw Problem.invalid("rate.currency", "rate.currency must be an ISO 4217 code such as EUR or USD");
        }
        if (kind == Kind.FLAT) {
            if (amount == null || !tiers.isEmpty()) {
                throw Problem.invalid("rate.amount", "a FLAT rate has an amount and no tiers");
            }
            requireAmount("rate.amount", amount);
        } else {
            if (tiers.isEmpty() || amount != null) {
                throw Problem.invalid("rate.tiers", "a WEIGHT_TIERS rate has at least one tier and no amount");
            }
            for (int i = 0; i < tiers.size(); i++) {
                WeightTier tier = tiers.get(i);
                if (tier.upToGrams() < 1) {
                    throw Problem.invalid("rate.tiers[" + i + "].upToGrams", "rate.tiers[" + i + "].upToGrams must be a positive number of grams");
                }
                if (i > 0 && tier.upToGrams() <= tiers.get(i - 1).upToGrams()) {
                    throw Problem.invalid("rate.tiers[" + i + "].upToGrams", "rate.tiers[" + i + "].upToGrams (" + tier.upToGrams()
                            + ") must be greater than rate.tiers[" + (i - 1) + "].upToGrams (" + tiers.get(i - 1).upToGrams()
                            + "): tiers go from light to heavy");
                }
                requireAmount("rate.tiers[" + i + "].amount", tier.amount());
            }
        }
        if (freeOver != null) {
            requireAmount("rate.freeOver", freeOver);
        }
    }

    public static ShippingRate flat(String currency, long amount, Long freeOver) {
        return new ShippingRate(Kind.FLAT, currency, amount, List.of(), freeOver);
    }

    public static ShippingRate weightTiers(String currency, List<WeightTier> tiers, Long freeOver) {
        return new ShippingRate(Kind.WEIGHT_TIERS, currency, null, tiers, freeOver);
    }

    /** The heaviest parcel this rate carries, in grams; none for FLAT. */
    public OptionalLong maxGrams() {
        return kind == Kind.FLAT ? OptionalLong.empty() : OptionalLong.of(tiers.get(tiers.size() - 1).upToGrams());
    }

    /** The charge for a parcel in this rate's currency; empty when the parcel is too heavy. */
    OptionalLong charge(long weightGrams, long goodsAfterDiscount) {
        Long before = kind == Kind.FLAT ? amount : tierAmount(weightGrams);
        if (before == null) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(freeOver != null && goodsAfterDiscount >= freeOver ? 0 : before);
    }

    private Long tierAmount(long weightGrams) {
        return tiers.stream().filter(t -> weightGrams <= t.upToGrams()).findFirst().map(WeightTier::amount).orElse(null);
    }

    private static void requireAmount(String field, long value) {
        if (value < 0 || value > Money.MAX_AMOUNT) {
            throw Problem.invalid(field, field + " must be an integer of minor units from 0 to " + Money.MAX_AMOUNT);
        }
    }
}
