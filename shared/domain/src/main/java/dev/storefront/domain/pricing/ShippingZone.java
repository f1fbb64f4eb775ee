package dev.storefront.domain.pricing;

import dev.storefront.domain.Problem;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Countries shipped to alike, and the methods they can choose from. The first method is the
 * zone's default: a checkout that names none gets it.
 *
 * <p>A method's own problems (its rate, its delivery days) carry fields relative to the method
 * ({@code rate.tiers[1].upToGrams}); the zone's carry {@code countries} or {@code methods[i].methodId}.
 */
public record ShippingZone(String zoneId, String name, List<String> countries, List<ShippingMethod> methods) {

    public ShippingZone {
        if (zoneId == null || !ShippingMethod.ID.matcher(zoneId).matches()) {
            throw Problem.invalid("zoneId", "zoneId must be 1-40 lower-case letters, digits or '-', starting with a letter or digit");
        }
        name = requiredText("name", name);
        if (countries == null || countries.isEmpty()) {
            throw Problem.invalid("countries", "countries must list at least one ISO 3166-1 alpha-2 code");
        }
        countries = List.copyOf(countries);
        Set<String> seen = new HashSet<>();
        for (String country : countries) {
            if (!TaxRates.isCountry(country)) {
                throw Problem.invalid("countries", "countries must be ISO 3166-1 alpha-2 codes such as DE or US, not " + Problem.quote(country));
            }
            if (!seen.add(country)) {
                throw Problem.invalid("countries", "countries lists " + country + " twice");
            }
        }
        if (methods == null || methods.isEmpty()) {
            throw Problem.invalid("methods", "methods must list at least one shipping method");
        }
        methods = List.copyOf(methods);
        Map<String, Integer> firstIndex = new HashMap<>();
        for (int i = 0; i < methods.size(); i++) {
            Integer earlier = firstIndex.putIfAbsent(methods.get(i).methodId(), i);
            if (earlier != null) {
                throw Problem.invalid("methods[" + i + "].methodId", "methods[" + i + "].methodId " + methods.get(i).methodId()
                        + " is already used by methods[" + earlier + "]");
            }
        }
    }

    public boolean serves(String country) {
        return countries.contains(country);
    }

    public Optional<ShippingMethod> method(String methodId) {
        return methods.stream().filter(m -> m.methodId().equals(methodId)).findFirst();
    }

    /** The zone's first method, whatever the parcel. */
    public ShippingMethod defaultMethod() {
        return methods.get(0);
    }

    static String requiredText(String field, String value) {
        if (value == null || value.isBlank()) {
            throw Problem.invalid(field, field + " is required");
        }
        if (value.strip().length() > 100) {
            throw Problem.invalid(field, field + " must be at most 100 characters");
        }
        return value.strip();
    }
}
