package dev.storefront.local;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every paginated route verifies its cursor before DynamoDB sees it: a cursor this API did not
 * issue for that query is a 400 VALIDATION_FAILED, never a 500 (DynamoDB refuses a start key that
 * does not match the query's key condition). Forged cursors are generated: the two from issue 25,
 * random bytes, and well-formed key tuples with the separator but another partition value.
 */
class ForgedCursorTest {

    final LocalRuntime runtime = SharedRuntime.get();
    final ApiClient api = new ApiClient(runtime.baseUrl());

    @Test
    void a_forged_cursor_is_a_400_on_every_paginated_route() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String customer = runtime.token("pager-" + suffix);
        String admin = runtime.token("pager-admin-" + suffix, "admin");
        assertThat(api.put("/admin/segments/pager" + suffix, "{\"minOrders\":50}", admin).status()).isBetween(200, 201);
        assertThat(api.put("/admin/webhooks/pager" + suffix, "{\"url\":\"http://127.0.0.1:9/pager\",\"events\":[\"order.placed\"],\"active\":false}",
                admin).status()).isEqualTo(201);
        record Route(String path, String token) {
        }
        List<Route> routes = List.of(new Route("/products?limit=2", null), new Route("/products?category=shoes&limit=2", null),
                new Route("/orders?limit=2", customer), new Route("/admin/segments/pager" + suffix + "/customers?limit=2", admin),
                new Route("/admin/webhooks/pager" + suffix + "/deliveries?limit=2", admin), new Route("/admin/orders?limit=2", admin),
                new Route("/admin/orders?status=PLACED&limit=2", admin), new Route("/admin/orders?email=ada@example.com&limit=2", admin));

        List<String> failures = new ArrayList<>();
        for (Route route : routes) {
            for (String cursor : forgedCursors(new Random(route.path().hashCode()))) {
                ApiClient.Response response = api.send("GET", route.path() + "&cursor=" + cursor, null, route.token());
                if (response.status() != 400 || !response.json().path("code").asText().equals("VALIDATION_FAILED")) {
                    failures.add(route.path() + " cursor=" + cursor + " -> " + response.status() + " " + response.body());
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    /** Cursors no query of this API issued: none names the partition the route queries. */
    static List<String> forgedCursors(Random random) {
        List<String> cursors = new ArrayList<>(List.of("enp6H1NUT0NL", "YR9i", "AAAA", "____", "e30"));
        String[] parts = {"zzz", "STOCK", "PRODUCT#x", "shoesx", "CATEGORY", "SEG#other", "CUST#mallory", "2026-01-01T00:00:00Z", "1", "%00"};
        for (int i = 0; i < 20; i++) {
            int n = 1 + random.nextInt(4);
            StringBuilder tuple = new StringBuilder();
            for (int p = 0; p < n; p++) {
                tuple.append(p == 0 ? "" : "\u001f").append(parts[random.nextInt(parts.length)]);
            }
            cursors.add(Base64.getUrlEncoder().withoutPadding().encodeToString(tuple.toString().getBytes(StandardCharsets.UTF_8)));
        }
        for (int i = 0; i < 5; i++) {
            byte[] noise = new byte[1 + random.nextInt(40)];
            random.nextBytes(noise);
            cursors.add(Base64.getUrlEncoder().withoutPadding().encodeToString(noise));
        }
        return cursors;
    }
}
