package dev.storefront.local;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A personal single-use code (what a retention coupon is) over HTTP through the local runtime: the
 * admin defines it for one customer; another customer is refused; ten checkouts of its owner race
 * and exactly one order redeems it.
 */
abstract class CouponScenarios {

    abstract LocalRuntime runtime();

    LocalRuntime runtime;
    ApiClient api;

    @org.junit.jupiter.api.BeforeEach
    void connect() {
        runtime = runtime();
        api = new ApiClient(runtime.baseUrl());
    }

    @Test
    void a_personal_single_use_code_is_refused_to_others_and_redeemed_once_under_ten_concurrent_checkouts() throws Exception {
        String admin = runtime.token("ops", "admin");
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String aliceSub = "alice-" + suffix;
        String alice = runtime.token(aliceSub);
        String bob = runtime.token("bob-" + suffix);
        String id = "coupon-" + suffix;
        String sku = id.toUpperCase();
        assertThat(api.put("/admin/products/" + id, """
                {"name":"Coupon %s","category":"shoes","variants":[{"sku":"%s","price":{"amount":5000,"currency":"EUR"}}]}""".formatted(id, sku), admin).status()).isEqualTo(201);
        assertThat(api.put("/admin/inventory/" + sku, "{\"available\":20}", admin).status()).isEqualTo(200);
        String code = "BACK-" + suffix.toUpperCase();
        assertThat(api.put("/admin/discounts/" + code, """
                {"kind":"PERCENTAGE","percentOff":10,"customerId":"%s","singleUse":true,"categories":["shoes"]}""".formatted(aliceSub), admin).status())
                .isEqualTo(201);

        String bobsCart = api.send("POST", "/carts", null, bob).json().path("cartId").asText();
        api.send("POST", "/carts/" + bobsCart + "/items", "{\"sku\":\"" + sku + "\",\"quantity\":1}", bob);
        ApiClient.Response refused = api.send("POST", "/carts/" + bobsCart + "/discount", "{\"code\":\"" + code + "\"}", bob);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().path("code").asText()).isEqualTo("DISCOUNT_INVALID");

        String cartId = api.send("POST", "/carts", null, alice).json().path("cartId").asText();
        api.send("POST", "/carts/" + cartId + "/items", "{\"sku\":\"" + sku + "\",\"quantity\":1}", alice);
        ApiClient.Response applied = api.send("POST", "/carts/" + cartId + "/discount", "{\"code\":\"" + code.toLowerCase() + "\"}", alice);
        assertThat(applied.status()).as(applied.body()).isEqualTo(200);
        assertThat(applied.json().at("/discount/amount").asLong()).isEqualTo(500);

        ExecutorService pool = Executors.newFixedThreadPool(10);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<ApiClient.Response>> results = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            results.add(pool.submit((Callable<ApiClient.Response>) () -> {
                go.await();
                return api.send("POST", "/carts/" + cartId + "/checkout", CheckoutScenarios.BODY.formatted("tok_visa"), alice,
                        "idempotency-key", UUID.randomUUID().toString());
            }));
        }
        go.countDown();
        List<ApiClient.Response> answers = new ArrayList<>();
        for (Future<ApiClient.Response> result : results) {
            answers.add(result.get());
        }
        pool.shutdown();

        assertThat(answers).filteredOn(a -> a.status() == 201).hasSize(1);
        assertThat(answers).filteredOn(a -> a.status() != 201).hasSize(9).allSatisfy(a -> {
            assertThat(a.status()).as(a.body()).isEqualTo(422);
            assertThat(a.json().path("code").asText()).isEqualTo("DISCOUNT_INVALID");
        });
        assertThat(api.get("/products/" + id).json().at("/variants/0/available").asLong()).as("stock taken once").isEqualTo(19);
    }

    @Test
    void wrong_codes_are_limited_per_cart_and_per_customer_then_even_a_valid_code_is_429() {
        String guesser = runtime.token("guesser-" + UUID.randomUUID().toString().substring(0, 8));
        String cartId = api.send("POST", "/carts", null, guesser).json().path("cartId").asText();
        for (int i = 0; i < 10; i++) {
            ApiClient.Response wrong = api.send("POST", "/carts/" + cartId + "/discount", "{\"code\":\"GUESS" + i + "\"}", guesser);
            assertThat(wrong.status()).as("guess " + (i + 1)).isEqualTo(422);
        }

        ApiClient.Response valid = api.send("POST", "/carts/" + cartId + "/discount", "{\"code\":\"WELCOME10\"}", guesser);

        assertThat(valid.status()).as(valid.body()).isEqualTo(429);
        assertThat(valid.json().path("code").asText()).isEqualTo("TOO_MANY_ATTEMPTS");
        assertThat(Long.parseLong(valid.header("retry-after"))).isBetween(1L, 600L);
    }

    @Test
    void another_customers_personal_code_reads_exactly_like_an_unknown_code_and_a_segment_code_names_no_segment() {
        String admin = runtime.token("ops", "admin");
        String suffix = UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        String personal = "VIP" + suffix;
        String segmentCode = "CAMPUS" + suffix;
        assertThat(api.put("/admin/discounts/" + personal, "{\"kind\":\"PERCENTAGE\",\"percentOff\":50,\"customerId\":\"bob-" + suffix + "\"}", admin)
                .status()).isEqualTo(201);
        assertThat(api.put("/admin/discounts/" + segmentCode, "{\"kind\":\"PERCENTAGE\",\"percentOff\":20,\"segment\":\"campus\"}", admin)
                .status()).isEqualTo(201);
        String carol = runtime.token("carol-" + suffix);
        String cartId = api.send("POST", "/carts", null, carol).json().path("cartId").asText();

        ApiClient.Response someoneElses = api.send("POST", "/carts/" + cartId + "/discount", "{\"code\":\"" + personal + "\"}", carol);
        ApiClient.Response unknown = api.send("POST", "/carts/" + cartId + "/discount", "{\"code\":\"VIP" + suffix + "X\"}", carol);
        ApiClient.Response segment = api.send("POST", "/carts/" + cartId + "/discount", "{\"code\":\"" + segmentCode + "\"}", carol);

        assertThat(someoneElses.status()).isEqualTo(unknown.status()).isEqualTo(422);
        assertThat(someoneElses.body().replace(personal, "?")).isEqualTo(unknown.body().replace("VIP" + suffix + "X", "?"));
        assertThat(segment.status()).isEqualTo(422);
        assertThat(segment.json().path("detail").asText()).contains("not available for this account").doesNotContain("campus");
    }
}
