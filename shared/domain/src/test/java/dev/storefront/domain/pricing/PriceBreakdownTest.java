package dev.storefront.domain.pricing;

import dev.storefront.domain.Money;
import dev.storefront.domain.Problem;
import dev.storefront.domain.ProblemCode;
import dev.storefront.domain.pricing.PriceBreakdown.TaxLine;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PriceBreakdownTest {

    static final TaxRates DE = TaxRates.included("DE", 1900, 700);
    static final TaxRates US = TaxRates.onTop("US", 725);
    static final ShippingMethod EU_STANDARD = new ShippingMethod("standard", "Standard", "DHL",
            new ShippingMethod.DeliveryDays(2, 4), ShippingRate.flat("EUR", 490, 5000L));
    static final ShippingMethod US_STANDARD = new ShippingMethod("standard", "Standard", "UPS",
            new ShippingMethod.DeliveryDays(3, 5), ShippingRate.flat("USD", 799, 7500L));

    static PricingLine line(String sku, int quantity, long unitPrice, String currency, long grams, TaxClass taxClass) {
        return new PricingLine(sku, quantity, new Money(unitPrice, currency), grams, taxClass);
    }

    @Test
    void a_german_order_extracts_vat_at_two_rates_after_allocating_a_percentage_discount_and_ships_free_over_the_threshold() {
        // GIVEN 2 x T-shirt at 29.99 (standard, 19 %) and 1 x book at 24.90 (reduced, 7 %), prices include VAT
        List<PricingLine> lines = List.of(line("TSHIRT-M", 2, 2999, "EUR", 200, TaxClass.STANDARD),
                line("BOOK-1", 1, 2490, "EUR", 400, TaxClass.REDUCED));
        // subtotal 59.98 + 24.90 = 84.88; 10 % off = 8.488, half up 8.49 (what Discount.amountOff gives)
        long discount = 849;

        PriceBreakdown order = PriceBreakdown.of(lines, discount, DE, EU_STANDARD);

        // allocation: 849 * 5998 / 8488 = 599 remainder 7990; 849 * 2490 / 8488 = 249 remainder 498;
        // 599 + 249 = 848, the 1 cent left goes to the larger remainder (the T-shirts): 600 and 249
        assertThat(order.lines()).extracting(PriceBreakdown.Line::discountAllocated).containsExactly(600L, 249L);
        // T-shirts: gross 59.98 - 6.00 = 53.98; VAT 5398 * 1900 / 11900 = 861.87 -> 8.62; net 45.36
        // book: gross 24.90 - 2.49 = 22.41; VAT 2241 * 700 / 10700 = 146.61 -> 1.47; net 20.94
        assertThat(order.lines()).extracting(PriceBreakdown.Line::tax).containsExactly(862L, 147L);
        assertThat(order.lines()).extracting(PriceBreakdown.Line::taxable).containsExactly(4536L, 2094L);
        // goods after discount 84.88 - 8.49 = 76.39 >= 50.00: shipping is free, and so is its VAT
        assertThat(order.shipping().amount()).isZero();
        assertThat(order.shipping().tax()).isZero();
        assertThat(order.weightGrams()).isEqualTo(2 * 200 + 400);
        // VAT 8.62 + 1.47 = 10.09, inside the prices
        assertThat(order.tax().amount()).isEqualTo(1009);
        assertThat(order.tax().included()).isTrue();
        assertThat(order.tax().breakdown()).containsExactly(
                new TaxLine(TaxClass.STANDARD, 1900, 4536, 862),
                new TaxLine(TaxClass.REDUCED, 700, 2094, 147));
        // total = 84.88 - 8.49 + 0.00 + 0 (tax included) = 76.39
        assertThat(order.subtotal()).isEqualTo(8488);
        assertThat(order.total()).isEqualTo(7639);
    }

    @Test
    void a_german_order_below_the_threshold_pays_shipping_with_its_vat_at_the_standard_rate() {
        // 1 book at 24.90, no discount: 24.90 < 50.00, shipping 4.90 gross, VAT 490 * 1900 / 11900 = 78.24 -> 0.78
        PriceBreakdown order = PriceBreakdown.of(List.of(line("BOOK-1", 1, 2490, "EUR", 400, TaxClass.REDUCED)), 0, DE, EU_STANDARD);

        assertThat(order.shipping().amount()).isEqualTo(490);
        assertThat(order.shipping().tax()).isEqualTo(78);
        // book VAT 2490 * 700 / 10700 = 162.90 -> 1.63
        assertThat(order.tax().breakdown()).containsExactly(
                new TaxLine(TaxClass.STANDARD, 1900, 490 - 78, 78),
                new TaxLine(TaxClass.REDUCED, 700, 2490 - 163, 163));
        // total = 24.90 + 4.90 = 29.80
        assertThat(order.total()).isEqualTo(2980);
    }

    @Test
    void a_us_order_adds_sales_tax_on_top_of_the_discounted_lines_and_the_shipping() {
        // GIVEN 3 x mug at 12.99 and 1 x coaster at 5.49, 7.25 % added on top, a fixed 5.00 off
        List<PricingLine> lines = List.of(line("MUG", 3, 1299, "USD", 350, TaxClass.STANDARD),
                line("COASTER", 1, 549, "USD", 50, TaxClass.STANDARD));

        PriceBreakdown order = PriceBreakdown.of(lines, 500, US, US_STANDARD);

        // subtotal 38.97 + 5.49 = 44.46; allocation 500 * 3897 / 4446 = 438 r 1152, 500 * 549 / 4446 = 61 r 3294;
        // the cent left goes to the coaster (larger remainder): 438 and 62
        assertThat(order.lines()).extracting(PriceBreakdown.Line::discountAllocated).containsExactly(438L, 62L);
        // mugs: net 38.97 - 4.38 = 34.59, tax 3459 * 725 / 10000 = 250.78 -> 2.51
        // coaster: net 5.49 - 0.62 = 4.87, tax 487 * 725 / 10000 = 35.31 -> 0.35
        assertThat(order.lines()).extracting(PriceBreakdown.Line::tax).containsExactly(251L, 35L);
        // goods after discount 39.46 < 75.00: shipping 7.99, tax 799 * 725 / 10000 = 57.93 -> 0.58
        assertThat(order.shipping().amount()).isEqualTo(799);
        assertThat(order.shipping().tax()).isEqualTo(58);
        // tax 2.51 + 0.35 + 0.58 = 3.44 on taxable 34.59 + 4.87 + 7.99 = 47.45
        assertThat(order.tax().included()).isFalse();
        assertThat(order.tax().breakdown()).containsExactly(new TaxLine(TaxClass.STANDARD, 725, 4745, 344));
        // total = 44.46 - 5.00 + 7.99 + 3.44 = 50.89
        assertThat(order.total()).isEqualTo(5089);
    }

    @Test
    void a_line_the_discount_does_not_apply_to_carries_none_of_it() {
        List<PricingLine> lines = List.of(line("A", 1, 1000, "EUR", 0, TaxClass.STANDARD),
                new PricingLine("B", 1, new Money(3000, "EUR"), 0, TaxClass.STANDARD, false));

        PriceBreakdown order = PriceBreakdown.of(lines, 100, DE, null);

        assertThat(order.lines()).extracting(PriceBreakdown.Line::discountAllocated).containsExactly(100L, 0L);
        assertThat(order.shipping()).isNull();
        assertThat(order.total()).isEqualTo(3900);
        assertThatThrownBy(() -> PriceBreakdown.of(lines, 1001, DE, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_zero_class_is_taxed_at_zero_and_still_shown() {
        PriceBreakdown order = PriceBreakdown.of(List.of(line("GIFT", 1, 2500, "USD", 0, TaxClass.ZERO)), 0, US, null);

        assertThat(order.tax().breakdown()).containsExactly(new TaxLine(TaxClass.ZERO, 0, 2500, 0));
        assertThat(order.total()).isEqualTo(2500);
    }

    @Test
    void a_method_that_cannot_carry_the_order_or_charges_another_currency_is_refused() {
        ShippingMethod light = new ShippingMethod("small", "Small parcel", "Royal Mail", new ShippingMethod.DeliveryDays(1, 3),
                ShippingRate.weightTiers("EUR", List.of(new ShippingRate.WeightTier(1000, 395)), null));
        List<PricingLine> heavy = List.of(line("KETTLEBELL", 1, 4000, "EUR", 8000, TaxClass.STANDARD));

        assertThatThrownBy(() -> PriceBreakdown.of(heavy, 0, DE, light)).isInstanceOfSatisfying(Problem.class, p -> {
            assertThat(p.code()).isEqualTo(ProblemCode.SHIPPING_METHOD_INVALID);
            assertThat(p.detail()).isEqualTo("shipping method small carries at most 1000 g, this order weighs 8000 g");
        });
        assertThatThrownBy(() -> PriceBreakdown.of(List.of(line("MUG", 1, 1299, "USD", 350, TaxClass.STANDARD)), 0, US, EU_STANDARD))
                .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.detail()).contains("charges in EUR, this order is in USD"));
        assertThatThrownBy(() -> PriceBreakdown.of(List.of(), 0, DE, null)).isInstanceOfSatisfying(Problem.class,
                p -> assertThat(p.code()).isEqualTo(ProblemCode.CART_EMPTY));
        assertThatThrownBy(() -> PriceBreakdown.of(List.of(line("A", 1, 100, "EUR", 0, null), line("B", 1, 100, "USD", 0, null)), 0, DE, null))
                .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.code()).isEqualTo(ProblemCode.CURRENCY_MISMATCH));
    }

    // ---- properties -------------------------------------------------------------------------

    @Provide
    Arbitrary<List<PricingLine>> lines() {
        Arbitrary<PricingLine> line = Combinators.combine(
                Arbitraries.integers().between(1, 20),
                Arbitraries.longs().between(0, 500_000),
                Arbitraries.longs().between(0, 5_000),
                Arbitraries.of(TaxClass.class),
                Arbitraries.of(true, true, false)
        ).as((qty, price, grams, taxClass, discountable) ->
                new PricingLine("SKU-" + price + "-" + qty, qty, new Money(price, "EUR"), grams, taxClass, discountable));
        return line.list().ofMinSize(1).ofMaxSize(8);
    }

    @Provide
    Arbitrary<TaxRates> rates() {
        Arbitrary<Integer> bp = Arbitraries.integers().between(0, 10_000);
        return Combinators.combine(Arbitraries.of(true, false), bp, bp, bp).as((included, standard, reduced, zero) ->
                new TaxRates("DE", included, java.util.Map.of(TaxClass.STANDARD, standard, TaxClass.REDUCED, reduced, TaxClass.ZERO, zero)));
    }

    static long discountableTotal(List<PricingLine> lines) {
        return lines.stream().filter(PricingLine::discountable).mapToLong(PricingLine::lineTotal).sum();
    }

    @Property
    void the_discount_is_allocated_exactly_and_no_line_carries_more_than_its_total(
            @ForAll("lines") List<PricingLine> lines, @ForAll @IntRange(min = 0, max = 100) int percentOfEligible,
            @ForAll("rates") TaxRates rates) {
        long discount = discountableTotal(lines) * percentOfEligible / 100;

        PriceBreakdown order = PriceBreakdown.of(lines, discount, rates, EU_STANDARD);

        assertThat(order.lines().stream().mapToLong(PriceBreakdown.Line::discountAllocated).sum()).isEqualTo(discount);
        for (int i = 0; i < lines.size(); i++) {
            PriceBreakdown.Line line = order.lines().get(i);
            assertThat(line.discountAllocated()).isBetween(0L, line.lineTotal());
            if (!lines.get(i).discountable()) {
                assertThat(line.discountAllocated()).isZero();
            }
        }
    }

    @Property
    void line_and_shipping_taxes_sum_to_the_breakdown_and_the_totals_add_up(
            @ForAll("lines") List<PricingLine> lines, @ForAll @IntRange(min = 0, max = 100) int percentOfEligible,
            @ForAll("rates") TaxRates rates) {
        long discount = discountableTotal(lines) * percentOfEligible / 100;

        PriceBreakdown order = PriceBreakdown.of(lines, discount, rates, EU_STANDARD);

        long lineTaxes = order.lines().stream().mapToLong(PriceBreakdown.Line::tax).sum();
        assertThat(lineTaxes + order.shipping().tax()).isEqualTo(order.tax().amount());
        assertThat(order.tax().breakdown().stream().mapToLong(TaxLine::amount).sum()).isEqualTo(order.tax().amount());
        long paid = order.lines().stream().mapToLong(PriceBreakdown.Line::paid).sum();
        long taxable = order.tax().breakdown().stream().mapToLong(TaxLine::taxable).sum();
        assertThat(order.subtotal()).isEqualTo(lines.stream().mapToLong(PricingLine::lineTotal).sum());
        assertThat(order.total()).isEqualTo(order.subtotal() - order.discount() + order.shipping().amount()
                + (rates.pricesIncludeTax() ? 0 : order.tax().amount()));
        // net + tax is what the shopper pays, either way
        assertThat(taxable + order.tax().amount()).isEqualTo(paid + order.shipping().amount() + (rates.pricesIncludeTax() ? 0 : order.tax().amount()));
        assertThat(order.total()).isNotNegative();
    }

    @Property
    void net_revenue_is_the_lines_net_amounts_whether_tax_is_included_or_on_top(
            @ForAll("lines") List<PricingLine> lines, @ForAll @IntRange(min = 0, max = 100) int percentOfEligible,
            @ForAll("rates") TaxRates rates) {
        long discount = discountableTotal(lines) * percentOfEligible / 100;

        PriceBreakdown order = PriceBreakdown.of(lines, discount, rates, EU_STANDARD);

        long net = dev.storefront.domain.insights.NetRevenue.of(order.total(), order.tax().amount(), order.tax().included(),
                order.shipping().amount(), order.shipping().tax());
        assertThat(net).isEqualTo(order.lines().stream().mapToLong(PriceBreakdown.Line::taxable).sum());
    }

    @Property
    void tax_rounds_half_up_like_big_decimal(@ForAll @LongRange(min = 0, max = 10_000_000_000L) long amount,
                                             @ForAll @IntRange(min = 0, max = 10_000) int rate) {
        BigDecimal onTop = BigDecimal.valueOf(amount).multiply(BigDecimal.valueOf(rate)).divide(BigDecimal.valueOf(10_000), 0, RoundingMode.HALF_UP);
        BigDecimal extracted = BigDecimal.valueOf(amount).multiply(BigDecimal.valueOf(rate))
                .divide(BigDecimal.valueOf(10_000 + rate), 0, RoundingMode.HALF_UP);

        assertThat(PriceBreakdown.taxOf(amount, rate, false)).isEqualTo(onTop.longValueExact());
        assertThat(PriceBreakdown.taxOf(amount, rate, true)).isEqualTo(extracted.longValueExact());
    }

    @Property
    void shipping_becomes_free_exactly_when_the_goods_after_discount_reach_the_threshold(
            @ForAll @LongRange(min = 1, max = 20_000) long unitPrice, @ForAll @IntRange(min = 1, max = 10) int quantity,
            @ForAll @IntRange(min = 0, max = 50) int percentOff) {
        List<PricingLine> lines = List.of(line("A", quantity, unitPrice, "EUR", 100, TaxClass.STANDARD));
        long subtotal = unitPrice * quantity;
        long discount = subtotal * percentOff / 100;

        PriceBreakdown order = PriceBreakdown.of(lines, discount, DE, EU_STANDARD);

        assertThat(order.shipping().amount()).isEqualTo(subtotal - discount >= 5000 ? 0 : 490);
    }

    @Test
    void adding_a_unit_crosses_the_threshold_and_a_discount_can_take_it_back_below() {
        // 2 x 24.99 = 49.98 < 50.00: 4.90; 3 x 24.99 = 74.97: free; 3 x 24.99 less 25.00 off = 49.97: 4.90 again
        assertThat(PriceBreakdown.of(List.of(line("A", 2, 2499, "EUR", 0, null)), 0, DE, EU_STANDARD).shipping().amount()).isEqualTo(490);
        assertThat(PriceBreakdown.of(List.of(line("A", 3, 2499, "EUR", 0, null)), 0, DE, EU_STANDARD).shipping().amount()).isZero();
        assertThat(PriceBreakdown.of(List.of(line("A", 3, 2499, "EUR", 0, null)), 2500, DE, EU_STANDARD).shipping().amount()).isEqualTo(490);
        // exactly 50.00 is free
        assertThat(PriceBreakdown.of(List.of(line("A", 2, 2500, "EUR", 0, null)), 0, DE, EU_STANDARD).shipping().amount()).isZero();
    }
}
