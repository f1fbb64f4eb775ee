package dev.storefront.domain.pricing;

import dev.storefront.domain.Problem;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/** One way to ship to a zone: who carries it, how long it takes, and what it costs. */
public record ShippingMethod(String methodId, String name, String carrier, DeliveryDays deliveryDays, ShippingRate rate) {

    static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

    /** Working days from dispatch to delivery, {@code min} to {@code max}. */
    public record DeliveryDays(int min, int max) {
        public DeliveryDays {
            if (min < 0 || max > 365) {
                throw Problem.invalid("deliveryDays", "deliveryDays.min and deliveryDays.max must be from 0 to 365 days");
            }
            if (min > max) {
                throw Problem.invalid("deliveryDays.min", "deliveryDays.min (" + min + ") must not be greater than deliveryDays.max (" + max + ")");
            }
        }
    }

    public ShippingMethod {
        if (methodId == null || !ID.matcher(methodId).matches()) {
            throw Problem.invalid("methodId", "methodId must be 1-40 lower-case letters, digits or '-', starting with a letter or digit");
        }
        name = ShippingZone.requiredText("name", name);
        carrier = ShippingZone.requiredText("carrier", carrier);
        if (deliveryDays == null) {
            throw Problem.invalid("deliveryDays", "deliveryDays {min, max} is required");
        }
        if (rate == null) {
            throw Problem.invalid("rate", "rate is required");
        }
    }

    /** Why this method cannot carry a parcel (another currency, too heavy); empty when it can. */
    public Optional<String> refusal(Parcel parcel) {
        if (!rate.currency().equals(parcel.currency())) {
            return Optional.of("shipping method " + methodId + " charges in " + rate.currency() + ", this order is in " + parcel.currency());
        }
        OptionalLong max = rate.maxGrams();
        if (max.isPresent() && parcel.weightGrams() > max.getAsLong()) {
            return Optional.of("shipping method " + methodId + " carries at most " + max.getAsLong() + " g, this order weighs "
                    + parcel.weightGrams() + " g");
        }
        return Optional.empty();
    }

    /** What shipping a parcel costs; empty when this method cannot carry it (see {@link #refusal}). */
    public OptionalLong charge(Parcel parcel) {
        return refusal(parcel).isPresent() ? OptionalLong.empty() : rate.charge(parcel.weightGrams(), parcel.goodsAfterDiscount());
    }
}
