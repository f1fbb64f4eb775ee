package dev.storefront.local;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What shoppers do with carts, end to end over HTTP through the local runtime: the seeded catalog
 * and discount codes, anonymous carts, signing in and merging, concurrent adds, stale versions,
 * expiry and bad input. Run against the embedded emulators and, where Docker exists, LocalStack.
 */
abstract class CartScenarios {

    abstract LocalRuntime runtime();

    ApiClient api() {
        return new ApiClient(runtime().baseUrl());
    }

    ApiClient.Response call(String method, String path, String json, String token, String... headers) {
        return api().send(method, path, json, token, headers);
    }

    String newCart(String token) {
        ApiClient.Response created = call("POST", "/carts", null, token);
        assertThat(created.status()).as(created.body()).isIn(200, 201);
        return created.json().path("cartId").asText();
    }

    ApiClient.Response add(String cartId, String sku, int quantity, String token) {
        return call("POST", "/carts/" + cartId + "/items", "{\"sku\":\"" + sku + "\",\"quantity\":" + quantity + "}", token);
    }

    static JsonNode line(JsonNode cart, String sku) {
        for (JsonNode line : cart.path("lines")) {
            if (line.path("sku").asText().equals(sku)) {
                return line;
            }
        }
        throw new AssertionError("no line " + sku + " in " + cart);
    }

