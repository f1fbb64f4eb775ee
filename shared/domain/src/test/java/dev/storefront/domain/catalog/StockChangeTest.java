package dev.storefront.domain.catalog;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StockChangeTest {

    static final Instant T = Instant.parse("2026-11-27T09:00:00Z");

    @Test
    void the_ledger_expects_the_last_admin_set_plus_what_orders_and_returns_moved_since() {
        List<StockChange> newestFirst = List.of(
                StockChange.restocked("GEL", 0, 1, "ret-1", T.plusSeconds(5)),
                StockChange.released("GEL", 0, 2, "o-1", T.plusSeconds(4)),
                StockChange.reserved("GEL", 0, 2, "o-2", T.plusSeconds(3)),
                StockChange.reserved("GEL", 0, 2, "o-1", T.plusSeconds(2)),
                StockChange.set("GEL", 0, 10, "req-2", T.plusSeconds(1)),
                StockChange.reserved("GEL", 0, 4, "o-0", T));

        assertThat(StockChange.expected(newestFirst)).hasValue(10 - 2 - 2 + 2 + 1);
    }

    @Test
    void stock_never_set_since_the_ledger_began_is_not_judged() {
        assertThat(StockChange.expected(List.of(StockChange.reserved("GEL", 0, 1, "o-1", T)))).isEmpty();
        assertThat(StockChange.expected(List.of())).isEmpty();
    }

    @Test
    void a_shard_is_its_own_ledger_partition() {
        assertThat(StockChange.reserved("GEL", 3, 1, "o-1", T).stockKey()).isEqualTo("GEL#3");
        assertThat(StockChange.reserved("GEL", 0, 1, "o-1", T).stockKey()).isEqualTo("GEL");
        assertThat(StockChange.reserved("GEL", 0, 2, "o-1", T).delta()).isEqualTo(-2);
    }

    @Test
    void only_an_admin_set_states_a_balance() {
        assertThatThrownBy(() -> new StockChange("GEL", 0, StockChange.Reason.RESERVE, -1, 5L, "o-1", T)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StockChange("GEL", 0, StockChange.Reason.SET, 0, null, "r", T)).isInstanceOf(IllegalArgumentException.class);
    }
}
