package dev.storefront.domain.insights;

import dev.storefront.domain.Problem;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.YearMonth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Cohort windows and month ranges. */
class CohortTest {

    static final Instant FIRST = Instant.parse("2032-01-05T10:00:00Z");

    @Test
    void a_second_order_counts_in_every_window_it_is_within_by_whole_days() {
        assertThat(Cohort.windowsOf(FIRST, FIRST.plusSeconds(10 * 86_400))).containsExactly(30, 60, 90);
        assertThat(Cohort.windowsOf(FIRST, FIRST.plusSeconds(30 * 86_400 + 23 * 3600))).as("30 days 23 hours").containsExactly(30, 60, 90);
        assertThat(Cohort.windowsOf(FIRST, FIRST.plusSeconds(45 * 86_400))).containsExactly(60, 90);
        assertThat(Cohort.windowsOf(FIRST, FIRST.plusSeconds(100 * 86_400))).isEmpty();
        assertThat(new Cohort(YearMonth.of(2032, 1), 3, 1, 2, 2).rate60()).isEqualByComparingTo("0.6667");
        assertThat(new Cohort(YearMonth.of(2032, 1), 0, 0, 0, 0).rate30()).isNull();
    }

    @Test
    void a_month_range_reversed_malformed_or_over_36_months_is_a_400() {
        assertThat(MonthRange.parse("2030-01", "2032-12").months()).hasSize(36);
        for (String[] bad : new String[][]{{"2032-02", "2032-01"}, {"2032-1", "2032-02"}, {"2032-13", "2033-01"}, {"2030-01", "2033-01"}, {null, "2032-01"}}) {
            assertThatThrownBy(() -> MonthRange.parse(bad[0], bad[1])).as(String.join(",", String.valueOf(bad[0]), bad[1])).isInstanceOf(Problem.class);
        }
    }
}