    static void assertProblem(ApiClient.Response response, int status, String code) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.json().path("code").asText()).isEqualTo(code);
    }

    /** Every SKU of the seeded catalog. */
    List<String> seededSkus() {
        List<String> skus = new ArrayList<>();
        api().get("/products?limit=100").json().path("items")
                .forEach(p -> p.path("variants").forEach(v -> skus.add(v.path("sku").asText())));
        return skus;
    }

    @Test
    void a_shopper_builds_a_cart_priced_from_the_catalog_and_uses_a_seeded_code() {
        ApiClient.Response created = call("POST", "/carts", null, null);
        String cartId = created.json().path("cartId").asText();

        ApiClient.Response added = add(cartId, "TRAIL-RUNNER-42", 2, null);
        ApiClient.Response raised = call("PUT", "/carts/" + cartId + "/items/TRAIL-RUNNER-42", "{\"quantity\":3}", null);
        ApiClient.Response discounted = call("POST", "/carts/" + cartId + "/discount", "{\"code\":\"welcome10\"}", null);
        ApiClient.Response emptied = call("DELETE", "/carts/" + cartId + "/items/TRAIL-RUNNER-42", null, null);

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.etag()).isEqualTo("\"1\"");
        assertThat(added.status()).as(added.body()).isEqualTo(200);
        JsonNode line = line(added.json(), "TRAIL-RUNNER-42");
        assertThat(line.path("productId").asText()).isEqualTo("trail-runner");
        assertThat(line.path("name").asText()).isEqualTo("Trail Runner");
        assertThat(line.at("/unitPrice/amount").asLong()).isEqualTo(12900);
        assertThat(line.at("/lineTotal/amount").asLong()).isEqualTo(25800);
        assertThat(raised.json().at("/subtotal/amount").asLong()).isEqualTo(38700);
        assertThat(discounted.status()).as(discounted.body()).isEqualTo(200);
        assertThat(discounted.json().path("discountCode").asText()).isEqualTo("WELCOME10");
        assertThat(discounted.json().at("/discount/amount").asLong()).isEqualTo(3870);
        assertThat(discounted.json().at("/total/amount").asLong()).isEqualTo(34830);
        assertThat(discounted.etag()).isEqualTo("\"4\"");
        assertThat(emptied.json().path("lines")).isEmpty();
        assertThat(api().get("/carts/" + cartId).json().path("version").asLong()).isEqualTo(5);
    }

    @Test
    void the_seeded_minimum_and_expired_codes_are_refused_with_discount_invalid() {
        String cartId = newCart(null);
        add(cartId, "ENERGY-GEL-CITRUS", 1, null);

        assertProblem(call("POST", "/carts/" + cartId + "/discount", "{\"code\":\"FIVEOFF\"}", null), 422, "DISCOUNT_INVALID");
        assertProblem(call("POST", "/carts/" + cartId + "/discount", "{\"code\":\"EXPIRED2020\"}", null), 422, "DISCOUNT_INVALID");
        assertProblem(call("POST", "/carts/" + cartId + "/discount", "{\"code\":\"NOPE\"}", null), 422, "DISCOUNT_INVALID");
    }

    @Test
    void signing_in_merges_the_anonymous_cart_and_only_the_owner_sees_the_customer_cart() {
        String alice = runtime().token("alice-" + UUID.randomUUID());
        String bob = runtime().token("bob-" + UUID.randomUUID());
        String anonymous = newCart(null);
        add(anonymous, "TRAIL-RUNNER-42", 1, null);
        String customer = newCart(alice);
        add(customer, "TRAIL-RUNNER-42", 2, alice);

        ApiClient.Response merged = call("POST", "/carts/" + anonymous + "/merge", null, alice);

        assertThat(merged.status()).as(merged.body()).isEqualTo(200);
        assertThat(merged.json().path("cartId").asText()).isEqualTo(customer);
        assertThat(merged.json().path("customer").asBoolean()).isTrue();
        assertThat(line(merged.json(), "TRAIL-RUNNER-42").path("quantity").asInt()).isEqualTo(3);
        assertProblem(api().get("/carts/" + anonymous), 404, "NOT_FOUND");
        assertThat(newCart(alice)).as("one open cart per customer").isEqualTo(customer);
        assertProblem(api().get("/carts/" + customer), 404, "NOT_FOUND");
        assertProblem(call("GET", "/carts/" + customer, null, bob), 404, "NOT_FOUND");
        assertProblem(add(customer, "TRAIL-RUNNER-42", 1, bob), 404, "NOT_FOUND");
        assertProblem(call("POST", "/carts/" + newCart(null) + "/merge", null, null), 401, "UNAUTHORIZED");
        assertProblem(call("GET", "/carts/" + customer, null, "not-a-token"), 401, "UNAUTHORIZED");
    }

    @Test
    void twenty_shoppers_tabs_adding_different_skus_at_once_all_land() throws Exception {
        String cartId = newCart(null);
        List<String> skus = seededSkus().subList(0, 20);
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<CompletableFuture<ApiClient.Response>> adds = new ArrayList<>();
            for (String sku : skus) {
                adds.add(CompletableFuture.supplyAsync(() -> add(cartId, sku, 1, null), pool));
            }
            for (CompletableFuture<ApiClient.Response> add : adds) {
                assertThat(add.get().status()).as(add.get().body()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }

        JsonNode cart = api().get("/carts/" + cartId).json();
        Set<String> lines = new HashSet<>();
        cart.path("lines").forEach(l -> lines.add(l.path("sku").asText()));
        assertThat(lines).containsExactlyInAnyOrderElementsOf(skus);
        assertThat(cart.path("version").asLong()).isEqualTo(21);
    }

    @Test
    void a_stale_if_match_is_412_and_the_current_etag_succeeds() {
        String cartId = newCart(null);
        ApiClient.Response first = add(cartId, "TRAIL-RUNNER-42", 1, null);

        ApiClient.Response stale = call("PUT", "/carts/" + cartId + "/items/TRAIL-RUNNER-42", "{\"quantity\":5}", null, "if-match", "\"1\"");
        ApiClient.Response current = call("PUT", "/carts/" + cartId + "/items/TRAIL-RUNNER-42", "{\"quantity\":5}", null, "if-match", first.etag());

        assertProblem(stale, 412, "VERSION_CONFLICT");
        assertThat(current.status()).isEqualTo(200);
        assertThat(line(current.json(), "TRAIL-RUNNER-42").path("quantity").asInt()).isEqualTo(5);
    }

    @Test
    void a_cart_past_its_expiry_is_404_before_dynamodb_deletes_it() {
        String cartId = newCart(null);
        String table = runtime().resources().tableName("CartsTable");
        Map<String, AttributeValue> item = new HashMap<>(runtime().dynamo().getItem(r -> r.tableName(table)
                .key(Map.of("cartId", AttributeValue.fromS(cartId))).consistentRead(true)).item());
        Instant past = Instant.now().minusSeconds(5);
        item.put("expiresAt", AttributeValue.fromS(past.toString()));
        item.put("ttl", AttributeValue.fromN(Long.toString(past.getEpochSecond())));
        runtime().dynamo().putItem(r -> r.tableName(table).item(item));

        assertProblem(api().get("/carts/" + cartId), 404, "NOT_FOUND");
    }

    @Test
    void bad_input_is_a_problem_never_a_500() {
        String cartId = newCart(null);
        add(cartId, "TRAIL-RUNNER-42", 1, null);
        String huge = "{\"sku\":\"TRAIL-RUNNER-42\",\"quantity\":1,\"x\":\"" + "y".repeat(17 * 1024) + "\"}";

        assertProblem(call("POST", "/carts/" + cartId + "/items", "{\"sku\":\"TRAIL-RUNNER-42\",\"quantity\":1,\"price\":1}", null),
                400, "VALIDATION_FAILED");
        assertProblem(add(cartId, "NO-SUCH-SKU", 1, null), 422, "SKU_UNAVAILABLE");
        assertProblem(add(cartId, "TRAIL-RUNNER-42", 0, null), 400, "VALIDATION_FAILED");
        assertProblem(add(cartId, "TRAIL-RUNNER-42", 100, null), 400, "VALIDATION_FAILED");
        assertProblem(add(cartId, "TRAIL-RUNNER-42", 99, null), 422, "CART_LIMIT_EXCEEDED");
        assertProblem(call("POST", "/carts/" + cartId + "/items", huge, null), 413, "PAYLOAD_TOO_LARGE");
        assertProblem(api().get("/carts/not-a-cart-id"), 404, "NOT_FOUND");
        assertThat(line(api().get("/carts/" + cartId).json(), "TRAIL-RUNNER-42").path("quantity").asInt()).isEqualTo(1);
        ApiClient.Response noToken = call("PUT", "/admin/discounts/FREE100", "{\"kind\":\"PERCENTAGE\",\"percentOff\":100}", null);
        assertThat(noToken.status()).as("admin routes stay behind the gateway's authorizer").isEqualTo(401);
    }
}
