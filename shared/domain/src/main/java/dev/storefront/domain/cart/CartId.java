package dev.storefront.domain.cart;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Cart ids: 128 random bits as 32 lower-case hex digits. An anonymous cart's id is the only thing
 * that grants access to it, so it must be unguessable (more than the 122 random bits of a UUIDv4).
 * The format is checked before any database call: anything else is a cheap 404.
 */
public final class CartId {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern FORMAT = Pattern.compile("[0-9a-f]{32}");

    private CartId() {
    }

    public static String random() {
        byte[] bits = new byte[16];
        RANDOM.nextBytes(bits);
        return HexFormat.of().formatHex(bits);
    }

    public static boolean isValid(String value) {
        return value != null && FORMAT.matcher(value).matches();
    }
}
