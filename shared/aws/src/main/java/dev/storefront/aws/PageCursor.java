package dev.storefront.aws;

import dev.storefront.domain.Problem;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An opaque page cursor: DynamoDB's LastEvaluatedKey for string-keyed indexes, as base64url.
 * Decoding accepts exactly the key attributes of the index being queried, with the values the
 * query's key condition pins (its partition key), so a forged cursor is a 400, never a different
 * query and never DynamoDB's refusal of a start key outside the query (a 500).
 */
public final class PageCursor {

    private static final int MAX_LENGTH = 1024;
    private static final char SEPARATOR = '\u001f';

    private PageCursor() {
    }

    /** Encodes the given key attributes, in order; null when there is no next page. */
    public static String encode(Map<String, AttributeValue> lastEvaluatedKey, List<String> keyNames) {
        if (lastEvaluatedKey == null || lastEvaluatedKey.isEmpty()) {
            return null;
        }
        StringBuilder joined = new StringBuilder();
        for (String name : keyNames) {
            if (joined.length() > 0) {
                joined.append(SEPARATOR);
            }
            joined.append(lastEvaluatedKey.get(name).s());
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(joined.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The ExclusiveStartKey for a cursor of a query whose key condition pins {@code pinned} (e.g.
     * its partition key to one value), or null for the first page.
     */
    public static Map<String, AttributeValue> decode(String cursor, List<String> keyNames, Map<String, String> pinned) {
        Map<String, AttributeValue> key = decode(cursor, keyNames);
        if (key != null && pinned.entrySet().stream().anyMatch(p -> !p.getValue().equals(key.get(p.getKey()).s()))) {
            throw invalid();
        }
        return key;
    }

    /** The ExclusiveStartKey for a cursor, or null for the first page; the caller checks the pinned values. */
    public static Map<String, AttributeValue> decode(String cursor, List<String> keyNames) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        String[] parts;
        try {
            if (cursor.length() > MAX_LENGTH) {
                throw new IllegalArgumentException("too long");
            }
            String joined = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            parts = joined.split(String.valueOf(SEPARATOR), -1);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        if (parts.length != keyNames.size()) {
            throw invalid();
        }
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].isEmpty()) {
                throw invalid();
            }
            key.put(keyNames.get(i), AttributeValue.fromS(parts[i]));
        }
        return key;
    }

    private static Problem invalid() {
        return Problem.invalid("cursor", "cursor is not one this API issued; start again without it");
    }
}
