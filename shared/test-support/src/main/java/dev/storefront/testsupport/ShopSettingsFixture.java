package dev.storefront.testsupport;

import dev.storefront.domain.pricing.ShippingMethod;
import dev.storefront.domain.pricing.ShippingRate;
import dev.storefront.domain.pricing.ShippingZone;
import dev.storefront.domain.pricing.TaxRates;
import dev.storefront.pricingstore.PricingTables;
import dev.storefront.pricingstore.ShippingZoneRepository;
import dev.storefront.pricingstore.TaxRateRepository;

import java.util.List;

/**
 * Shipping zones and tax rates for tests of carts and checkout, written by pricing-store's own
 * repositories into the shared emulators' ShopSettings table (zones are shop-wide, so every test of
 * a JVM sees the same ones):
 * <ul>
 *   <li>{@code eu} (DE, FR, NL, AT, BE, ES, IT): {@code standard} DHL 4.90, free over 50.00;
 *       {@code express} DHL Express 9.90, 1-2 days. DE 19 % / 7 %, FR 20 % / 5.5 %, prices include VAT;</li>
 *   <li>{@code us} (US): {@code standard} UPS 14.90; 7.25 % added on top;</li>
 *   <li>{@code uk} (GB): {@code tracked} Royal Mail, free, up to 20 kg; GB 20 % included. Free on
 *       purpose: tests written before shipping existed ship to GB and keep their totals.</li>
 * </ul>
 */
public final class ShopSettingsFixture {

    private static boolean seeded;

    private ShopSettingsFixture() {
    }

    /** Creates or replaces a zone, as the admin route does. */
    public static void save(ShippingZone zone) {
        zones().save(zone);
    }

    private static PricingTables tables() {
        return new PricingTables(TestStack.shared().resources().tableName("ShopSettingsTable"));
    }

    private static ShippingZoneRepository zones() {
        return new ShippingZoneRepository(TestStack.shared().emulators().dynamo(), tables());
    }

    public static synchronized void seed() {
        if (seeded) {
            return;
        }
        ShippingZoneRepository zones = zones();
        TaxRateRepository rates = new TaxRateRepository(TestStack.shared().emulators().dynamo(), tables());
        zones.save(new ShippingZone("eu", "European Union", List.of("DE", "FR", "NL", "AT", "BE", "ES", "IT"), List.of(
                new ShippingMethod("standard", "Standard", "DHL", new ShippingMethod.DeliveryDays(2, 4), ShippingRate.flat("EUR", 490, 5000L)),
                new ShippingMethod("express", "Express", "DHL Express", new ShippingMethod.DeliveryDays(1, 2), ShippingRate.flat("EUR", 990, null)))));
        zones.save(new ShippingZone("us", "United States", List.of("US"), List.of(
                new ShippingMethod("standard", "Standard", "UPS", new ShippingMethod.DeliveryDays(4, 8), ShippingRate.flat("EUR", 1490, null)))));
        zones.save(new ShippingZone("uk", "United Kingdom", List.of("GB"), List.of(
                new ShippingMethod("tracked", "Tracked", "Royal Mail", new ShippingMethod.DeliveryDays(2, 5),
                        ShippingRate.weightTiers("EUR", List.of(new ShippingRate.WeightTier(20_000, 0)), null)))));
        rates.save(TaxRates.included("DE", 1900, 700));
        rates.save(TaxRates.included("FR", 2000, 550));
        rates.save(TaxRates.included("GB", 2000, 2000));
        rates.save(TaxRates.onTop("US", 725));
        seeded = true;
    }
}
