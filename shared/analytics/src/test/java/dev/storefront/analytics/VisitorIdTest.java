package dev.storefront.analytics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class VisitorIdTest {

    @Test
    void a_storefronts_visitor_id_is_kept_only_when_it_is_1_to_64_safe_characters() {
        assertThat(VisitorId.parse("v-7f3a9c2e41")).isEqualTo("v-7f3a9c2e41");
        assertThat(VisitorId.parse("A_b-9")).isEqualTo("A_b-9");
        assertThat(VisitorId.parse("x".repeat(64))).hasSize(64);

        assertThat(VisitorId.parse(null)).isNull();
        assertThat(VisitorId.parse("")).isNull();
        assertThat(VisitorId.parse("x".repeat(65))).isNull();
        assertThat(VisitorId.parse("a b")).isNull();
        assertThat(VisitorId.parse("<script>")).isNull();
        assertThat(VisitorId.parse("visitor\r\nX-Injected: 1")).isNull();
        assertThat(VisitorId.parse("ｖｉｓｉｔｏｒ")).isNull();
    }
}
