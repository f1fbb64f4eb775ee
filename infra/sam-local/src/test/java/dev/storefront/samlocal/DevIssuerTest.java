package dev.storefront.samlocal;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DevIssuerTest {

    static final java.security.KeyPair KEYS = DevIssuer.newKeys();
    final Clock now = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);
    final DevIssuer issuer = new DevIssuer("http://localhost:1/local", KEYS, now);

    @Test
    void issued_tokens_pass_the_authorizer_with_claims_flattened_like_api_gateway() {
        Map<String, String> claims = issuer.authorize("Bearer " + issuer.issue("alice", List.of("admin", "ops"))).orElseThrow();

        assertThat(claims).containsEntry("sub", "alice").containsEntry("cognito:groups", "[admin ops]")
                .containsEntry("iss", "http://localhost:1/local").containsEntry("aud", DevIssuer.AUDIENCE);
        assertThat(issuer.jwks()).contains("\"kty\":\"RSA\"").contains("\"alg\":\"RS256\"");
    }

    @Test
    void another_key_another_issuer_expiry_and_alg_none_fail() {
        DevIssuer otherKey = new DevIssuer(issuer.issuer(), DevIssuer.newKeys(), now);
        DevIssuer otherIssuer = new DevIssuer("http://elsewhere", KEYS, now);
        DevIssuer later = new DevIssuer(issuer.issuer(), KEYS, Clock.offset(now, DevIssuer.LIFETIME.plusMinutes(5)));
        String token = issuer.issue("alice", List.of());
        String unsigned = "eyJhbGciOiJub25lIn0." + token.split("\\.")[1] + ".";

        assertThat(otherKey.authorize(token)).isEmpty();
        assertThat(otherIssuer.authorize(token)).isEmpty();
        assertThat(later.authorize(token)).isEmpty();
        assertThat(issuer.authorize(unsigned)).isEmpty();
        assertThat(issuer.authorize("Bearer")).isEmpty();
    }
}
