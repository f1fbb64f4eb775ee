package dev.storefront.local;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DevTokensTest {

    final Clock now = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);
    final DevTokens tokens = new DevTokens("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8), now);

    @Test
    void issued_tokens_verify_with_claims_flattened_like_api_gateway() {
        Map<String, String> claims = tokens.verify("Bearer " + tokens.issue("alice", List.of("admin", "ops"))).orElseThrow();

        assertThat(claims).containsEntry("sub", "alice").containsEntry("cognito:groups", "[admin ops]")
                .containsEntry("iss", DevTokens.ISSUER).containsEntry("aud", DevTokens.AUDIENCE);
    }

    @Test
    void another_secret_an_expired_token_or_alg_none_do_not_verify() {
        DevTokens other = new DevTokens("another-secret-another-secret-xx".getBytes(StandardCharsets.UTF_8), now);
        DevTokens later = new DevTokens("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8),
                Clock.offset(now, DevTokens.LIFETIME.plusMinutes(5)));
        String token = tokens.issue("alice", List.of());
        String unsigned = "eyJhbGciOiJub25lIn0." + token.split("\\.")[1] + ".";

        assertThat(other.verify(token)).isEmpty();
        assertThat(later.verify(token)).isEmpty();
        assertThat(tokens.verify(unsigned)).isEmpty();
        assertThat(tokens.verify("Bearer")).isEmpty();
    }
}
