package dev.storefront.local.bench;

import dev.storefront.local.LocalRuntime;
import dev.storefront.samlocal.SamTemplate;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * `make bench`: what the serving path costs on top of the data access it cannot avoid. Each case
 * runs side by side with its baseline, interleaved in rounds in one JVM against the same DynamoDB
 * Local, and is reported as a ratio of medians, so the machine's speed cancels out.
 *
 * <ul>
 *   <li>baseline: the DynamoDB calls a read needs, made directly with the SDK (GetItem of the
 *       product + BatchGetItem of its stock; Query of a page + BatchGetItem);</li>
 *   <li>measured: the same read over HTTP through the local gateway, a payload 2.0 event, the
 *       Lambda serializer, Micronaut routing, the function's code and JSON out.</li>
 * </ul>
 */
public final class CatalogBench {

    private static final int WARMUP = 300;
    private static final int ROUNDS = 20;
    private static final int PER_ROUND = 50;

    private CatalogBench() {
    }

    public static void main(String[] args) throws Exception {
        try (LocalRuntime runtime = LocalRuntime.start(LocalRuntime.Options.ephemeral(SamTemplate.findRepoRoot()))) {
            DynamoDbClient dynamo = runtime.dynamo();
            String products = runtime.resources().tableName("ProductsTable");
            String inventory = runtime.resources().tableName("InventoryTable");
            HttpClient http = HttpClient.newHttpClient();
            URI product = runtime.baseUrl().resolve("/products/trail-runner");
            URI page = runtime.baseUrl().resolve("/products?limit=20");

            Runnable directProduct = () -> {
                Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(products).key(Map.of("id", AttributeValue.fromS("trail-runner")))).item();
                batchGet(dynamo, inventory, item.get("variants").l().stream().map(v -> v.m().get("sku").s()).toList());
            };
            Runnable directPage = () -> {
                List<Map<String, AttributeValue>> items = dynamo.query(r -> r.tableName(products).indexName("byListing").limit(20)
                        .keyConditionExpression("listing = :l").expressionAttributeValues(Map.of(":l", AttributeValue.fromS("PRODUCT")))).items();
                batchGet(dynamo, inventory, items.stream().flatMap(i -> i.get("variants").l().stream()).map(v -> v.m().get("sku").s()).toList());
            };
            Runnable httpProduct = () -> get(http, product);
            Runnable httpPage = () -> get(http, page);

            System.out.println("| case | baseline median (µs) | measured median (µs) | measured p95 (µs) | ratio (medians) |");
            System.out.println("|---|---|---|---|---|");
            report("GET /products/{productId} vs GetItem + BatchGetItem", directProduct, httpProduct);
            report("GET /products?limit=20 vs Query + BatchGetItem", directPage, httpPage);
        }
    }

    private static void report(String name, Runnable baseline, Runnable measured) {
        for (int i = 0; i < WARMUP; i++) {
            baseline.run();
            measured.run();
        }
        List<Long> base = new ArrayList<>();
        List<Long> meas = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            base.addAll(time(baseline));
            meas.addAll(time(measured));
        }
        long baseMedian = percentile(base, 50);
        long measMedian = percentile(meas, 50);
        System.out.printf("| %s | %d | %d | %d | %.2f |%n", name, baseMedian / 1000, measMedian / 1000,
                percentile(meas, 95) / 1000, (double) measMedian / baseMedian);
    }

    private static List<Long> time(Runnable work) {
        List<Long> samples = new ArrayList<>();
        for (int i = 0; i < PER_ROUND; i++) {
            long start = System.nanoTime();
            work.run();
            samples.add(System.nanoTime() - start);
        }
        return samples;
    }

    private static long percentile(List<Long> samples, int p) {
        long[] sorted = samples.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, sorted.length * p / 100)];
    }

    private static void batchGet(DynamoDbClient dynamo, String table, List<String> skus) {
        dynamo.batchGetItem(r -> r.requestItems(Map.of(table, KeysAndAttributes.builder()
                .keys(skus.stream().distinct().map(s -> Map.of("sku", AttributeValue.fromS(s))).toList()).build())));
    }

    private static void get(HttpClient http, URI uri) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(uri + " answered " + response.statusCode());
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
