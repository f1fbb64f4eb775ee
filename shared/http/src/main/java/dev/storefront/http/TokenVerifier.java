package dev.storefront.http;

import dev.storefront.domain.TokenRules;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.URL;
import java.net.URLConnection;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verifies a bearer token on routes API Gateway does not guard (carts: a shopper may be anonymous
 * or signed in) with the gateway's own rules ({@link TokenRules}), the key named by {@code kid}
 * coming from the issuer's JWKS. Claims come out flattened to strings as API Gateway passes them,
 * so {@code Caller.fromClaims} reads both alike.
 */
@Singleton
public class TokenVerifier {

    private static final Logger LOG = LoggerFactory.getLogger(TokenVerifier.class);
    /** A token naming a key we do not know refetches the JWKS, at most this often (key rotation). */
    private static final Duration REFETCH_INTERVAL = Duration.ofMinutes(1);
    private static final Argument<Map<String, Object>> OBJECT = Argument.mapOf(String.class, Object.class);

    private final TokenRules rules;
    private final String jwksUrl;
    private final Clock clock;
    private final JsonMapper json;
    private final Map<String, PublicKey> keys = new ConcurrentHashMap<>();
    private volatile Instant fetchedAt = Instant.EPOCH;

    TokenVerifier(@Nullable @Value("${storefront.auth.issuer:}") String issuer,
                  @Nullable @Value("${storefront.auth.audience:}") String audience,
                  @Nullable @Value("${storefront.auth.jwks:}") String jwksUrl,
                  Clock clock, JsonMapper json) {
        this.rules = new TokenRules(issuer, audience, TokenRules.COGNITO_TOKEN_USES, clock);
        this.jwksUrl = jwksUrl;
        this.clock = clock;
        this.json = json;
    }

    /** The verified claims of an Authorization header value, or empty when it does not verify. */
    public Optional<Map<String, String>> verify(String authorization) {
        return rules.verify(authorization, this::key, this::readObject);
    }

    private Map<String, Object> readObject(byte[] bytes) {
        try {
            return json.readValue(bytes, OBJECT);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a JSON object", e);
        }
    }

    private PublicKey key(String kid) {
        PublicKey key = keys.get(kid);
        return key != null ? key : fetchIfDue(kid);
    }

    /**
     * Looks again under the lock: a request that waited while another fetched the keys finds them
     * now, instead of seeing "fetched just now" and refusing a valid token (concurrent cold requests).
     */
    private synchronized PublicKey fetchIfDue(String kid) {
        PublicKey key = keys.get(kid);
        if (key == null && fetchedAt.plus(REFETCH_INTERVAL).isBefore(clock.instant())) {
            fetchKeys();
            key = keys.get(kid);
        }
        return key;
    }

    private void fetchKeys() {
        fetchedAt = clock.instant();
        try {
            URLConnection connection = new URL(jwksUrl).openConnection();
            connection.setConnectTimeout(2000);
            connection.setReadTimeout(2000);
            try (InputStream in = connection.getInputStream()) {
                Map<String, Object> jwks = json.readValue(in.readAllBytes(), OBJECT);
                for (Object entry : (List<?>) jwks.getOrDefault("keys", List.of())) {
                    Map<?, ?> jwk = (Map<?, ?>) entry;
                    if ("RSA".equals(jwk.get("kty")) && jwk.get("kid") instanceof String kid) {
                        keys.put(kid, KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
                                new BigInteger(1, Base64.getUrlDecoder().decode((String) jwk.get("n"))),
                                new BigInteger(1, Base64.getUrlDecoder().decode((String) jwk.get("e"))))));
                    }
                }
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            LOG.warn("Could not read the token issuer's keys from {}: {}", jwksUrl, e.toString());
        }
    }
}
