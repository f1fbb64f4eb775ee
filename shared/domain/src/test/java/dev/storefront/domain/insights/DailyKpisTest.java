package dev.storefront.domain.insights;

import dev.storefront.domain.Problem;
import dev.storefront.domain.ProblemCode;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The KPI arithmetic of docs/INSIGHTS.md, on counters alone. */
class DailyKpisTest {

    static final LocalDate DAY = LocalDate.of(2025, 3, 1);

    static DayCounters day(LocalDate date, long visitors, long carts, long checkouts, long placed, long paymentFailed,
                           long requested, long rejected, long firstOrders, long secondOrders) {
        return new DayCounters(date, visitors, 0, carts, checkouts, 0, placed, paymentFailed, requested, rejected, 0, 0,
                firstOrders, secondOrders, null, null, null);
    }

    @Test
    void a_day_of_counters_then_every_rate_is_rounded_half_up_to_four_places() {
        TreeMap<String, Long> revenue = new TreeMap<>();
        revenue.put("EUR", 10_001L);
        revenue.put("USD", 999L);
        TreeMap<String, Long> orders = new TreeMap<>();
        orders.put("EUR", 2L);
        orders.put("USD", 1L);
        TreeMap<Long, Long> shipped = new TreeMap<>();
        shipped.put(3L, 1L);
        shipped.put(10L, 2L);
        shipped.put(60L, 1L);
        DayCounters counters = new DayCounters(DAY, 7, 20, 6, 4, 2, 3, 1, 3, 1, 4, 1, 2, 1, revenue, orders, shipped);

        DailyKpis kpis = DailyKpis.of(counters, 2, 1);

        assertThat(kpis.conversionRate()).isEqualByComparingTo("0.4286");           // 3 / 7 = 0.428571...
        assertThat(kpis.cartConversionRate()).isEqualTo(new BigDecimal("0.5000"));   // 3 / 6
        assertThat(kpis.checkoutAbandonmentRate()).isEqualTo(new BigDecimal("0.2500")); // 1 - 3 / 4
        assertThat(kpis.paymentFailureRate()).isEqualTo(new BigDecimal("0.2500"));   // 1 / (3 + 1)
        assertThat(kpis.partnerRejectionRate()).isEqualTo(new BigDecimal("0.3333")); // 1 / 3
        assertThat(kpis.repeatPurchaseRate()).isEqualTo(new BigDecimal("0.5000"));   // 1 / 2
        assertThat(kpis.averageOrderValue()).containsEntry("EUR", 5001L)             // 10001 / 2 = 5000.5 -> 5001
                .containsEntry("USD", 999L);
        assertThat(kpis.medianPlacedToShippedMinutes()).isEqualTo(10L);              // 3, 10, 10, 60: 2nd smallest
        assertThat(kpis.revenue()).containsEntry("EUR", 10_001L);
    }

    @Test
    void a_day_without_denominators_then_the_rates_are_null_not_zero() {
        DailyKpis kpis = DailyKpis.of(DayCounters.empty(DAY), 0, 0);

        assertThat(kpis.conversionRate()).isNull();
        assertThat(kpis.cartConversionRate()).isNull();
        assertThat(kpis.checkoutAbandonmentRate()).isNull();
        assertThat(kpis.paymentFailureRate()).isNull();
        assertThat(kpis.repeatPurchaseRate()).isNull();
        assertThat(kpis.partnerRejectionRate()).isNull();
        assertThat(kpis.medianPlacedToShippedMinutes()).isNull();
        assertThat(kpis.averageOrderValue()).isEmpty();
    }

    @Test
    void more_orders_than_counted_checkouts_then_abandonment_is_floored_at_zero() {
        assertThat(DailyKpis.of(day(DAY, 5, 5, 1, 2, 0, 0, 0, 0, 0), 0, 0).checkoutAbandonmentRate()).isEqualTo(new BigDecimal("0.0000"));
    }

    @Test
    void a_histogram_then_the_lower_median_is_an_observed_value() {
        TreeMap<Long, Long> one = new TreeMap<>();
        one.put(42L, 1L);
        assertThat(Ratios.lowerMedian(one)).isEqualTo(42L);
        TreeMap<Long, Long> four = new TreeMap<>();
        four.put(1L, 1L);
        four.put(2L, 1L);
        four.put(3L, 1L);
        four.put(4L, 1L);
        assertThat(Ratios.lowerMedian(four)).isEqualTo(2L);
        four.put(5L, 1L);
        assertThat(Ratios.lowerMedian(four)).isEqualTo(3L);
    }

    @Test
    void a_range_then_every_day_has_a_row_and_repeat_purchase_counts_customers_since_the_beginning() {
        DateRange range = DateRange.parse("2025-03-01", "2025-03-03");
        // Before the range: 3 customers ordered for the first time, 1 of them again.
        DayCounters before = day(LocalDate.of(2025, 2, 10), 0, 0, 0, 4, 0, 0, 0, 3, 1);
        // 2025-03-02: one new customer, one more repeat.
        DayCounters second = day(LocalDate.of(2025, 3, 2), 2, 1, 1, 2, 0, 0, 0, 1, 1);

        List<DailyKpis> rows = KpiReport.rows(range, List.of(second, before));

        assertThat(rows).extracting(DailyKpis::date)
                .containsExactly(LocalDate.of(2025, 3, 1), LocalDate.of(2025, 3, 2), LocalDate.of(2025, 3, 3));
        assertThat(rows.get(0).ordersPlaced()).isZero();
        assertThat(rows.get(0).repeatPurchaseRate()).isEqualTo(new BigDecimal("0.3333")); // 1 / 3
        assertThat(rows.get(1).repeatPurchaseRate()).isEqualTo(new BigDecimal("0.5000")); // (1 + 1) / (3 + 1)
        assertThat(rows.get(2).repeatPurchaseRate()).isEqualTo(new BigDecimal("0.5000")); // unchanged on an empty day
        assertThat(rows.get(2).visitors()).isZero();
    }

    @Test
    void bad_ranges_then_each_is_a_validation_problem() {
        for (String[] bad : new String[][]{{"2025-03-02", "2025-03-01"}, {"2025-3-1", "2025-03-02"}, {"2025-02-30", "2025-03-01"},
                {null, "2025-03-01"}, {"2025-03-01", ""}, {"2024-01-01", "2025-01-01"}, {"x", "y"}}) {
            assertThatThrownBy(() -> DateRange.parse(bad[0], bad[1])).as(String.join(" .. ", String.valueOf(bad[0]), String.valueOf(bad[1])))
                    .isInstanceOf(Problem.class)
                    .extracting(e -> ((Problem) e).code()).isEqualTo(ProblemCode.VALIDATION_FAILED);
        }
        assertThat(DateRange.parse("2024-01-01", "2024-12-31").length()).as("a leap year: 366 days is allowed").isEqualTo(366);
        assertThat(DateRange.parseOrLast(null, null, LocalDate.of(2025, 3, 30), 30).from()).isEqualTo(LocalDate.of(2025, 3, 1));
    }
}
