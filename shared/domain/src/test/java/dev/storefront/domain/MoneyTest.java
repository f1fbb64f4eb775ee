package dev.storefront.domain;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MoneyTest {

    @Test
    void unknown_currencies_and_negative_amounts_are_refused() {
        assertThatThrownBy(() -> new Money(100, "XYZ")).isInstanceOf(Problem.class).hasMessageContaining("ISO 4217");
        assertThatThrownBy(() -> new Money(100, "eur")).isInstanceOf(Problem.class);
        assertThatThrownBy(() -> new Money(-1, "EUR")).isInstanceOf(Problem.class);
        assertThatThrownBy(() -> new Money(Money.MAX_AMOUNT + 1, "EUR")).isInstanceOf(Problem.class);
    }

    @Property
    void line_totals_are_exact(@ForAll @LongRange(min = 0, max = 1_000_000) long unit, @ForAll @LongRange(min = 1, max = 99) long qty) {
        assertThat(new Money(unit, "EUR").times(qty).amount()).isEqualTo(unit * qty);
    }

    @Test
    void quoting_client_text_strips_markup_and_truncates() {
        assertThat(Problem.quote("<script>alert(1)</script>")).isEqualTo("'?script?alert?1??/script?'");
        assertThat(Problem.quote("x".repeat(100))).hasSize(64 + 5);
    }
}
