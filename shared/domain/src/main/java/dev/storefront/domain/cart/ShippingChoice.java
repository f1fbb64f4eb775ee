package dev.storefront.domain.cart;

import dev.storefront.domain.Problem;
import dev.storefront.domain.pricing.TaxRates;

/**
 * Where a cart ships and by which method, as the shopper chose it. The charge is never stored: it is
 * recomputed at every read from the zone, the lines and the discount as they are then.
 */
public record ShippingChoice(String country, String methodId) {

    public ShippingChoice {
        requireCountry(country);
    }

    /** A malformed country code is 400 VALIDATION_FAILED (a valid one in no zone is a 422 later). */
    public static String requireCountry(String country) {
        if (!TaxRates.isCountry(country)) {
            throw Problem.invalid("country", "country must be an ISO 3166-1 alpha-2 code such as DE or US");
        }
        return country;
    }
}
