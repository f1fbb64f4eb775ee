package dev.storefront.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The local stand-in for Cognito: issues HS256 JWTs and verifies them the way API Gateway's JWT
 * authorizer does (signature, expiry, not-before, issuer, audience), then hands the claims over
 * flattened to strings as API Gateway does (arrays become "[a b]").
 */
final class DevTokens {

    static final String ISSUER = "https://storefront.local/dev-issuer";
    static final String AUDIENCE = "storefront-local";
    static final Duration LIFETIME = Duration.ofHours(12);
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final byte[] secret;
    private final Clock clock;

    DevTokens(byte[] secret, Clock clock) {
        this.secret = secret.clone();
        this.clock = clock;
    }

    String issue(String subject, List<String> groups) {
        long now = clock.instant().getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", subject);
        claims.put("iss", ISSUER);
        claims.put("aud", AUDIENCE);
        claims.put("token_use", "id");
        claims.put("iat", now);
        claims.put("exp", now + LIFETIME.toSeconds());
        if (!groups.isEmpty()) {
            claims.put("cognito:groups", groups);
        }
        return sign(claims);
    }

    /** Signs arbitrary claims: tests use it to make expired or foreign tokens. */
    String sign(Map<String, Object> claims) {
        try {
            String header = B64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
            String payload = B64.encodeToString(JSON.writeValueAsBytes(claims));
            return header + "." + payload + "." + B64.encodeToString(mac((header + "." + payload).getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
    }

    /** The verified claims of an Authorization header value, or empty when API Gateway would answer 401. */
    Optional<Map<String, String>> verify(String authorization) {
        if (authorization == null) {
            return Optional.empty();
        }
        String token = authorization.regionMatches(true, 0, "Bearer ", 0, 7) ? authorization.substring(7).trim() : authorization.trim();
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
            if (!"HS256".equals(header.path("alg").asText())) {
                return Optional.empty();
            }
            byte[] expected = mac((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!MessageDigest.isEqual(expected, Base64.getUrlDecoder().decode(parts[2]))) {
                return Optional.empty();
            }
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            long now = clock.instant().getEpochSecond();
            if (!claims.path("exp").canConvertToLong() || claims.path("exp").asLong() + CLOCK_SKEW.toSeconds() < now
                    || claims.has("nbf") && claims.path("nbf").asLong() - CLOCK_SKEW.toSeconds() > now
                    || !ISSUER.equals(claims.path("iss").asText())
                    || !audienceMatches(claims.path("aud"))) {
                return Optional.empty();
            }
            Map<String, String> flattened = new LinkedHashMap<>();
            claims.fields().forEachRemaining(e -> flattened.put(e.getKey(), flatten(e.getValue())));
            return Optional.of(flattened);
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private static boolean audienceMatches(JsonNode aud) {
        if (aud.isArray()) {
            for (JsonNode a : aud) {
                if (AUDIENCE.equals(a.asText())) {
                    return true;
                }
            }
            return false;
        }
        return AUDIENCE.equals(aud.asText());
    }

    private static String flatten(JsonNode value) {
        if (value.isArray()) {
            StringBuilder out = new StringBuilder("[");
            value.forEach(v -> out.append(out.length() > 1 ? " " : "").append(v.asText()));
            return out.append(']').toString();
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }

    private byte[] mac(byte[] data) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        return mac.doFinal(data);
    }
}
