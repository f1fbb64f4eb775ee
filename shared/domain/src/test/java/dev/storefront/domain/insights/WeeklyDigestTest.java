package dev.storefront.domain.insights;

import dev.storefront.domain.Problem;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** ISO weeks and the week-over-week arithmetic. */
class WeeklyDigestTest {

    static DayCounters day(String date, long visitors, long orders, long eur, long firstOrders, long secondOrders) {
        TreeMap<String, Long> revenue = new TreeMap<>();
        TreeMap<String, Long> byCurrency = new TreeMap<>();
        if (orders > 0) {
            revenue.put("EUR", eur);
            byCurrency.put("EUR", orders);
        }
        return new DayCounters(LocalDate.parse(date), visitors, 0, 0, 0, 0, orders, 0, 0, 0, 0, 0, firstOrders, secondOrders,
                revenue, byCurrency, null);
    }

    @Test
    void weeks_parse_as_iso_weeks_and_a_week_the_year_does_not_have_is_a_400() {
        IsoWeek w48 = IsoWeek.parse("2026-W48");
        assertThat(w48.monday()).isEqualTo(LocalDate.of(2026, 11, 23));
        assertThat(w48.sunday()).isEqualTo(LocalDate.of(2026, 11, 29));
        assertThat(IsoWeek.parse("2026-W01").monday()).isEqualTo(LocalDate.of(2025, 12, 29));
        assertThat(IsoWeek.parse("2026-W53").sunday()).as("2026 has 53 weeks").isEqualTo(LocalDate.of(2027, 1, 3));
        assertThat(IsoWeek.parse("2027-W01").previous()).isEqualTo(IsoWeek.parse("2026-W53"));
        assertThat(IsoWeek.lastCompleteOn(LocalDate.of(2026, 11, 30))).as("a Monday: the week before").isEqualTo(w48);
        assertThat(IsoWeek.lastCompleteOn(LocalDate.of(2026, 11, 29))).as("a Sunday: its own").isEqualTo(w48);
        for (String bad : new String[]{"2026-W54", "2025-W53", "2026-W00", "2026-48", "2026-W4", null}) {
            assertThatThrownBy(() -> IsoWeek.parse(bad)).as(String.valueOf(bad)).isInstanceOfSatisfying(Problem.class,
                    p -> assertThat(p.field()).isEqualTo("week"));
        }
    }

    @Test
    void a_week_against_the_week_before_then_counts_and_money_change_relatively_and_rates_in_points() {
        List<DayCounters> days = List.of(
                day("2026-11-16", 10, 2, 5000, 2, 0),   // W47: 10 visitors, 2 orders, EUR 50.00
                day("2026-11-23", 8, 1, 3000, 0, 1),    // W48: 8 + 7 visitors, 1 + 2 orders, EUR 30 + 45
                day("2026-11-29", 7, 2, 4500, 1, 0));
        WeeklyDigest digest = WeeklyDigest.of(IsoWeek.parse("2026-W48"), days);
        assertThat(digest.kpis().visitors()).isEqualTo(15);
        assertThat(digest.kpis().ordersPlaced()).isEqualTo(3);
        assertThat(digest.kpis().conversionRate()).isEqualByComparingTo("0.2000");
        assertThat(digest.kpis().averageOrderValue()).containsEntry("EUR", 2500L);
        assertThat(digest.kpis().repeatPurchaseRate()).isEqualByComparingTo("0.3333");     // 1 of 3 customers
        assertThat(digest.previous().repeatPurchaseRate()).isEqualByComparingTo("0.0000");
        assertThat(digest.change().visitors()).isEqualByComparingTo("0.5000");              // (15 - 10) / 10
        assertThat(digest.change().ordersPlaced()).isEqualByComparingTo("0.5000");
        assertThat(digest.change().conversionRate()).isEqualByComparingTo("0.0000");        // 0.2 - 0.2
        assertThat(digest.change().revenue()).containsEntry("EUR", new java.math.BigDecimal("0.5000"));   // 7500 vs 5000
        assertThat(digest.change().averageOrderValue()).containsEntry("EUR", new java.math.BigDecimal("0.0000"));
        assertThat(digest.change().repeatPurchaseRate()).isEqualByComparingTo("0.3333");

        WeeklyDigest empty = WeeklyDigest.of(IsoWeek.parse("2026-W47"), days);
        assertThat(empty.change().visitors()).as("nothing the week before: no change").isNull();
        assertThat(empty.change().revenue()).isEmpty();
    }
}
