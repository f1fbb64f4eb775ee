package dev.storefront.http;

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
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verifies a bearer token on routes API Gateway does not guard (carts: a shopper may be anonymous
 * or signed in), with the rules of API Gateway's JWT authorizer: RS256 only, a key from the
 * issuer's JWKS, not expired, not before its time, the configured issuer, and the audience in
 * {@code aud} (id tokens) or {@code client_id} (access tokens). Claims come out flattened to
 * strings as API Gateway passes them, so {@code Caller.fromClaims} reads both alike.
 */
@Singleton
public class TokenVerifier {

    private static final Logger LOG = LoggerFactory.getLogger(TokenVerifier.class);
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(30);
    /** A token naming a key we do not know refetches the JWKS, at most this often (key rotation). */
    private static final Duration REFETCH_INTERVAL = Duration.ofMinutes(1);
    private static final int MAX_TOKEN_LENGTH = 8192;
    private static final Argument<Map<String, Object>> OBJECT = Argument.mapOf(String.class, Object.class);

    private final String issuer;
    private final String audience;
    private final String jwksUrl;
    private final Clock clock;
    private final JsonMapper json;
    private final Map<String, PublicKey> keys = new ConcurrentHashMap<>();
    private volatile Instant fetchedAt = Instant.EPOCH;

    TokenVerifier(@Nullable @Value("${storefront.auth.issuer:}") String issuer,
                  @Nullable @Value("${storefront.auth.audience:}") String audience,
                  @Nullable @Value("${storefront.auth.jwks:}") String jwksUrl,
                  Clock clock, JsonMapper json) {
        this.issuer = issuer;
        this.audience = audience;
        this.jwksUrl = jwksUrl;
        this.clock = clock;
        this.json = json;
    }

    /** The verified claims of an Authorization header value, or empty when it does not verify. */
    public Optional<Map<String, String>> verify(String authorization) {
        if (authorization == null || issuer == null || issuer.isBlank() || authorization.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        String token = authorization.regionMatches(true, 0, "Bearer ", 0, 7) ? authorization.substring(7).trim() : authorization.trim();
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            Base64.Decoder b64 = Base64.getUrlDecoder();
            Map<String, Object> header = json.readValue(b64.decode(parts[0]), OBJECT);
            if (!"RS256".equals(header.get("alg")) || !(header.get("kid") instanceof String kid)) {
                return Optional.empty();
            }
            PublicKey key = key(kid);
            if (key == null) {
                return Optional.empty();
            }
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initVerify(key);
            rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!rs256.verify(b64.decode(parts[2]))) {
                return Optional.empty();
            }
            Map<String, Object> claims = json.readValue(b64.decode(parts[1]), OBJECT);
            return valid(claims) ? Optional.of(flatten(claims)) : Optional.empty();
        } catch (IOException | GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            return Optional.empty();
        }
    }

    private boolean valid(Map<String, Object> claims) {
        long now = clock.instant().getEpochSecond();
        long skew = CLOCK_SKEW.toSeconds();
        return claims.get("exp") instanceof Number exp && exp.longValue() + skew >= now
                && (!(claims.get("nbf") instanceof Number nbf) || nbf.longValue() - skew <= now)
                && issuer.equals(claims.get("iss"))
                && (audience == null || audience.isBlank() || audience.equals(claims.get("aud")) || audience.equals(claims.get("client_id"))
                    || claims.get("aud") instanceof List<?> list && list.contains(audience));
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

    private static Map<String, String> flatten(Map<String, Object> claims) {
        Map<String, String> flat = new LinkedHashMap<>();
        claims.forEach((name, value) -> flat.put(name, value instanceof List<?> list
                ? "[" + String.join(" ", list.stream().map(String::valueOf).toList()) + "]"
                : value instanceof Number n ? Long.toString(n.longValue()) : String.valueOf(value)));
        return flat;
    }
}
