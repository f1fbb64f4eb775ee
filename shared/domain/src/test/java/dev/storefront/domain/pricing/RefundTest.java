package dev.storefront.domain.pricing;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.storefront.domain.pricing.PriceBreakdownTest.DE;
import static dev.storefront.domain.pricing.PriceBreakdownTest.EU_STANDARD;
import static dev.storefront.domain.pricing.PriceBreakdownTest.US;
import static dev.storefront.domain.pricing.PriceBreakdownTest.US_STANDARD;
import static dev.storefront.domain.pricing.PriceBreakdownTest.line;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RefundTest {

    @Test
    void a_returned_line_gives_back_its_price_less_its_share_of_the_discount_with_its_tax() {
        // the DE order of PriceBreakdownTest: T-shirts 59.98 less 6.00 = 53.98 with 8.62 VAT inside
        PriceBreakdown de = PriceBreakdown.of(List.of(line("TSHIRT-M", 2, 2999, "EUR", 200, TaxClass.STANDARD),
                line("BOOK-1", 1, 2490, "EUR", 400, TaxClass.REDUCED)), 849, DE, EU_STANDARD);

        // one T-shirt: floor(5398 * 1 / 2) = 26.99 with floor(862 / 2) = 4.31 VAT; the second gives the rest
        assertThat(de.refundOf("TSHIRT-M", 0, 1)).isEqualTo(new Refund(2699, 431));
        assertThat(de.refundOf("TSHIRT-M", 1, 1)).isEqualTo(new Refund(2699, 431));
        assertThat(de.refundOf("TSHIRT-M", 0, 2)).isEqualTo(new Refund(5398, 862));
        // the book: 22.41 with 1.47 VAT; shipping was free
        assertThat(de.refundOf("BOOK-1", 0, 1)).isEqualTo(new Refund(2241, 147));
        assertThat(de.shippingRefund()).isEqualTo(new Refund(0, 0));

        // the US order: mugs net 34.59 + 2.51 tax on top = 37.10 for three; shipping 7.99 + 0.58
        PriceBreakdown us = PriceBreakdown.of(List.of(line("MUG", 3, 1299, "USD", 350, TaxClass.STANDARD),
                line("COASTER", 1, 549, "USD", 50, TaxClass.STANDARD)), 500, US, US_STANDARD);
        // one mug: floor(3710 / 3) = 12.36 with floor(251 / 3) = 0.83 tax; then 24.73 - 12.36 = 12.37 for the next
        assertThat(us.refundOf("MUG", 0, 1)).isEqualTo(new Refund(1236, 83));
        assertThat(us.refundOf("MUG", 1, 1)).isEqualTo(new Refund(1237, 84));
        assertThat(us.refundOf("MUG", 2, 1)).isEqualTo(new Refund(1237, 84));
        assertThat(us.shippingRefund()).isEqualTo(new Refund(857, 58));
        assertThatThrownBy(() -> us.refundOf("MUG", 2, 2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Property
    void however_the_units_come_back_the_refunds_sum_to_what_was_charged(
            @ForAll @LongRange(min = 0, max = 10_000_000_000L) long charged, @ForAll @IntRange(min = 0, max = 100) int taxPercent,
            @ForAll @Size(min = 1, max = 20) List<@IntRange(min = 1, max = 25) Integer> batches) {
        int quantity = batches.stream().mapToInt(Integer::intValue).sum();
        long tax = charged * taxPercent / 100;

        Refund total = Refund.NONE;
        int returned = 0;
        for (int units : batches) {
            Refund refund = Refund.ofUnits(charged, tax, quantity, returned, units);
            assertThat(refund.amount()).isNotNegative();
            assertThat(refund.tax()).isBetween(0L, refund.amount());
            total = total.plus(refund);
            returned += units;
        }

        assertThat(total).isEqualTo(new Refund(charged, tax));
    }
}
