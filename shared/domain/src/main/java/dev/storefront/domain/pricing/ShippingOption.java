package dev.storefront.domain.pricing;

/** A method that can carry a parcel to a country, and what it would charge (0 when free). */
public record ShippingOption(String zoneId, ShippingMethod method, long amount) {
}
