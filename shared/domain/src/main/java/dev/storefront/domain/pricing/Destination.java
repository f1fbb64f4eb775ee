package dev.storefront.domain.pricing;

import dev.storefront.domain.cart.ShippingChoice;

import java.util.List;
import java.util.Map;

/**
 * What pricing needs to know about where an order goes: the zone that serves the country (null when
 * none does) and the country's tax rates. A country the shop has set no rates for is charged no tax
 * (prices stand as they are, nothing is added).
 */
public record Destination(String country, ShippingZone zone, TaxRates taxRates) {

    public Destination {
        ShippingChoice.requireCountry(country);
        taxRates = taxRates == null ? new TaxRates(country, true, Map.of(TaxClass.STANDARD, 0)) : taxRates;
    }

    /** The zones as pricing asks them: the one serving this country, or none. */
    public ShippingZones zones() {
        return new ShippingZones(zone == null ? List.of() : List.of(zone));
    }
}
