package dev.storefront.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.storefront.samlocal.ExtensionsApi;
import dev.storefront.samlocal.IsolatedFunction;
import dev.storefront.samlocal.LambdaInvoker;
import dev.storefront.samlocal.SamFunction;

import java.nio.file.Files;
import java.time.Duration;
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
        // As on Lambda: the catalog and the cart with their funnel events' extension registered, each with its own Extensions API.
        ExtensionsApi catalogLambda = new ExtensionsApi();
        ExtensionsApi cartLambda = new ExtensionsApi();
        Extended catalog = new Extended(withExtensionsApi("CatalogFunction", catalogLambda, "warm-catalog"), catalogLambda);
        Extended cart = new Extended(withExtensionsApi("CartFunction", cartLambda, "warm-cart"), cartLambda);
        LambdaInvoker floor = bench.isolated(bench.floor(), bench.runtime.dynamoEndpoint(), "warm-floor");
        LambdaInvoker catalogWithoutAnalytics = withoutAnalytics("CatalogFunction", "warm-catalog-no-analytics");
        // The earlier path, still the local runtime's: no Extensions API, so each request waits (<= 50 ms) for its send.
        LambdaInvoker catalogWaiting = bench.isolated(bench.function("CatalogFunction"), bench.runtime.dynamoEndpoint(), "warm-catalog-waiting");
        Samples productPageWithoutAnalytics = new Samples();
        Samples productPageWaiting = new Samples();
        Samples productPage = null;
        Samples productPageAfterResponse = null;
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
            Samples afterResponse = new Samples();
            for (int i = 0; i < bench.counts.warmup(); i++) {
                catalogOrCart(route[0], catalog, cart).time(event, new Samples());
                floor.invoke(event, UUID.randomUUID().toString());
                if (productPageRoute) {
                    catalogWithoutAnalytics.invoke(event, UUID.randomUUID().toString());
                    catalogWaiting.invoke(event, UUID.randomUUID().toString());
                }
            }
            for (int i = 0; i < bench.counts.warmRequests(); i++) {
                function.addNanos(catalogOrCart(route[0], catalog, cart).time(event, afterResponse));
                plain.addNanos(time(floor, event));
                if (productPageRoute) {
                    productPageWithoutAnalytics.addNanos(time(catalogWithoutAnalytics, event));
                    productPageWaiting.addNanos(time(catalogWaiting, event));
                }
            }
            if (productPageRoute) {
                productPage = function;
                productPageAfterResponse = afterResponse;
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
        funnelEmission(productPage, productPageAfterResponse, productPageWaiting, productPageWithoutAnalytics, json);
        catalog.function().close();  // before their Extensions APIs go
        cart.function().close();
        catalogLambda.close();
        cartLambda.close();
    }

    /**
     * A function as Lambda runs it with its internal extension: Lambda hands the extension the
     * invocation beside the handler, returns the response when the handler does, and hands out the
     * next invocation only once the extension asks for its next event (timed apart: the instance's
     * time after the response, which the shopper does not wait for).
     */
    private record Extended(LambdaInvoker function, ExtensionsApi lambda) {

        long time(String event, Samples afterResponse) throws Exception {
            if (!lambda.awaitIdle(Duration.ofSeconds(10))) {
                throw new IllegalStateException("the extension did not let the instance go within 10 s");
            }
            String requestId = UUID.randomUUID().toString();
            lambda.invoke(requestId, System.currentTimeMillis() + 10_000, "arn:aws:lambda:us-east-1:000000000000:function:bench");
            long elapsed = WarmLatency.time(function, event, requestId);
            long responded = System.nanoTime();
            lambda.awaitIdle(Duration.ofSeconds(10));
            afterResponse.addNanos(System.nanoTime() - responded);
            return elapsed;
        }
    }

    /** The function from its jar with Lambda's Extensions API at {@code lambda}: its extension registers as on Lambda. */
    private LambdaInvoker withExtensionsApi(String logicalId, ExtensionsApi lambda, String tag) throws Exception {
        SamFunction function = bench.function(logicalId);
        Map<String, String> env = bench.environment(function, bench.runtime.dynamoEndpoint());
        env.put("AWS_LAMBDA_RUNTIME_API", lambda.address());
        LambdaInvoker started = IsolatedFunction.start(function, env, Files.createDirectories(bench.work.resolve(tag)));
        if (lambda.registered().isEmpty()) {
            throw new IllegalStateException(logicalId + " registered no extension: is STOREFRONT_ANALYTICS_DELIVERY=extension in template.yaml?");
        }
        return started;
    }

    /** The function from its jar without the analytics-events queue: nothing recorded, nothing awaited. */
    private LambdaInvoker withoutAnalytics(String logicalId, String tag) throws Exception {
        SamFunction function = bench.function(logicalId);
        Map<String, String> env = bench.environment(function, bench.runtime.dynamoEndpoint());
        env.remove("STOREFRONT_QUEUES_ANALYTICS_EVENTS");
        return IsolatedFunction.start(function, env, Files.createDirectories(bench.work.resolve(tag)));
    }

    /**
     * What a funnel event costs the shopper: the product page from the same jar sending its
     * product.viewed after the response (the extension; its time after the response apart), waiting
     * for the send as each request ends (no Extensions API: the local runtime's path), and with no
     * queue configured (nothing recorded), interleaved with the warm product page.
     */
    private void funnelEmission(Samples extension, Samples afterResponse, Samples waiting, Samples off, ObjectNode json) {
        ObjectNode node = json.putObject("funnelEmission");
        node.set("extension", extension.json());
        node.set("extensionAfterResponse", afterResponse.json());
        node.set("boundedWait", waiting.json());
        node.set("withoutAnalytics", off.json());
        node.put("ratioP50", Samples.round(extension.median() / off.median()));
        node.put("ratioP99", Samples.round(extension.percentile(99) / off.percentile(99)));
        node.put("boundedWaitRatioP50", Samples.round(waiting.median() / off.median()));
        bench.report.section("Funnel event emission: the product page with and without analytics-events",
                "make bench (WarmLatency: " + bench.counts.warmRequests() + " requests each, interleaved with the warm product page above, in-process against DynamoDB Local and ElasticMQ)",
                "| GET /products/{productId} | p50 (ms) | p99 (ms) | ratio p50 |\n|---|---|---|---|\n"
                        + row("product.viewed sent after the response (internal extension; as deployed)", extension, off)
                        + "| the same instance after the response, until the extension lets it go (not waited for by the shopper) | "
                        + Samples.ms(afterResponse.median()) + " | " + Samples.ms(afterResponse.percentile(99)) + " | |\n"
                        + row("product.viewed sent before the response (bounded wait <= 50 ms; `make run`)", waiting, off)
                        + row("no queue configured (nothing recorded)", off, off)
                        + "\nOn Lambda the response goes as soon as the handler returns; the extension holds the freeze (and the "
                        + "instance's next invocation) until the request's SendMessageBatch has answered, so nothing sits in a frozen "
                        + "instance. Without an Extensions API (`make run`, tests) each request waits, at most 50 ms, for its send.");
    }

    private static String row(String name, Samples samples, Samples baseline) {
        return "| " + name + " | " + Samples.ms(samples.median()) + " | " + Samples.ms(samples.percentile(99))
                + String.format(" | %.2f |%n", samples.median() / baseline.median());
    }

    private static Extended catalogOrCart(String routeKey, Extended catalog, Extended cart) {
        return routeKey.startsWith("GET /carts") ? cart : catalog;
    }

    private static long time(LambdaInvoker function, String event) throws Exception {
        return time(function, event, "warm");
    }

    private static long time(LambdaInvoker function, String event, String requestId) throws Exception {
        long start = System.nanoTime();
        String result = function.invoke(event, requestId);
        long elapsed = System.nanoTime() - start;
        if (!result.contains("\"statusCode\":200")) {
            throw new IllegalStateException("warm request failed: " + result.substring(0, Math.min(300, result.length())));
        }
        return elapsed;
    }
}
