package dev.storefront.domain.pricing;

import dev.storefront.domain.Problem;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A country's tax: its rate per {@link TaxClass} in basis points (19 % = 1900, 5.5 % = 550) and
 * whether the catalog's prices already include it (EU-style VAT) or it is added on top (US-style
 * sales tax).
 *
 * <p>Only {@code standard} is required: a country without a reduced rate taxes reduced SKUs at its
 * standard rate, and {@code zero} is 0 unless given.
 */
public record TaxRates(String country, boolean pricesIncludeTax, Map<TaxClass, Integer> rates) {

    /** 100 %: no rate is higher. */
    public static final int MAX_BASIS_POINTS = 10_000;

    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    public TaxRates {
        if (!isCountry(country)) {
            throw Problem.invalid("country", "country must be an ISO 3166-1 alpha-2 code such as DE or US");
        }
        if (rates == null || rates.get(TaxClass.STANDARD) == null) {
            throw Problem.invalid("rates.standard", "rates.standard is required (basis points, 19 % = 1900)");
        }
        Map<TaxClass, Integer> complete = new EnumMap<>(TaxClass.class);
        for (TaxClass taxClass : TaxClass.values()) {
            Integer rate = rates.get(taxClass);
            if (rate != null && (rate < 0 || rate > MAX_BASIS_POINTS)) {
                throw Problem.invalid("rates." + taxClass.wireName(), "rates." + taxClass.wireName()
                        + " must be an integer of basis points from 0 to " + MAX_BASIS_POINTS + " (19 % = 1900)");
            }
            if (rate != null) {
                complete.put(taxClass, rate);
            }
        }
        complete.putIfAbsent(TaxClass.REDUCED, complete.get(TaxClass.STANDARD));
        complete.putIfAbsent(TaxClass.ZERO, 0);
        rates = Map.copyOf(complete);
    }

    public static TaxRates included(String country, int standard, int reduced) {
        return new TaxRates(country, true, Map.of(TaxClass.STANDARD, standard, TaxClass.REDUCED, reduced));
    }

    public static TaxRates onTop(String country, int standard) {
        return new TaxRates(country, false, Map.of(TaxClass.STANDARD, standard));
    }

    public static boolean isCountry(String code) {
        return code != null && COUNTRIES.contains(code);
    }

    /** The rate of a class in basis points. */
    public int rate(TaxClass taxClass) {
        return rates.get(taxClass);
    }
}
