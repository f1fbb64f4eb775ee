package dev.storefront.catalog;

import dev.storefront.testsupport.FunctionHarness;
import dev.storefront.testsupport.HttpCall;
import dev.storefront.testsupport.HttpResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.util.stream.Stream;

import static dev.storefront.catalog.CatalogTestData.product;
import static dev.storefront.catalog.CatalogTestData.unique;
import static org.assertj.core.api.Assertions.assertThat;

/** Every kind of bad input gets a 4xx problem+json with a stable code; none changes state. */
class CatalogBadInputTest {

    static FunctionHarness catalog;
    static FunctionHarness admin;
    static String productId;
    static String sku;

    @BeforeAll
    static void start() {
        catalog = FunctionHarness.start("CatalogFunction");
        admin = FunctionHarness.start("CatalogAdminFunction");
        productId = unique("steady");
        sku = productId.toUpperCase();
        assertThat(put("/admin/products/" + productId, product("Steady", "misc", sku)).status()).isEqualTo(201);
        assertThat(put("/admin/inventory/" + sku, "{\"available\":5}").status()).isEqualTo(200);
    }

    static HttpResult put(String path, String body) {
        return admin.http(HttpCall.put(path).as("ops", "admin").json(body));
    }

    static void assertProblem(HttpResult result, int status, String code) {
        assertThat(result.status()).as(result.toString()).isEqualTo(status);
        assertThat(result.header("content-type")).isEqualTo("application/problem+json");
        assertThat(result.json().path("code").asText()).isEqualTo(code);
        assertThat(result.json().path("title").asText()).isNotBlank();
        assertThat(result.json().path("detail").asText()).isNotBlank();
        assertThat(result.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    static Stream<Arguments> badReads() {
        return Stream.of(
                Arguments.of("/products/no-such-product", 404, "NOT_FOUND"),
                Arguments.of("/products/..%2F..%2Fetc", 404, "NOT_FOUND"),
                Arguments.of("/products?limit=0", 400, "VALIDATION_FAILED"),
                Arguments.of("/products?limit=101", 400, "VALIDATION_FAILED"),
                Arguments.of("/products?limit=ten", 400, "VALIDATION_FAILED"),
                Arguments.of("/products?limit=99999999999999999999", 400, "VALIDATION_FAILED"),
                Arguments.of("/products?cursor=not-a-cursor!", 400, "VALIDATION_FAILED"),
                Arguments.of("/products?cursor=" + "A".repeat(2000), 400, "VALIDATION_FAILED"),
                Arguments.of("/products?category=Shoes%20OR%201%3D1", 400, "VALIDATION_FAILED"));
    }

    @ParameterizedTest(name = "GET {0} -> {1} {2}")
    @MethodSource("badReads")
    void bad_reads(String path, int status, String code) {
        assertProblem(catalog.http(HttpCall.get(path)), status, code);
    }

    static Stream<Arguments> badProducts() {
        String variant = "{\"sku\":\"BAD-1\",\"price\":{\"amount\":100,\"currency\":\"EUR\"}}";
        return Stream.of(
                Arguments.of("malformed", "{\"name\":", "MALFORMED_JSON"),
                Arguments.of("not an object", "[]", "MALFORMED_JSON"),
                Arguments.of("duplicate keys", "{\"name\":\"a\",\"name\":\"b\",\"category\":\"x\",\"variants\":[" + variant + "]}", "MALFORMED_JSON"),
                Arguments.of("name is a number", "{\"name\":5,\"category\":\"x\",\"variants\":[" + variant + "]}", "VALIDATION_FAILED"),
                Arguments.of("unknown field", "{\"name\":\"a\",\"category\":\"x\",\"price\":1,\"variants\":[" + variant + "]}", "VALIDATION_FAILED"),
                Arguments.of("stock in a product", "{\"name\":\"a\",\"category\":\"x\",\"variants\":[{\"sku\":\"BAD-1\",\"available\":9,\"price\":{\"amount\":1,\"currency\":\"EUR\"}}]}", "VALIDATION_FAILED"),
                Arguments.of("fractional price", "{\"name\":\"a\",\"category\":\"x\",\"variants\":[{\"sku\":\"BAD-1\",\"price\":{\"amount\":1.5,\"currency\":\"EUR\"}}]}", "VALIDATION_FAILED"),
                Arguments.of("negative price", "{\"name\":\"a\",\"category\":\"x\",\"variants\":[{\"sku\":\"BAD-1\",\"price\":{\"amount\":-1,\"currency\":\"EUR\"}}]}", "VALIDATION_FAILED"),
                Arguments.of("price as string", "{\"name\":\"a\",\"category\":\"x\",\"variants\":[{\"sku\":\"BAD-1\",\"price\":{\"amount\":\"100\",\"currency\":\"EUR\"}}]}", "VALIDATION_FAILED"),
                Arguments.of("unknown currency", "{\"name\":\"a\",\"category\":\"x\",\"variants\":[{\"sku\":\"BAD-1\",\"price\":{\"amount\":1,\"currency\":\"ABC\"}}]}", "VALIDATION_FAILED"),
                Arguments.of("no variants", "{\"name\":\"a\",\"category\":\"x\",\"variants\":[]}", "VALIDATION_FAILED"),
                Arguments.of("bad category", "{\"name\":\"a\",\"category\":\"../x\",\"variants\":[" + variant + "]}", "VALIDATION_FAILED"),
                Arguments.of("huge number", "{\"name\":\"a\",\"category\":\"x\",\"variants\":[{\"sku\":\"BAD-1\",\"price\":{\"amount\":1" + "0".repeat(30) + ",\"currency\":\"EUR\"}}]}", "VALIDATION_FAILED"),
                Arguments.of("negative weight", "{\"name\":\"a\",\"category\":\"x\",\"variants\":[{\"sku\":\"BAD-1\",\"weightGrams\":-1,\"price\":{\"amount\":1,\"currency\":\"EUR\"}}]}", "VALIDATION_FAILED"),
                Arguments.of("fractional weight", "{\"name\":\"a\",\"category\":\"x\",\"variants\":[{\"sku\":\"BAD-1\",\"weightGrams\":1.5,\"price\":{\"amount\":1,\"currency\":\"EUR\"}}]}", "VALIDATION_FAILED"),
                Arguments.of("unknown tax class", "{\"name\":\"a\",\"category\":\"x\",\"variants\":[{\"sku\":\"BAD-1\",\"taxClass\":\"luxury\",\"price\":{\"amount\":1,\"currency\":\"EUR\"}}]}", "VALIDATION_FAILED"),
                Arguments.of("too deep", "{\"name\":\"a\",\"x\":" + "[".repeat(50) + "]".repeat(50) + "}", "MALFORMED_JSON"));
    }

    @ParameterizedTest(name = "PUT product: {0}")
    @MethodSource("badProducts")
    void bad_product_writes_are_refused_and_change_nothing(String why, String body, String code) {
        assertProblem(put("/admin/products/" + productId, body), 400, code);

        assertThat(catalog.http(HttpCall.get("/products/" + productId)).json().path("name").asText()).isEqualTo("Steady");
    }

    static Stream<Arguments> badStock() {
        return Stream.of(
                Arguments.of("{\"available\":-1}", "VALIDATION_FAILED"),
                Arguments.of("{\"available\":2.5}", "VALIDATION_FAILED"),
                Arguments.of("{\"available\":\"7\"}", "VALIDATION_FAILED"),
                Arguments.of("{\"available\":null}", "VALIDATION_FAILED"),
                Arguments.of("{}", "VALIDATION_FAILED"),
                Arguments.of("{\"available\":3,\"productId\":\"other\"}", "VALIDATION_FAILED"),
                Arguments.of("{\"available\":3,\"shards\":0}", "VALIDATION_FAILED"),
                Arguments.of("{\"available\":3,\"shards\":33}", "VALIDATION_FAILED"),
                Arguments.of("{\"available\":3,\"shards\":\"4\"}", "VALIDATION_FAILED"),
                Arguments.of("{\"available\":", "MALFORMED_JSON"));
    }

    @ParameterizedTest(name = "PUT stock {0}")
    @MethodSource("badStock")
    void bad_stock_writes_are_refused_and_change_nothing(String body, String code) {
        assertProblem(put("/admin/inventory/" + sku, body), 400, code);

        assertThat(catalog.http(HttpCall.get("/products/" + productId)).json().at("/variants/0/available").asLong()).isEqualTo(5);
    }

    @Test
    void an_oversized_body_is_413() {
        String body = "{\"name\":\"" + "x".repeat(20_000) + "\"}";

        assertProblem(put("/admin/products/" + productId, body), 413, "PAYLOAD_TOO_LARGE");
    }

    @Test
    void a_non_json_content_type_is_415() {
        HttpResult result = admin.http(HttpCall.put("/admin/inventory/" + sku).as("ops", "admin")
                .json("{\"available\":1}").header("content-type", "text/plain"));

        assertProblem(result, 415, "UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void an_unknown_method_on_a_known_path_is_a_problem_not_a_500() {
        // The gateway only routes template routes; the function still answers stray ones cleanly.
        HttpResult result = catalog.invokeHttp("""
                {"version":"2.0","routeKey":"$default","rawPath":"/products","rawQueryString":"",
                 "headers":{"host":"x"},"requestContext":{"http":{"method":"DELETE","path":"/products",
                 "protocol":"HTTP/1.1","sourceIp":"1.2.3.4","userAgent":"t"},"requestId":"r","routeKey":"$default",
                 "stage":"$default","timeEpoch":0},"isBase64Encoded":false}""");

        assertThat(result.status()).isIn(404, 405);
        assertThat(result.header("content-type")).isEqualTo("application/problem+json");
    }
}
