package dev.storefront.domain.pricing;

import dev.storefront.domain.ProblemCode;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.storefront.domain.pricing.ShippingZonesTest.invalid;
import static org.assertj.core.api.Assertions.assertThat;

class TaxRatesTest {

    @Test
    void a_country_without_a_reduced_rate_taxes_reduced_skus_at_standard_and_zero_is_zero() {
        TaxRates gb = new TaxRates("GB", true, Map.of(TaxClass.STANDARD, 2000));

        assertThat(gb.rate(TaxClass.STANDARD)).isEqualTo(2000);
        assertThat(gb.rate(TaxClass.REDUCED)).isEqualTo(2000);
        assertThat(gb.rate(TaxClass.ZERO)).isZero();
        assertThat(TaxRates.included("FR", 2000, 550).rate(TaxClass.REDUCED)).isEqualTo(550);
        assertThat(new TaxRates("DE", true, Map.of(TaxClass.STANDARD, 1900, TaxClass.ZERO, 0)).rate(TaxClass.ZERO)).isZero();
    }

    @Test
    void rates_are_basis_points_from_0_to_10000_and_standard_is_required() {
        invalid(() -> TaxRates.onTop("US", 10_001), "rates.standard", "rates.standard must be an integer of basis points from 0 to 10000 (19 % = 1900)");
        invalid(() -> TaxRates.included("DE", 1900, -1), "rates.reduced", "rates.reduced must be an integer of basis points from 0 to 10000 (19 % = 1900)");
        invalid(() -> new TaxRates("DE", true, Map.of(TaxClass.REDUCED, 700)), "rates.standard", "rates.standard is required (basis points, 19 % = 1900)");
        invalid(() -> new TaxRates("DE", true, null), "rates.standard", "rates.standard is required (basis points, 19 % = 1900)");
        invalid(() -> TaxRates.onTop("USA", 725), "country", "country must be an ISO 3166-1 alpha-2 code such as DE or US");
        assertThat(TaxRates.onTop("US", 10_000).rate(TaxClass.STANDARD)).isEqualTo(10_000);
        assertThat(TaxRates.onTop("US", 0).rate(TaxClass.STANDARD)).isZero();
    }

    @Test
    void tax_classes_read_their_wire_names_and_default_to_standard() {
        assertThat(TaxClass.parse(null)).isEqualTo(TaxClass.STANDARD);
        assertThat(TaxClass.parse("reduced")).isEqualTo(TaxClass.REDUCED);
        assertThat(TaxClass.ZERO.wireName()).isEqualTo("zero");
        invalid(() -> TaxClass.parse("luxury"), "taxClass", "taxClass must be standard, reduced or zero, not 'luxury'");
        invalid(() -> TaxClass.parse("STANDARD"), "taxClass", "taxClass must be standard, reduced or zero, not 'STANDARD'");
        assertThat(ProblemCode.SHIPPING_UNAVAILABLE.status()).isEqualTo(422);
        assertThat(ProblemCode.SHIPPING_METHOD_INVALID.status()).isEqualTo(422);
    }
}
