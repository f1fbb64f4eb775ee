package dev.storefront.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.storefront.samlocal.HttpRoute;
import dev.storefront.samlocal.SamFunction;
import dev.storefront.samlocal.SamTemplate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Throws generated hostile input at every HttpApi route in template.yaml, through the local
 * runtime: malformed JSON, wrong types, huge and negative numbers, unicode edge cases, path
 * traversal and injection strings in path, query and body, duplicate keys, oversized bodies, and
 * no, a customer's, an admin's or a forged token. The answer is always a 2xx or a 4xx (a problem
 * with a stable code when a function answers), never a 5xx; and a refused request changes no stock.
 */
class HostileInputTest {

    static LocalRuntime runtime;
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();
    static final List<HttpRoute> ROUTES = new ArrayList<>();
    /** SKUs a request was allowed to change; every other SKU's stock must stay as seeded. */
    static final Set<String> CHANGED = ConcurrentHashMap.newKeySet();
    static Map<String, Long> stockBefore;

    @BeforeContainer
    static void start() throws Exception {
        runtime = LocalRuntime.start(LocalRuntime.Options.ephemeral(SamTemplate.findRepoRoot()));
        for (SamFunction function : SamTemplate.load(SamTemplate.findRepoRoot().resolve("template.yaml")).functions()) {
            ROUTES.addAll(function.httpRoutes());
        }
        stockBefore = stock();
    }

    @AfterContainer
    static void stop() {
        try {
            Map<String, Long> after = stock();
            stockBefore.forEach((sku, available) -> {
                if (!CHANGED.contains(sku)) {
                    assertThat(after.get(sku)).as("stock of " + sku + " after refused requests").isEqualTo(available);
                }
            });
        } finally {
            runtime.close();
        }
    }

    /** A test-only full read of the Inventory table (the product never scans). */
    static Map<String, Long> stock() {
        Map<String, Long> stock = new HashMap<>();
        runtime.dynamo().scanPaginator(r -> r.tableName(runtime.resources().tableName("InventoryTable"))).items()
                .forEach(item -> stock.put(item.get("sku").s(), Long.parseLong(item.getOrDefault("available", AttributeValue.fromN("0")).n())));
        return stock;
    }

    static final List<String> NASTY = List.of(
            "", " ", "0", "-1", "1e309", "99999999999999999999999", "NaN", "null", "true", "[]", "{}",
            "../../etc/passwd", "..%2F..%2Fetc", "%00", "\u0000", "' OR '1'='1", "\"; DROP TABLE x; --",
            "<script>alert(1)</script>", "${jndi:ldap://x/a}", "{{7*7}}", "category#shoes", "TRAIL-RUNNER-42",
            "trail-runner", "\uD83D\uDE00", "\uD83D", "\u202Eevil", "ＡＢＣ", "a".repeat(300), "\r\nX-Injected: 1",
            "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.");

    @Provide
    Arbitrary<String> nasty() {
        return Arbitraries.oneOf(Arbitraries.of(NASTY), Arbitraries.strings().ofMaxLength(40), Arbitraries.strings().ascii().ofMaxLength(20));
    }

    @Provide
    Arbitrary<String> bodies() {
        Arbitrary<String> scalar = Arbitraries.oneOf(
                nasty().map(HostileInputTest::quoted),
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.of("1.5", "-0", "1e400", "-99999999999999999999", "true", "null", "[]", "{}", "[[[[[[]]]]]]"));
        Arbitrary<String> field = Arbitraries.of("name", "available", "quantity", "sku", "price", "variants", "category",
                "description", "code", "email", "status", "total", "customerId", "productId", "__proto__");
        Arbitrary<String> object = Combinators.combine(field.list().ofMaxSize(6), scalar.list().ofSize(6))
                .as((names, values) -> {
                    StringBuilder out = new StringBuilder("{");
                    for (int i = 0; i < names.size(); i++) {
                        out.append(i == 0 ? "" : ",").append(quoted(names.get(i))).append(':').append(values.get(i));
                    }
                    return out.append('}').toString();
                });
        return Arbitraries.oneOf(object,
                Arbitraries.of("", "{", "{\"available\":1,\"available\":2}", "{\"available\":1}garbage", "[1,2]",
                        "{\"variants\":[{\"sku\":\"A\",\"price\":{\"amount\":-5,\"currency\":\"EUR\"}}],\"name\":\"x\",\"category\":\"x\"}",
                        "{\"name\":\"" + "x".repeat(20_000) + "\"}", "{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}",
                        "\u00EF\u00BB\u00BF{\"available\":1}", "{\"available\":1}"),
                scalar);
    }

    @Provide
    Arbitrary<String> who() {
        return Arbitraries.of("none", "customer", "admin", "forged", "garbage");
    }

    @Property(tries = 400)
    void every_route_answers_hostile_input_with_a_2xx_or_a_4xx(
            @ForAll("routeIndex") int routeIndex, @ForAll("nasty") String pathValue, @ForAll("nasty") String queryValue,
            @ForAll("bodies") String body, @ForAll("who") String who) throws Exception {
        HttpRoute route = ROUTES.get(routeIndex % ROUTES.size());
        String path = fill(route.path(), pathValue);
        String query = "?limit=" + enc(queryValue) + "&cursor=" + enc(queryValue) + "&category=" + enc(queryValue);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(runtime.baseUrl() + path + query))
                .method(route.method().equals("ANY") ? "POST" : route.method(), HttpRequest.BodyPublishers.ofString(body))
                .header("content-type", "application/json");
        switch (who) {
            case "customer" -> request.header("authorization", "Bearer " + runtime.token("hostile-customer"));
            case "admin" -> request.header("authorization", "Bearer " + runtime.token("hostile-admin", "admin"));
            case "forged" -> request.header("authorization", "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4IiwiY29nbml0bzpncm91cHMiOlsiYWRtaW4iXX0.");
            case "garbage" -> request.header("authorization", "Bearer x" + pathValue.replaceAll("[^\\x21-\\x7e]", ""));
            default -> { }
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(route.routeKey() + " " + path + " " + truncate(body) + " as " + who + " -> " + truncate(response.body()))
                .isBetween(200, 499);
        if (response.statusCode() >= 400 && response.headers().firstValue("content-type").orElse("").equals("application/problem+json")) {
            JsonNode problem = JSON.readTree(response.body());
            assertThat(problem.path("code").asText()).matches("[A-Z_]+");
            assertThat(problem.path("status").asInt()).isEqualTo(response.statusCode());
            assertThat(response.body()).doesNotContain("<script>").doesNotContain("Exception").doesNotContain("${jndi");
        }
        if (response.statusCode() < 300) {
            Matcher sku = Pattern.compile("/admin/inventory/([^/?]+)").matcher(path);
            if (sku.find()) {
                CHANGED.add(java.net.URLDecoder.decode(sku.group(1), StandardCharsets.UTF_8));
            }
            if (path.startsWith("/admin/products/")) {
                CHANGED.addAll(stockBefore.keySet().stream().filter(s -> body.contains(s)).toList());
            }
        }
    }

    @Provide
    Arbitrary<Integer> routeIndex() {
        return Arbitraries.integers().between(0, 1000);
    }

    static String fill(String template, String value) {
        return template.replaceAll("\\{[^}]+}", enc(value).replace("%2F", "/").isEmpty() ? "x" : enc(value));
    }

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String quoted(String value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String truncate(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}
