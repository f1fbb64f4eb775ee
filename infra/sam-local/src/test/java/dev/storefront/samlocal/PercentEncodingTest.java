package dev.storefront.samlocal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PercentEncodingTest {

    @Test
    void well_formed_utf8_decodes_and_a_plus_stays_a_plus() {
        assertThat(PercentEncoding.decode("/products/a%20b+c")).isEqualTo("/products/a b+c");
        assertThat(PercentEncoding.decode("%C3%A9%2F%EF%BF%BD")).isEqualTo("é/\uFFFD");
        assertThat(PercentEncoding.decode("é\uD83D\uDE00")).isEqualTo("é\uD83D\uDE00");
        assertThat(PercentEncoding.decodes("%00")).isTrue();
    }

    @Test
    void a_percent_without_two_hex_digits_or_bytes_that_are_not_utf8_do_not_decode() {
        for (String raw : new String[] {"%", "%%%garbage", "%zz", "%u0041", "a%2", "%C3", "%C3%28", "%FF", "%ED%A0%80"}) {
            assertThat(PercentEncoding.decodes(raw)).as(raw).isFalse();
            assertThatThrownBy(() -> PercentEncoding.decode(raw)).as(raw).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
