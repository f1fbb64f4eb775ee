package dev.storefront.domain.webhook;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebhookSignatureTest {

    private static final String SECRET = "whsec_test_0123456789abcdef0123456789";
    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    private static final String BODY = "{\"id\":\"evt_1\"}";

    @Test
    void a_fresh_signature_of_the_body_is_accepted_within_five_minutes() {
        String header = WebhookSignature.header(SECRET, NOW, BODY);

        assertThatCode(() -> WebhookSignature.verify(SECRET, header, BODY, NOW.plusSeconds(300))).doesNotThrowAnyException();
    }

    @Test
    void the_documented_example_matches_openssl() {
        // printf '%s' '1764669600.{"id":"evt_1"}' | openssl dgst -sha256 -hmac 'whsec_test_0123456789abcdef0123456789'
        org.assertj.core.api.Assertions.assertThat(WebhookSignature.header(SECRET, Instant.ofEpochSecond(1764669600L), BODY))
                .isEqualTo("t=1764669600,v1=4dc7d6ea01f39afb9efd42f053f8719242625a9fe503370848a1cd1910747ee7");
    }

    @Test
    void missing_garbled_wrong_old_and_future_signatures_are_refused() {
        String fresh = WebhookSignature.header(SECRET, NOW, BODY);
        assertThatThrownBy(() -> WebhookSignature.verify(SECRET, null, BODY, NOW)).hasMessageContaining("missing");
        assertThatThrownBy(() -> WebhookSignature.verify(SECRET, "garbage", BODY, NOW)).isInstanceOf(WebhookSignature.Refused.class);
        assertThatThrownBy(() -> WebhookSignature.verify(SECRET, "t=abc,v1=00", BODY, NOW)).isInstanceOf(WebhookSignature.Refused.class);
        assertThatThrownBy(() -> WebhookSignature.verify(SECRET, fresh, BODY + " ", NOW)).hasMessageContaining("does not match");
        assertThatThrownBy(() -> WebhookSignature.verify("another-secret", fresh, BODY, NOW)).hasMessageContaining("does not match");
        assertThatThrownBy(() -> WebhookSignature.verify(SECRET, fresh, BODY, NOW.plusSeconds(301))).hasMessageContaining("older");
        assertThatThrownBy(() -> WebhookSignature.verify(SECRET, fresh, BODY, NOW.minusSeconds(301))).hasMessageContaining("older");
        assertThatThrownBy(() -> WebhookSignature.verify("", fresh, BODY, NOW)).hasMessageContaining("no webhook secret");
    }
}
