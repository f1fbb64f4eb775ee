package dev.storefront.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** A payload 2.0 response as API Gateway would turn it into HTTP. */
public record HttpResult(int status, Map<String, String> headers, String body) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static HttpResult fromLambdaResult(String resultJson) {
        try {
            JsonNode result = JSON.readTree(resultJson);
            Map<String, String> headers = new TreeMap<>();
            result.path("headers").fields().forEachRemaining(h -> headers.put(h.getKey().toLowerCase(Locale.ROOT), h.getValue().asText()));
            result.path("multiValueHeaders").fields().forEachRemaining(h ->
                    headers.put(h.getKey().toLowerCase(Locale.ROOT), String.join(",", JSON.convertValue(h.getValue(), String[].class))));
            JsonNode body = result.get("body");
            String text = body == null || body.isNull() ? ""
                    : result.path("isBase64Encoded").asBoolean() ? new String(Base64.getDecoder().decode(body.asText()), StandardCharsets.UTF_8)
                    : body.asText();
            return new HttpResult(result.path("statusCode").asInt(), headers, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public JsonNode json() {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + body, e);
        }
    }

    @Override
    public String toString() {
        return status + " " + headers.getOrDefault("content-type", "") + " " + body;
    }
}
