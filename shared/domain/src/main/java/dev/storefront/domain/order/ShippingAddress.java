package dev.storefront.domain.order;

import dev.storefront.domain.Problem;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Where an order goes. Country is ISO 3166-1 alpha-2; postal codes are checked for shape only. */
public record ShippingAddress(String name, String line1, String line2, String city, String region, String postalCode, String country) {

    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    private static final Pattern POSTAL_CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 -]{0,11}");

    public ShippingAddress {
        name = required("shippingAddress.name", name, 100);
        line1 = required("shippingAddress.line1", line1, 200);
        line2 = optional("shippingAddress.line2", line2, 200);
        city = required("shippingAddress.city", city, 100);
        region = optional("shippingAddress.region", region, 100);
        postalCode = required("shippingAddress.postalCode", postalCode, 12);
        if (!POSTAL_CODE.matcher(postalCode).matches()) {
            throw Problem.invalid("shippingAddress.postalCode", "shippingAddress.postalCode must be letters, digits, spaces or '-'");
        }
        if (country == null || !COUNTRIES.contains(country)) {
            throw Problem.invalid("shippingAddress.country", "shippingAddress.country must be an ISO 3166-1 alpha-2 code such as DE or US");
        }
    }

    private static String required(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw Problem.invalid(field, field + " is required");
        }
        return optional(field, value, max);
    }

    private static String optional(String field, String value, int max) {
        if (value != null && value.strip().length() > max) {
            throw Problem.invalid(field, field + " must be at most " + max + " characters");
        }
        return value == null || value.isBlank() ? null : value.strip();
    }
}
