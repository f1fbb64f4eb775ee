package dev.storefront.samlocal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds the API Gateway HTTP API payload format 2.0 event for a request, field for field as
 * documented by AWS: lower-cased headers with repeated values joined by commas, cookies moved out
 * of the headers, decoded query and path parameters, verified JWT claims under
 * requestContext.authorizer.jwt, and a body that is base64 unless it is text.
 */
public final class HttpApiEvents {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    public record Request(String method, String rawPath, String rawQuery, Map<String, List<String>> headers, byte[] body,
                   String sourceIp, Instant at) {
    }

    private HttpApiEvents() {
    }

    public static String event(Request request, String routeKey, Map<String, String> pathParameters,
                        Map<String, String> claims, String requestId) {
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "2.0");
        event.put("routeKey", routeKey);
        event.put("rawPath", request.rawPath());
        event.put("rawQueryString", request.rawQuery() == null ? "" : request.rawQuery());

        Map<String, String> headers = new TreeMap<>();
        ArrayNode cookies = JSON.createArrayNode();
        request.headers().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("cookie")) {
                values.forEach(v -> {
                    for (String cookie : v.split(";")) {
                        if (!cookie.isBlank()) {
                            cookies.add(cookie.trim());
                        }
                    }
                });
            } else {
                headers.merge(lower, String.join(",", values), (a, b) -> a + "," + b);
            }
        });
        if (!cookies.isEmpty()) {
            event.set("cookies", cookies);
        }
        event.set("headers", JSON.valueToTree(headers));
        Map<String, String> query = query(request.rawQuery());
        if (!query.isEmpty()) {
            event.set("queryStringParameters", JSON.valueToTree(query));
        }
        if (!pathParameters.isEmpty()) {
            event.set("pathParameters", JSON.valueToTree(pathParameters));
        }

        ObjectNode context = event.putObject("requestContext");
        context.put("accountId", "000000000000");
        context.put("apiId", "local");
        if (claims != null) {
            ObjectNode jwt = context.putObject("authorizer").putObject("jwt");
            jwt.set("claims", JSON.valueToTree(claims));
            jwt.putNull("scopes");
        }
        String host = headers.getOrDefault("host", "localhost");
        context.put("domainName", host);
        context.put("domainPrefix", host.split("[.:]")[0]);
        ObjectNode http = context.putObject("http");
        http.put("method", request.method());
        http.put("path", request.rawPath());
        http.put("protocol", "HTTP/1.1");
        http.put("sourceIp", request.sourceIp());
        http.put("userAgent", headers.getOrDefault("user-agent", ""));
        context.put("requestId", requestId);
        context.put("routeKey", routeKey);
        context.put("stage", "$default");
        context.put("time", TIME.format(request.at()));
        context.put("timeEpoch", request.at().toEpochMilli());

        byte[] body = request.body();
        if (body != null && body.length > 0) {
            boolean text = isText(headers.get("content-type"));
            event.put("body", text ? new String(body, StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(body));
            event.put("isBase64Encoded", !text);
        } else {
            event.put("isBase64Encoded", false);
        }
        return event.toString();
    }

    /** Repeated parameters are joined with commas, as API Gateway does in payload 2.0. */
    public static Map<String, String> query(String rawQuery) {
        Map<String, String> query = new TreeMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            query.merge(name, value, (a, b) -> a + "," + b);
        }
        return query;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    static boolean isText(String contentType) {
        if (contentType == null) {
            return true;
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        return type.startsWith("text/") || type.contains("json") || type.contains("xml")
                || type.contains("javascript") || type.startsWith("application/x-www-form-urlencoded");
    }
}
