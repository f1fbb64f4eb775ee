package dev.storefront.samlocal;

import dev.storefront.domain.Caller;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

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

    @Test
    void the_kept_private_key_is_readable_by_its_owner_only(@TempDir Path folder) throws IOException {
        DevIssuer.keysIn(folder);
        Path key = folder.resolve("dev-issuer.key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");

        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));  // written by an older version
        DevIssuer.keysIn(folder);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
    }

    @Test
    void a_group_that_only_contains_admin_as_a_word_grants_nothing() {
        for (List<String> groups : List.of(List.of("not admin"), List.of("support,admin"), List.of("\"admin\""), List.of("admin "), List.of(""))) {
            Map<String, String> claims = issuer.authorize(issuer.issue("eve", groups)).orElseThrow();

            assertThat(Caller.fromClaims(claims).isAdmin()).as(groups.toString()).isFalse();
        }
        assertThat(Caller.fromClaims(issuer.authorize(issuer.issue("ops", List.of("support", "admin"))).orElseThrow()).isAdmin()).isTrue();
    }

    @Test
    void tokens_the_gateway_refuses_are_refused_audience_numeric_dates_token_use_subject_and_key_id() {
        long t = now.instant().getEpochSecond();
        Map<String, Object> valid = Map.of("sub", "alice", "iss", issuer.issuer(), "aud", DevIssuer.AUDIENCE, "token_use", "id",
                "iat", t, "exp", t + 600);
        Map<String, Object> access = Map.of("sub", "alice", "iss", issuer.issuer(), "client_id", DevIssuer.AUDIENCE, "token_use", "access",
                "iat", t, "exp", t + 600);
        assertThat(issuer.authorize(issuer.sign(valid))).isPresent();
        assertThat(issuer.authorize(issuer.sign(access))).isPresent();

        Map<String, Map<String, Object>> refused = new java.util.LinkedHashMap<>();
        refused.put("aud of another app, client_id ours", with(valid, "aud", "other-app", "client_id", DevIssuer.AUDIENCE));
        refused.put("aud as a list holding ours", with(valid, "aud", List.of("other", DevIssuer.AUDIENCE)));
        refused.put("nbf as a string", with(valid, "nbf", Long.toString(t - 60)));
        refused.put("exp as a string", with(valid, "exp", Long.toString(t + 600)));
        refused.put("exp as a fraction", with(valid, "exp", t + 600.5));
        refused.put("iat in the future", with(valid, "iat", t + 3600));
        refused.put("token_use refresh", with(valid, "token_use", "refresh"));
        refused.put("no token_use", without(valid, "token_use"));
        refused.put("no sub", without(valid, "sub"));
        refused.put("blank sub", with(valid, "sub", " "));
        refused.put("no exp", without(valid, "exp"));
        refused.forEach((why, claims) -> assertThat(issuer.authorize(issuer.sign(claims))).as(why).isEmpty());
        assertThat(issuer.authorize(issuer.sign(valid, "unknown-key"))).as("unknown kid").isEmpty();
    }

    private static Map<String, Object> with(Map<String, Object> claims, Object... pairs) {
        Map<String, Object> copy = new java.util.LinkedHashMap<>(claims);
        for (int i = 0; i < pairs.length; i += 2) {
            copy.put((String) pairs[i], pairs[i + 1]);
        }
        return copy;
    }

    private static Map<String, Object> without(Map<String, Object> claims, String name) {
        Map<String, Object> copy = new java.util.LinkedHashMap<>(claims);
        copy.remove(name);
        return copy;
    }
}
