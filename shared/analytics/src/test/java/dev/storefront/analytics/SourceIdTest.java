package dev.storefront.analytics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SourceIdTest {

    @Test
    void an_address_becomes_a_stable_pseudonym_of_16_hex_digits_and_none_stays_none() {
        assertThat(SourceId.of("203.0.113.7")).matches("[0-9a-f]{16}").isEqualTo(SourceId.of("203.0.113.7"))
                .isNotEqualTo(SourceId.of("203.0.113.8")).doesNotContain("203");
        assertThat(SourceId.of((String) null)).isNull();
        assertThat(SourceId.of(" ")).isNull();
    }
}
