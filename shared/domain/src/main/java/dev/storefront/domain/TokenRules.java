package dev.storefront.domain;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The one set of bearer-token rules, those API Gateway's JWT authorizer applies to Cognito tokens
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html): RS256
 * signed by the issuer's key named by {@code kid}; {@code iss} the configured issuer; {@code aud}
 * the audience when present, else {@code client_id}; numeric {@code exp}, {@code nbf} and
 * {@code iat}; plus what Cognito tokens always carry: {@code token_use} of an accepted kind and a
 * {@code sub}. Used by the functions' own check ({@code TokenVerifier}) and by the local gateway.
 *
 * <p>Verified claims come out as API Gateway passes them to a function: every claim a string,
 * arrays as "[a b]". That form is only exact while no element holds a space or is empty (Cognito
 * group names cannot); a {@code cognito:groups} claim that would flatten ambiguously is dropped.
 */
public final class TokenRules {

    /** Cognito's two JWT kinds; refresh tokens are not JWTs a resource server accepts. */
    public static final Set<String> COGNITO_TOKEN_USES = Set.of("id", "access");
    public static final String GROUPS_CLAIM = "cognito:groups";
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(30);
    private static final int MAX_TOKEN_LENGTH = 8192;

    private final String issuer;
    private final String audience;
    private final Set<String> tokenUses;
    private final Clock clock;

    public TokenRules(String issuer, String audience, Set<String> tokenUses, Clock clock) {
        this.issuer = issuer;
        this.audience = audience;
        this.tokenUses = Set.copyOf(tokenUses);
        this.clock = clock;
    }

    /**
     * The verified, flattened claims of an Authorization header value ("Bearer x.y.z" or the bare
     * token), or empty where API Gateway would answer 401.
     *
     * @param keyById the issuer's public key for a {@code kid}, null when it has none by that id
     * @param json    parses a JSON object: strings, numbers, booleans, lists and maps
     */
    public Optional<Map<String, String>> verify(String authorization, Function<String, PublicKey> keyById,
                                                Function<byte[], Map<String, Object>> json) {
        if (authorization == null || blank(issuer) || blank(audience) || authorization.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        String token = authorization.regionMatches(true, 0, "Bearer ", 0, 7) ? authorization.substring(7).trim() : authorization.trim();
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            Base64.Decoder b64 = Base64.getUrlDecoder();
            Map<String, Object> header = json.apply(b64.decode(parts[0]));
            if (!"RS256".equals(header.get("alg")) || !(header.get("kid") instanceof String kid)) {
                return Optional.empty();
            }
            PublicKey key = keyById.apply(kid);
            if (key == null) {
                return Optional.empty();
            }
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initVerify(key);
            rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!rs256.verify(b64.decode(parts[2]))) {
                return Optional.empty();
            }
            Map<String, Object> claims = json.apply(b64.decode(parts[1]));
            return claims != null && valid(claims) ? Optional.of(flatten(claims)) : Optional.empty();
        } catch (GeneralSecurityException | RuntimeException e) {
            // Undecodable base64 or JSON, a claim of the wrong type, a malformed key: not a token we accept.
            return Optional.empty();
        }
    }

    private boolean valid(Map<String, Object> claims) {
        long now = clock.instant().getEpochSecond();
        long skew = CLOCK_SKEW.toSeconds();
        Long exp = seconds(claims.get("exp"));
        Long nbf = seconds(claims.get("nbf"));
        Long iat = seconds(claims.get("iat"));
        Object aud = claims.get("aud");
        return exp != null && exp + skew >= now
                && (!claims.containsKey("nbf") || nbf != null && nbf - skew <= now)
                && (!claims.containsKey("iat") || iat != null && iat - skew <= now)
                && issuer.equals(claims.get("iss"))
                && (aud != null ? audience.equals(aud) : audience.equals(claims.get("client_id")))
                && claims.get("token_use") instanceof String use && tokenUses.contains(use)
                && claims.get("sub") instanceof String sub && !sub.isBlank();
    }

    /** A NumericDate: an integral JSON number (a string or a fraction is not one). */
    private static Long seconds(Object value) {
        if (value instanceof Integer || value instanceof Long) {
            return ((Number) value).longValue();
        }
        return value instanceof BigInteger big && big.bitLength() < Long.SIZE ? big.longValue() : null;
    }

    private static Map<String, String> flatten(Map<String, Object> claims) {
        Map<String, String> flat = new LinkedHashMap<>();
        claims.forEach((name, value) -> {
            if (GROUPS_CLAIM.equals(name) && !exactGroups(value)) {
                return;
            }
            flat.put(name, value instanceof List<?> list
                    ? "[" + String.join(" ", list.stream().map(String::valueOf).toList()) + "]"
                    : String.valueOf(value));
        });
        return flat;
    }

    /** A list of names that survive "[a b]" and back: non-empty strings without whitespace. */
    private static boolean exactGroups(Object value) {
        return value instanceof List<?> list && list.stream().allMatch(g -> g instanceof String s
                && !s.isEmpty() && s.codePoints().noneMatch(Character::isWhitespace));
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
