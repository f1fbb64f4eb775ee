package dev.storefront.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.storefront.testsupport.LambdaInvoker;

import java.util.Map;
import java.util.UUID;

/**
 * Warm latency per route through the handler: the function's jar in its own class loader, the event
 * as JSON through the Lambda runtime's serializers (what the Lambda runtime does between two
 * invocations), beside the plain floor making the same DynamoDB calls, interleaved request by
 * request so both see the same machine.
 */
final class WarmLatency {

    private final Bench bench;

    WarmLatency(Bench bench) {
        this.bench = bench;
    }

    void run() throws Exception {
        LambdaInvoker catalog = bench.isolated(bench.function("CatalogFunction"), bench.runtime.dynamoEndpoint(), "warm-catalog");
        LambdaInvoker cart = bench.isolated(bench.function("CartFunction"), bench.runtime.dynamoEndpoint(), "warm-cart");
        LambdaInvoker floor = bench.isolated(bench.floor(), bench.runtime.dynamoEndpoint(), "warm-floor");
        String cartId = bench.shop.cart(Bench.BENCH_SKUS);

        ObjectNode json = bench.json.putObject("warmLatency");
        StringBuilder md = new StringBuilder("| route | function p50 / p99 (ms) | floor p50 / p99 (ms) | ratio p50 | ratio p99 |\n|---|---|---|---|---|\n");
        double worst = 0;
        String worstRoute = "";
        for (String[] route : new String[][]{
                {"GET /products/{productId}", "/products/trail-runner", "productId", "trail-runner"},
                {"GET /carts/{cartId}", "/carts/" + cartId, "cartId", cartId}}) {
            String event = bench.httpEvent("GET", route[1], route[0], route[2] == null ? Map.of() : Map.of(route[2], route[3]), null, null);
            Samples function = new Samples();
            Samples plain = new Samples();
            for (int i = 0; i < bench.counts.warmup(); i++) {
                catalogOrCart(route[0], catalog, cart).invoke(event, UUID.randomUUID().toString());
                floor.invoke(event, UUID.randomUUID().toString());
            }
            for (int i = 0; i < bench.counts.warmRequests(); i++) {
                function.addNanos(time(catalogOrCart(route[0], catalog, cart), event));
                plain.addNanos(time(floor, event));
            }
            double ratio50 = function.median() / plain.median();
            double ratio99 = function.percentile(99) / plain.percentile(99);
            if (ratio50 > worst) {
                worst = ratio50;
                worstRoute = route[0];
            }
            ObjectNode node = json.putObject(route[0]);
            node.set("function", function.json());
            node.set("floor", plain.json());
            node.put("ratioP50", Samples.round(ratio50));
            node.put("ratioP99", Samples.round(ratio99));
            md.append("| ").append(route[0]).append(" | ").append(Samples.ms(function.median())).append(" / ").append(Samples.ms(function.percentile(99)))
                    .append(" | ").append(Samples.ms(plain.median())).append(" / ").append(Samples.ms(plain.percentile(99)))
                    .append(String.format(" | %.2f | %.2f |%n", ratio50, ratio99));
        }
        bench.report.section("Warm latency per route vs the plain floor",
                "make bench (WarmLatency: " + bench.counts.warmRequests() + " requests per route after " + bench.counts.warmup()
                        + " warm-up pairs, function and floor interleaved, in-process against DynamoDB Local)",
                md + "\nThe page of products (`GET /products`) is left out to keep `make bench` under 10 minutes; `make bench-catalog` "
                        + "measures it through the whole local HTTP path against its DynamoDB calls. The floor (`infra/bench/floor`, `PlainHandler`) makes the same DynamoDB calls with the same SDK client and "
                        + "writes the items as JSON by hand: no validation, no pricing, no problem mapping. Both are invoked as the Lambda "
                        + "runtime invokes a warm function: event JSON through aws-lambda-java-serialization, handler, response JSON.");
        bench.report.target("warm p50 <= 1.2x the floor", String.format("worst %.2fx (%s)", worst, worstRoute), worst <= 1.2, "");
    }

    private static LambdaInvoker catalogOrCart(String routeKey, LambdaInvoker catalog, LambdaInvoker cart) {
        return routeKey.startsWith("GET /carts") ? cart : catalog;
    }

    private static long time(LambdaInvoker function, String event) throws Exception {
        long start = System.nanoTime();
        String result = function.invoke(event, "warm");
        long elapsed = System.nanoTime() - start;
        if (!result.contains("\"statusCode\":200")) {
            throw new IllegalStateException("warm request failed: " + result.substring(0, Math.min(300, result.length())));
        }
        return elapsed;
    }
}
