package dev.storefront.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.storefront.domain.Problem;
import dev.storefront.domain.ProblemCode;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one way request bodies are read: a size cap, a depth cap, duplicate keys refused, one JSON
 * object and nothing after it. Values come out as a plain tree (Map, List, String, BigDecimal,
 * Boolean, {@link #NULL}) that {@link JsonObject} reads with strict types.
 */
public final class JsonBody {

    /** Largest body any route accepts. */
    public static final int MAX_BYTES = 16 * 1024;
    public static final int MAX_DEPTH = 16;
    public static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxNumberLength(40)
                    .maxStringLength(MAX_BYTES)
                    .build())
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private JsonBody() {
    }

    public static JsonObject parse(String body) {
        if (body == null || body.isBlank()) {
            throw new Problem(ProblemCode.MALFORMED_JSON, "a JSON object body is required");
        }
        if (body.length() > MAX_BYTES || body.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new Problem(ProblemCode.PAYLOAD_TOO_LARGE, "the body must be at most " + MAX_BYTES + " bytes");
        }
        try (JsonParser parser = FACTORY.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new Problem(ProblemCode.MALFORMED_JSON, "the body must be a JSON object");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> root = (Map<String, Object>) read(parser);
            if (parser.nextToken() != null) {
                throw new Problem(ProblemCode.MALFORMED_JSON, "the body must hold exactly one JSON object");
            }
            return new JsonObject(root, "");
        } catch (StreamConstraintsException e) {
            throw new Problem(ProblemCode.MALFORMED_JSON, "the body nests deeper than " + MAX_DEPTH
                    + " levels or holds an over-long number or string");
        } catch (JsonParseException e) {
            boolean duplicate = e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field");
            throw new Problem(ProblemCode.MALFORMED_JSON, duplicate
                    ? "the body repeats a field name"
                    : "the body is not valid JSON (line " + e.getLocation().getLineNr()
                            + ", column " + e.getLocation().getColumnNr() + ")");
        } catch (IOException e) {
            throw new Problem(ProblemCode.MALFORMED_JSON, "the body is not valid JSON");
        }
    }

    private static Object read(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT -> {
                Map<String, Object> object = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    object.put(name, read(parser));
                }
                return object;
            }
            case START_ARRAY -> {
                List<Object> array = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(read(parser));
                }
                return array;
            }
            case VALUE_STRING -> {
                return parser.getText();
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return parser.getDecimalValue();
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return parser.getBooleanValue();
            }
            case VALUE_NULL -> {
                return NULL;
            }
            default -> throw new JsonParseException(parser, "unexpected token");
        }
    }

    /** Integers as written: "10" is one, "10.0" and "1e3" are not (a client sending them has a bug). */
    static boolean isInteger(BigDecimal number) {
        return number.scale() == 0;
    }
}
