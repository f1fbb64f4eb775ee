package dev.storefront.analytics;

import dev.storefront.http.SourceAddress;
import io.micronaut.http.HttpRequest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Where a request came from, as insights may keep it: its {@link SourceAddress} as the first 16
 * hex digits of its SHA-256. Enough
 * to cap how many visitor ids one source creates in an hour; not an address in the analytics data.
 */
final class SourceId {

    private SourceId() {
    }

    static String of(HttpRequest<?> request) {
        return of(SourceAddress.of(request));
    }

    static String of(String sourceIp) {
        if (sourceIp == null || sourceIp.isBlank()) {
            return null;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(sourceIp.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
