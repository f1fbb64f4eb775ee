package dev.storefront.cart;

import com.fasterxml.jackson.databind.JsonNode;
import dev.storefront.testsupport.HttpCall;
import dev.storefront.testsupport.HttpResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.storefront.cart.CatalogFixture.unique;
import static org.assertj.core.api.Assertions.assertThat;

/** Concurrent writers on one cart, through the handler as concurrent Lambda invocations would run it. */
class CartConcurrencyTest extends CartHarness {

    @BeforeAll
    static void start() {
        startFunctions();
    }

    /** Runs the calls at once (released together by a latch) and returns their results in order. */
    static List<HttpResult> together(List<Callable<HttpResult>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<HttpResult>> futures = new ArrayList<>();
            for (Callable<HttpResult> call : calls) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return call.call();
                }));
            }
            go.countDown();
            List<HttpResult> results = new ArrayList<>();
            for (Future<HttpResult> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void twenty_concurrent_adds_of_different_skus_without_if_match_all_land() throws Exception {
        String cartId = newCart(null);
        List<String> skus = CatalogFixture.skus(100, 10, 20);
        List<Callable<HttpResult>> calls = new ArrayList<>();
        skus.forEach(sku -> calls.add(() -> add(cartId, sku, 1, null)));

        List<HttpResult> results = together(calls);

        assertThat(results).allSatisfy(r -> assertThat(r.status()).as(r.toString()).isEqualTo(200));
        JsonNode cart = get(cartId, null).json();
        Set<String> lines = new HashSet<>();
        cart.path("lines").forEach(l -> lines.add(l.path("sku").asText()));
        assertThat(lines).containsExactlyInAnyOrderElementsOf(skus);
        assertThat(cart.path("version").asLong()).as("one version per add, none lost").isEqualTo(1 + 20);
        assertThat(cart.at("/subtotal/amount").asLong()).isEqualTo(20 * 100);
    }

    @Test
    void concurrent_adds_of_the_same_sku_sum_up() throws Exception {
        String cartId = newCart(null);
        String sku = CatalogFixture.sku(100, 100);
        List<Callable<HttpResult>> calls = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            calls.add(() -> add(cartId, sku, 3, null));
        }

        together(calls).forEach(r -> assertThat(r.status()).isEqualTo(200));

        assertThat(line(get(cartId, null).json(), sku).path("quantity").asInt()).isEqualTo(30);
    }

    @Test
    void with_if_match_exactly_one_of_concurrent_writers_of_one_version_wins_and_the_rest_get_412() throws Exception {
        String cartId = newCart(null);
        List<String> skus = CatalogFixture.skus(100, 10, 8);
        List<Callable<HttpResult>> calls = new ArrayList<>();
        skus.forEach(sku -> calls.add(() -> cart.http(HttpCall.post("/carts/" + cartId + "/items").header("if-match", "\"1\"")
                .json("{\"sku\":\"" + sku + "\",\"quantity\":1}"))));

        List<HttpResult> results = together(calls);

        assertThat(results).filteredOn(r -> r.status() == 200).hasSize(1);
        assertThat(results).filteredOn(r -> r.status() == 412)
                .hasSize(7)
                .allSatisfy(r -> assertThat(r.json().path("code").asText()).isEqualTo("VERSION_CONFLICT"));
        assertThat(get(cartId, null).json().path("lines")).hasSize(1);
    }

    @Test
    void a_customer_signing_in_on_two_devices_at_once_gets_one_cart() throws Exception {
        String erin = unique("erin");
        List<Callable<HttpResult>> calls = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            calls.add(() -> create(erin));
        }

        List<HttpResult> results = together(calls);

        assertThat(results).allSatisfy(r -> assertThat(r.status()).as(r.toString()).isIn(200, 201));
        assertThat(results).extracting(r -> r.json().path("cartId").asText()).containsOnly(results.get(0).json().path("cartId").asText());
        assertThat(results).filteredOn(r -> r.status() == 201).hasSize(1);
        assertThat(results).filteredOn(r -> r.status() == 200).hasSize(5);
    }
}
