package dev.storefront.samlocal;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.storefront.domain.TokenRules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The local stand-in for Cognito: an RS256 issuer with a JWKS, so functions verify its tokens
 * with exactly the code that verifies Cognito's. It also plays API Gateway's JWT authorizer
 * ({@link #authorize}) with the one set of token rules, {@link TokenRules}: the claims come out
 * flattened to strings as API Gateway passes them (arrays become "[a b]").
 */
public final class DevIssuer {

    public static final String AUDIENCE = "storefront-local";
    public static final Duration LIFETIME = Duration.ofHours(12);
    private static final String KEY_ID = "dev-1";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final String issuer;
    private final KeyPair keys;
    private final Clock clock;
    private final TokenRules rules;

    public DevIssuer(String issuer, KeyPair keys, Clock clock) {
        this.issuer = issuer;
        this.keys = keys;
        this.clock = clock;
        this.rules = new TokenRules(issuer, AUDIENCE, TokenRules.COGNITO_TOKEN_USES, clock);
    }

    /** Keys kept in a folder so tokens survive a restart; created on first use. */
    public static KeyPair keysIn(Path folder) {
        try {
            Path privateKey = folder.resolve("dev-issuer.key");
            Path publicKey = folder.resolve("dev-issuer.pub");
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            if (Files.exists(privateKey) && Files.exists(publicKey)) {
                ownerOnly(privateKey);  // a key written before keys were created 0600
                return new KeyPair(rsa.generatePublic(new X509EncodedKeySpec(Files.readAllBytes(publicKey))),
                        rsa.generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(privateKey))));
            }
            KeyPair keys = newKeys();
            Files.createDirectories(folder);
            Files.write(publicKey, keys.getPublic().getEncoded());
            Files.deleteIfExists(privateKey);
            if (posix(folder)) {
                Files.createFile(privateKey, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            }
            Files.write(privateKey, keys.getPrivate().getEncoded());
            return keys;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whoever can read the private key can sign an admin token for the local runtime: owner only. */
    private static void ownerOnly(Path privateKey) throws IOException {
        if (posix(privateKey.getParent()) && !Files.getPosixFilePermissions(privateKey).equals(OWNER_ONLY)) {
            Files.setPosixFilePermissions(privateKey, OWNER_ONLY);
        }
    }

    private static boolean posix(Path folder) {
        return folder.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    public static KeyPair newKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String issuer() {
        return issuer;
    }

    /** Where functions fetch the keys: the issuer URL plus the path Cognito uses. */
    public String jwksUrl() {
        return issuer + "/.well-known/jwks.json";
    }

    public String jwks() {
        RSAPublicKey key = (RSAPublicKey) keys.getPublic();
        ObjectNode jwk = JSON.createObjectNode()
                .put("kty", "RSA").put("kid", KEY_ID).put("use", "sig").put("alg", "RS256")
                .put("n", B64.encodeToString(unsigned(key.getModulus())))
                .put("e", B64.encodeToString(unsigned(key.getPublicExponent())));
        ObjectNode jwks = JSON.createObjectNode();
        jwks.putArray("keys").add(jwk);
        return jwks.toString();
    }

    /** An id token as Cognito issues one; with group "admin" it passes the admin routes. */
    public String issue(String subject, List<String> groups) {
        long now = clock.instant().getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", subject);
        claims.put("iss", issuer);
        claims.put("aud", AUDIENCE);
        claims.put("token_use", "id");
        claims.put("iat", now);
        claims.put("exp", now + LIFETIME.toSeconds());
        if (!groups.isEmpty()) {
            claims.put("cognito:groups", groups);
        }
        return sign(claims);
    }

    /** Signs arbitrary claims: tests use it for expired or foreign tokens. */
    public String sign(Map<String, Object> claims) {
        return sign(claims, KEY_ID);
    }

    /** Signs with this issuer's key but names another key id: a token the issuer's JWKS does not vouch for. */
    public String sign(Map<String, Object> claims, String kid) {
        try {
            String header = B64.encodeToString(JSON.writeValueAsBytes(Map.of("alg", "RS256", "typ", "JWT", "kid", kid)));
            String payload = B64.encodeToString(JSON.writeValueAsBytes(claims));
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign((RSAPrivateKey) keys.getPrivate());
            rs256.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
            return header + "." + payload + "." + B64.encodeToString(rs256.sign());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
    }

    /**
     * API Gateway's JWT authorizer: the verified claims, or empty where it would answer 401. The
     * same rules as the functions' own check ({@link TokenRules}), with this issuer's one key id.
     */
    public Optional<Map<String, String>> authorize(String authorization) {
        return rules.verify(authorization, kid -> KEY_ID.equals(kid) ? keys.getPublic() : null, DevIssuer::readObject);
    }

    private static Map<String, Object> readObject(byte[] json) {
        try {
            return JSON.readValue(json, OBJECT);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a JSON object", e);
        }
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes[0] == 0 ? java.util.Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }
}
