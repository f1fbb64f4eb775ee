package dev.storefront.domain.webhook;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The webhook signature scheme, in and out (Stripe's): the header {@code t=<unix seconds>,v1=<hex
 * HMAC-SHA256 of "<t>.<raw body>">}. Signing the time with the body makes an old delivery useless
 * to a replayer once it is older than the tolerance. docs/WEBHOOKS.md shows a receiver's check.
 */
public final class WebhookSignature {

    /** How old a signature may be when it arrives. */
    public static final Duration TOLERANCE = Duration.ofMinutes(5);

    private WebhookSignature() {
    }

    /** The header value for {@code body} signed at {@code at}. */
    public static String header(String secret, Instant at, String body) {
        long t = at.getEpochSecond();
        return "t=" + t + ",v1=" + hmac(secret, t + "." + body);
    }

    /**
     * Checks {@code header} for {@code body} at {@code now}: any {@code v1} may match (a secret being
     * rolled), compared in constant time. Throws {@link Refused} naming why not.
     */
    public static void verify(String secret, String header, String body, Instant now) {
        if (secret == null || secret.isEmpty()) {
            throw new Refused("no webhook secret is configured");
        }
        if (header == null || header.isBlank()) {
            throw new Refused("the signature header is missing");
        }
        Long t = null;
        java.util.List<String> signatures = new java.util.ArrayList<>();
        for (String part : header.split(",")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new Refused("the signature header is not t=<seconds>,v1=<hex>");
            }
            String name = part.substring(0, eq).strip();
            String value = part.substring(eq + 1).strip();
            if (name.equals("t")) {
                try {
                    t = Long.parseLong(value);
                } catch (NumberFormatException e) {
                    throw new Refused("the signature's t is not a number of seconds");
                }
            } else if (name.equals("v1")) {
                signatures.add(value);
            }
        }
        if (t == null || signatures.isEmpty()) {
            throw new Refused("the signature header needs t and v1");
        }
        if (Math.abs(now.getEpochSecond() - t) > TOLERANCE.toSeconds()) {
            throw new Refused("the signature is older than " + TOLERANCE.toMinutes() + " minutes (or from the future)");
        }
        byte[] expected = hmac(secret, t + "." + body).getBytes(StandardCharsets.US_ASCII);
        boolean match = false;
        for (String signature : signatures) {
            // MessageDigest.isEqual takes the same time whatever the first differing byte.
            match |= MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII));
        }
        if (!match) {
            throw new Refused("the signature does not match the body");
        }
    }

    /** The hex HMAC-SHA256 of {@code payload} under {@code secret}. */
    public static String hmac(String secret, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A signature that does not prove the sender, now. */
    public static final class Refused extends RuntimeException {
        public Refused(String reason) {
            super(reason, null, false, false);
        }
    }
}
