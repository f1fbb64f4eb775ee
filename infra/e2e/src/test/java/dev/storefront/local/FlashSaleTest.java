package dev.storefront.local;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A flash sale over HTTP through the local runtime: a hot SKU's stock split over shards
 * (PUT /admin/inventory/{sku} with {@code shards}) sells exactly what it has to a crowd of
 * concurrent buyers, every shard ends at 0 and reads show the stock merged. On the embedded
 * emulators only: 200 checkouts are many for an emulator in a container.
 */
class FlashSaleTest {

    final LocalRuntime runtime = SharedRuntime.get();

    @Test
    void two_hundred_buyers_for_fifty_units_over_four_shards_make_exactly_fifty_orders() throws Exception {
        ApiClient api = new ApiClient(runtime.baseUrl());
        String admin = runtime.token("ops", "admin");
        String id = "flash-" + UUID.randomUUID().toString().substring(0, 8);
        String sku = id.toUpperCase();
        assertThat(api.put("/admin/products/" + id, """
                {"name":"Flash %s","category":"e2e","variants":[{"sku":"%s","price":{"amount":1000,"currency":"EUR"}}]}""".formatted(id, sku), admin)
                .status()).isEqualTo(201);

        ApiClient.Response hot = api.put("/admin/inventory/" + sku, "{\"available\":50,\"shards\":4}", admin);

        assertThat(hot.status()).as(hot.body()).isEqualTo(200);
        assertThat(hot.json().path("shards").asInt()).isEqualTo(4);
        assertThat(shards(runtime, sku)).containsExactly(0L, 13L, 13L, 12L, 12L);
        assertThat(api.get("/products/" + id).json().at("/variants/0/available").asLong()).as("merged on read").isEqualTo(50);

        List<String> carts = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String cartId = api.send("POST", "/carts", null, null).json().path("cartId").asText();
            assertThat(api.send("POST", "/carts/" + cartId + "/items", "{\"sku\":\"" + sku + "\",\"quantity\":1}", null).status()).isEqualTo(200);
            carts.add(cartId);
        }
        ExecutorService buyers = Executors.newFixedThreadPool(50);
        List<CompletableFuture<ApiClient.Response>> checkouts = new ArrayList<>();
        try {
            for (String cartId : carts) {
                checkouts.add(CompletableFuture.supplyAsync(() -> buy(api, cartId), buyers));
            }
            CompletableFuture.allOf(checkouts.toArray(CompletableFuture[]::new)).get();
        } finally {
            buyers.shutdownNow();
        }

        int placed = 0;
        for (CompletableFuture<ApiClient.Response> checkout : checkouts) {
            ApiClient.Response answer = checkout.get();
            if (answer.status() == 201) {
                placed++;
            } else {
                assertThat(answer.status()).as(answer.body()).isEqualTo(409);
                assertThat(answer.json().path("code").asText()).isEqualTo("OUT_OF_STOCK");
            }
        }
        assertThat(placed).isEqualTo(50);
        assertThat(shards(runtime, sku)).containsExactly(0L, 0L, 0L, 0L, 0L);
        assertThat(api.get("/products/" + id).json().at("/variants/0/available").asLong()).isZero();
        // Each shard is its own ledger partition: its admin set's balance and its 12 or 13 reservations add up to its 0.
        long reserved = 0;
        for (int shard = 1; shard <= 4; shard++) {
            List<Map<String, AttributeValue>> entries = ledger(runtime, sku + "#" + shard);
            assertThat(entries.get(0).get("reason").s()).isEqualTo("SET");
            long balance = Long.parseLong(entries.get(0).get("balance").n());
            long moved = entries.stream().mapToLong(e -> Long.parseLong(e.get("delta").n())).sum();
            assertThat(balance + moved).as("shard " + shard).isZero();
            reserved -= moved;
        }
        assertThat(reserved).isEqualTo(50);
    }

    private static List<Map<String, AttributeValue>> ledger(LocalRuntime runtime, String stockKey) {
        return runtime.dynamo().query(r -> r.tableName(runtime.resources().tableName("InventoryLedgerTable"))
                .keyConditionExpression("stock = :k").expressionAttributeValues(Map.of(":k", AttributeValue.fromS(stockKey)))
                .consistentRead(true)).items();
    }

    /**
     * A buyer checks out, retrying with the same key as the API says to: while the checkout met a
     * concurrent one (409 IDEMPOTENCY_IN_FLIGHT), or the emulator on this busy machine timed out (503 SERVICE_BUSY).
     */
    private static ApiClient.Response buy(ApiClient api, String cartId) {
        String key = UUID.randomUUID().toString();
        for (int attempt = 0; ; attempt++) {
            ApiClient.Response answer = api.send("POST", "/carts/" + cartId + "/checkout", CheckoutScenarios.BODY.formatted("tok_visa"), null,
                    "idempotency-key", key);
            String code = answer.status() >= 400 ? answer.json().path("code").asText() : "";
            boolean retry = code.equals("IDEMPOTENCY_IN_FLIGHT") || code.equals("SERVICE_BUSY");
            if (!retry || attempt == 30) {
                return answer;
            }
        }
    }

    /** Units on the SKU's own stock item and on each of its shards, read from the table. */
    private static List<Long> shards(LocalRuntime runtime, String sku) {
        String table = runtime.resources().tableName("InventoryTable");
        List<Long> units = new ArrayList<>();
        for (int i = 0; i <= 4; i++) {
            String key = i == 0 ? sku : sku + "#" + i;
            Map<String, AttributeValue> item = runtime.dynamo().getItem(r -> r.tableName(table).key(Map.of("sku", AttributeValue.fromS(key)))
                    .consistentRead(true)).item();
            units.add(Long.parseLong(item.get("available").n()));
        }
        return units;
    }
}
