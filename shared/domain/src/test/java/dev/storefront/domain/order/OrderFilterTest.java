package dev.storefront.domain.order;

import dev.storefront.domain.Problem;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OrderFilterTest {

    @Test
    void dates_are_whole_utc_days_with_both_ends_included() {
        OrderFilter filter = OrderFilter.parse("SHIPPED", "2026-12-01", "2026-12-31", " Ada@Example.com ");

        assertThat(filter.status()).isEqualTo(OrderStatus.SHIPPED);
        assertThat(filter.contains(Instant.parse("2026-12-01T00:00:00Z"))).isTrue();
        assertThat(filter.contains(Instant.parse("2026-12-31T23:59:59.999Z"))).isTrue();
        assertThat(filter.contains(Instant.parse("2027-01-01T00:00:00Z"))).isFalse();
        assertThat(filter.contains(Instant.parse("2026-11-30T23:59:59Z"))).isFalse();
        assertThat(OrderFilter.emailKey(filter.email())).isEqualTo("ada@example.com");
        assertThat(OrderFilter.parse(null, null, null, null)).isEqualTo(new OrderFilter(null, null, null, null));
    }

    @Test
    void a_year_and_a_day_is_the_longest_range_and_a_reversed_one_is_refused() {
        assertThat(OrderFilter.parse(null, "2024-01-01", "2024-12-31", null).to()).isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
        for (String[] range : new String[][] {{"2025-01-01", "2026-01-02"}, {"2026-12-02", "2026-12-01"}, {"2026-02-30", null}, {null, "12/01/2026"}}) {
            assertThatThrownBy(() -> OrderFilter.parse(null, range[0], range[1], null)).isInstanceOf(Problem.class);
        }
        assertThatThrownBy(() -> OrderFilter.parse("shipped", null, null, null)).isInstanceOf(Problem.class);
        assertThatThrownBy(() -> OrderFilter.parse(null, null, null, "nobody")).isInstanceOf(Problem.class);
    }
}
