package dev.storefront.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.storefront.samlocal.IsolatedFunction;
import dev.storefront.samlocal.LambdaInvoker;
import dev.storefront.samlocal.SamFunction;

import java.nio.file.Files;
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
        LambdaInvoker catalogWithoutAnalytics = withoutAnalytics("CatalogFunction", "warm-catalog-no-analytics");
        Samples productPageWithoutAnalytics = new Samples();
        Samples productPage = null;
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
            // The product page also runs without analytics-events, in the same interleaving: what a funnel event costs.
            boolean productPageRoute = route[0].startsWith("GET /products");
            for (int i = 0; i < bench.counts.warmup(); i++) {
                catalogOrCart(route[0], catalog, cart).invoke(event, UUID.randomUUID().toString());
                floor.invoke(event, UUID.randomUUID().toString());
                if (productPageRoute) {
                    catalogWithoutAnalytics.invoke(event, UUID.randomUUID().toString());
                }
            }
            for (int i = 0; i < bench.counts.warmRequests(); i++) {
                function.addNanos(time(catalogOrCart(route[0], catalog, cart), event));
                plain.addNanos(time(floor, event));
                if (productPageRoute) {
                    productPageWithoutAnalytics.addNanos(time(catalogWithoutAnalytics, event));
                }
            }
            if (productPageRoute) {
                productPage = function;
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
        funnelEmission(productPage, productPageWithoutAnalytics, json);
    }

    /** The function from its jar without the analytics-events queue: nothing recorded, nothing awaited. */
    private LambdaInvoker withoutAnalytics(String logicalId, String tag) throws Exception {
        SamFunction function = bench.function(logicalId);
        Map<String, String> env = bench.environment(function, bench.runtime.dynamoEndpoint());
        env.remove("STOREFRONT_QUEUES_ANALYTICS_EVENTS");
        return IsolatedFunction.start(function, env, Files.createDirectories(bench.work.resolve(tag)));
    }

    /**
     * What a funnel event costs the shopper: the product page from the same jar with the
     * analytics-events queue (a product.viewed, then the bounded end-of-request wait for its send)
     * and without it (no queue configured: nothing recorded), interleaved with the warm product page.
     */
    private void funnelEmission(Samples on, Samples off, ObjectNode json) {
        ObjectNode node = json.putObject("funnelEmission");
        node.set("withAnalytics", on.json());
        node.set("withoutAnalytics", off.json());
        node.put("ratioP50", Samples.round(on.median() / off.median()));
        node.put("ratioP99", Samples.round(on.percentile(99) / off.percentile(99)));
        bench.report.section("Funnel event emission: the product page with and without analytics-events",
                "make bench (WarmLatency: " + bench.counts.warmRequests() + " requests each, interleaved with the warm product page above, in-process against DynamoDB Local and ElasticMQ)",
                "| GET /products/{productId} | p50 (ms) | p99 (ms) |\n|---|---|---|\n"
                        + "| with product.viewed (send + bounded wait <= 50 ms) | " + Samples.ms(on.median()) + " | " + Samples.ms(on.percentile(99)) + " |\n"
                        + "| without (no queue configured) | " + Samples.ms(off.median()) + " | " + Samples.ms(off.percentile(99)) + " |\n"
                        + String.format("| ratio | %.2f | %.2f |%n", on.median() / off.median(), on.percentile(99) / off.percentile(99))
                        + "\nRecording an event costs nothing measurable; what the shopper waits for is the one SendMessageBatch the "
                        + "request's events go out in, awaited (at most 50 ms) so a frozen Lambda holds nothing. "
                        + "`STOREFRONT_ANALYTICS_WAIT_MILLIS=0` trades that wait for events that may sit in a frozen instance.");
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
