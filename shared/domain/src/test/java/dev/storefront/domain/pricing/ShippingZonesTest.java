package dev.storefront.domain.pricing;

import dev.storefront.domain.Problem;
import dev.storefront.domain.ProblemCode;
import dev.storefront.domain.pricing.ShippingMethod.DeliveryDays;
import dev.storefront.domain.pricing.ShippingRate.WeightTier;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShippingZonesTest {

    static final ShippingMethod STANDARD = PriceBreakdownTest.EU_STANDARD;
    static final ShippingMethod EXPRESS = new ShippingMethod("express", "Express", "DHL Express", new DeliveryDays(1, 2),
            ShippingRate.flat("EUR", 990, null));
    static final ShippingMethod UK_TRACKED = new ShippingMethod("tracked", "Tracked", "Royal Mail", new DeliveryDays(1, 3),
            ShippingRate.weightTiers("GBP", List.of(new WeightTier(1000, 395), new WeightTier(5000, 695), new WeightTier(20000, 1295)), null));
    static final ShippingZone EU = new ShippingZone("eu", "European Union", List.of("DE", "FR", "NL", "AT"), List.of(STANDARD, EXPRESS));
    static final ShippingZone UK = new ShippingZone("uk", "United Kingdom", List.of("GB"), List.of(UK_TRACKED));
    static final ShippingZones ZONES = new ShippingZones(List.of(EU, UK));

    static Parcel eur(long grams, long goods) {
        return new Parcel("EUR", grams, goods);
    }

    static void refused(ThrowingCallable call, ProblemCode code, String field, String detail) {
        assertThatThrownBy(call).isInstanceOfSatisfying(Problem.class, p -> {
            assertThat(p.code()).isEqualTo(code);
            assertThat(p.field()).isEqualTo(field);
            assertThat(p.detail()).isEqualTo(detail);
        });
    }

    static void invalid(ThrowingCallable call, String field, String detail) {
        refused(call, ProblemCode.VALIDATION_FAILED, field, detail);
    }

    @Test
    void a_country_finds_its_zone_and_the_zone_its_default_method() {
        assertThat(ZONES.zoneFor("FR")).contains(EU);
        assertThat(ZONES.zoneFor("US")).isEmpty();
        assertThat(ZONES.defaultMethod("DE", eur(500, 1000))).isEqualTo(STANDARD);
        assertThat(EU.defaultMethod()).isEqualTo(STANDARD);
        assertThat(ZONES.method("NL", "express", eur(500, 1000))).isEqualTo(EXPRESS);
    }

    @Test
    void options_list_what_each_method_would_charge_and_leave_out_what_cannot_carry_the_parcel() {
        assertThat(ZONES.options("DE", eur(500, 4999))).extracting(o -> o.method().methodId() + "=" + o.amount())
                .containsExactly("standard=490", "express=990");
        assertThat(ZONES.options("DE", eur(500, 5000))).extracting(ShippingOption::amount).containsExactly(0L, 990L);
        // tiers: up to and including 1000 g costs 3.95, 1001 g costs 6.95, 20 kg is the most it carries
        assertThat(ZONES.options("GB", new Parcel("GBP", 1000, 0))).extracting(ShippingOption::amount).containsExactly(395L);
        assertThat(ZONES.options("GB", new Parcel("GBP", 1001, 0))).extracting(ShippingOption::amount).containsExactly(695L);
        assertThat(ZONES.options("GB", new Parcel("GBP", 0, 0))).extracting(ShippingOption::amount).containsExactly(395L);
        assertThat(ZONES.options("GB", new Parcel("GBP", 20001, 0))).isEmpty();
        assertThat(ZONES.options("GB", new Parcel("EUR", 100, 0))).as("another currency").isEmpty();
    }

    @Test
    void a_country_in_no_zone_is_unavailable_and_a_method_that_does_not_serve_it_is_invalid() {
        refused(() -> ZONES.options("US", eur(0, 0)), ProblemCode.SHIPPING_UNAVAILABLE, "country", "we do not ship to 'US'");
        refused(() -> ZONES.method("US", "standard", eur(0, 0)), ProblemCode.SHIPPING_UNAVAILABLE, "country", "we do not ship to 'US'");
        refused(() -> ZONES.method("DE", "tracked", eur(0, 0)), ProblemCode.SHIPPING_METHOD_INVALID, "shippingMethodId",
                "shipping method 'tracked' does not ship to DE");
        refused(() -> ZONES.method("GB", "tracked", new Parcel("GBP", 25000, 0)), ProblemCode.SHIPPING_METHOD_INVALID, "shippingMethodId",
                "shipping method tracked carries at most 20000 g, this order weighs 25000 g");
        refused(() -> ZONES.defaultMethod("GB", new Parcel("GBP", 25000, 0)), ProblemCode.SHIPPING_UNAVAILABLE, "country",
                "no shipping method to GB can carry this order: shipping method tracked carries at most 20000 g, this order weighs 25000 g");
    }

    @Test
    void a_checkout_without_a_method_keeps_the_carts_choice_while_it_serves_else_takes_the_default() {
        assertThat(ZONES.preferredOrDefault("DE", "express", eur(0, 0))).isEqualTo(EXPRESS);
        assertThat(ZONES.preferredOrDefault("DE", null, eur(0, 0))).isEqualTo(STANDARD);
        // the cart chose UK tracked, the address is in Germany: Germany's default
        assertThat(ZONES.preferredOrDefault("DE", "tracked", eur(0, 0))).isEqualTo(STANDARD);
    }

    @Test
    void the_default_is_the_first_method_that_can_carry_the_parcel() {
        ShippingMethod letter = new ShippingMethod("letter", "Letter", "Deutsche Post", new DeliveryDays(1, 3),
                ShippingRate.weightTiers("EUR", List.of(new WeightTier(500, 160)), null));
        ShippingZones zones = new ShippingZones(List.of(new ShippingZone("de", "Germany", List.of("DE"), List.of(letter, STANDARD))));

        assertThat(zones.defaultMethod("DE", eur(400, 0))).isEqualTo(letter);
        assertThat(zones.defaultMethod("DE", eur(600, 0))).isEqualTo(STANDARD);
    }

    @Test
    void a_country_is_in_at_most_one_zone() {
        ShippingZone dach = new ShippingZone("dach", "DACH", List.of("CH", "AT"), List.of(STANDARD));

        refused(() -> ZONES.put(dach), ProblemCode.CONFLICT, "countries", "country AT is already in shipping zone eu");
        refused(() -> new ShippingZones(List.of(EU, dach)), ProblemCode.CONFLICT, "countries", "country AT is already in shipping zone eu");
        refused(() -> new ShippingZones(List.of(UK, UK)), ProblemCode.CONFLICT, "zoneId", "zone uk is listed twice");
        // replacing a zone by its id may keep its countries, and move one to a new zone afterwards
        ShippingZones smallerEu = ZONES.put(new ShippingZone("eu", "EU", List.of("DE", "FR", "NL"), List.of(STANDARD)));
        ShippingZones withDach = smallerEu.put(dach);
        assertThat(withDach.zoneFor("AT")).contains(dach);
        assertThat(withDach.zones()).hasSize(3);
    }

    @Test
    void a_zone_needs_an_id_a_name_countries_and_distinct_methods() {
        invalid(() -> new ShippingZone("EU!", "EU", List.of("DE"), List.of(STANDARD)), "zoneId",
                "zoneId must be 1-40 lower-case letters, digits or '-', starting with a letter or digit");
        invalid(() -> new ShippingZone("eu", " ", List.of("DE"), List.of(STANDARD)), "name", "name is required");
        invalid(() -> new ShippingZone("eu", "EU", List.of(), List.of(STANDARD)), "countries",
                "countries must list at least one ISO 3166-1 alpha-2 code");
        invalid(() -> new ShippingZone("eu", "EU", List.of("de"), List.of(STANDARD)), "countries",
                "countries must be ISO 3166-1 alpha-2 codes such as DE or US, not 'de'");
        invalid(() -> new ShippingZone("eu", "EU", List.of("XX"), List.of(STANDARD)), "countries",
                "countries must be ISO 3166-1 alpha-2 codes such as DE or US, not 'XX'");
        invalid(() -> new ShippingZone("eu", "EU", List.of("DE", "DE"), List.of(STANDARD)), "countries", "countries lists DE twice");
        invalid(() -> new ShippingZone("eu", "EU", List.of("DE"), List.of()), "methods", "methods must list at least one shipping method");
        invalid(() -> new ShippingZone("eu", "EU", List.of("DE"), List.of(STANDARD, EXPRESS, STANDARD)), "methods[2].methodId",
                "methods[2].methodId standard is already used by methods[0]");
    }

    @Test
    void a_method_needs_an_id_a_name_a_carrier_a_day_range_and_a_rate() {
        DeliveryDays days = new DeliveryDays(1, 2);
        ShippingRate rate = ShippingRate.flat("EUR", 490, null);
        invalid(() -> new ShippingMethod("Std", "Standard", "DHL", days, rate), "methodId",
                "methodId must be 1-40 lower-case letters, digits or '-', starting with a letter or digit");
        invalid(() -> new ShippingMethod("std", null, "DHL", days, rate), "name", "name is required");
        invalid(() -> new ShippingMethod("std", "Standard", "", days, rate), "carrier", "carrier is required");
        invalid(() -> new ShippingMethod("std", "Standard", "DHL", null, rate), "deliveryDays", "deliveryDays {min, max} is required");
        invalid(() -> new ShippingMethod("std", "Standard", "DHL", days, null), "rate", "rate is required");
        invalid(() -> new DeliveryDays(3, 1), "deliveryDays.min", "deliveryDays.min (3) must not be greater than deliveryDays.max (1)");
        invalid(() -> new DeliveryDays(-1, 1), "deliveryDays", "deliveryDays.min and deliveryDays.max must be from 0 to 365 days");
        assertThat(new DeliveryDays(0, 0).max()).isZero();
    }

    @Test
    void a_rate_refuses_negative_amounts_tiers_out_of_order_and_mixed_shapes() {
        invalid(() -> ShippingRate.flat("EUR", -1, null), "rate.amount", "rate.amount must be an integer of minor units from 0 to 10000000000");
        invalid(() -> ShippingRate.flat("EUR", 490, -1L), "rate.freeOver", "rate.freeOver must be an integer of minor units from 0 to 10000000000");
        invalid(() -> ShippingRate.flat("EURO", 490, null), "rate.currency", "rate.currency must be an ISO 4217 code such as EUR or USD");
        invalid(() -> new ShippingRate(null, "EUR", 490L, null, null), "rate.kind", "rate.kind must be FLAT or WEIGHT_TIERS");
        invalid(() -> new ShippingRate(ShippingRate.Kind.FLAT, "EUR", null, null, null), "rate.amount", "a FLAT rate has an amount and no tiers");
        invalid(() -> new ShippingRate(ShippingRate.Kind.FLAT, "EUR", 490L, List.of(new WeightTier(1, 1)), null), "rate.amount",
                "a FLAT rate has an amount and no tiers");
        invalid(() -> ShippingRate.weightTiers("GBP", List.of(), null), "rate.tiers", "a WEIGHT_TIERS rate has at least one tier and no amount");
        invalid(() -> ShippingRate.weightTiers("GBP", List.of(new WeightTier(1000, 395), new WeightTier(1000, 695)), null),
                "rate.tiers[1].upToGrams", "rate.tiers[1].upToGrams (1000) must be greater than rate.tiers[0].upToGrams (1000): tiers go from light to heavy");
        invalid(() -> ShippingRate.weightTiers("GBP", List.of(new WeightTier(5000, 695), new WeightTier(1000, 395)), null),
                "rate.tiers[1].upToGrams", "rate.tiers[1].upToGrams (1000) must be greater than rate.tiers[0].upToGrams (5000): tiers go from light to heavy");
        invalid(() -> ShippingRate.weightTiers("GBP", List.of(new WeightTier(0, 395)), null), "rate.tiers[0].upToGrams",
                "rate.tiers[0].upToGrams must be a positive number of grams");
        invalid(() -> ShippingRate.weightTiers("GBP", List.of(new WeightTier(1000, -5)), null), "rate.tiers[0].amount",
                "rate.tiers[0].amount must be an integer of minor units from 0 to 10000000000");
    }
}
