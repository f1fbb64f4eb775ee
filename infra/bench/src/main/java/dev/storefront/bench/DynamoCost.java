package dev.storefront.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.storefront.samlocal.LambdaInvoker;
import dev.storefront.samlocal.SqsEvents;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * What each operation asks of DynamoDB: round trips and capacity units, from the function's own
 * jar talking to DynamoDB Local through {@link CapacityProxy}. DynamoDB Local charges a
 * transactional write like a plain one; DynamoDB charges it twice, so the table shows both.
 */
final class DynamoCost {

    private final Bench bench;
    /** The table of the stand-in processor: its calls are what a real one's API call replaces, so they are counted apart. */
    private String sandboxPayments;

    DynamoCost(Bench bench) {
        this.bench = bench;
    }

    void run() throws Exception {
        try (CapacityProxy proxy = new CapacityProxy(bench.runtime.dynamoEndpoint())) {
            URI endpoint = proxy.endpoint();
            LambdaInvoker catalog = bench.isolated(bench.function("CatalogFunction"), endpoint, "cost-catalog");
            LambdaInvoker cart = bench.isolated(bench.function("CartFunction"), endpoint, "cost-cart");
            LambdaInvoker checkout = bench.isolated(bench.function("CheckoutFunction"), endpoint, "cost-checkout");
            LambdaInvoker partner = bench.isolated(bench.function("PartnerUpdatesConsumerFunction"), endpoint, "cost-partner");
            String[] skus = Bench.BENCH_SKUS;
            String hotSku = "BENCH-HOT-" + System.nanoTime();
            bench.shop.product("bench-hot-" + System.nanoTime(), 1_000_000, hotSku);
            bench.shop.hot(hotSku, 1_000_000, FlashSale.HOT_SHARDS);

            ObjectNode json = bench.json.putObject("dynamoCost");
            sandboxPayments = bench.runtime.resources().tableName("SandboxPaymentsTable");
            StringBuilder md = new StringBuilder("| operation | round trips | calls | RCU | WCU | the sandbox payment processor's own table |\n"
                    + "|---|---|---|---|---|---|\n");
            measure(proxy, json, md, "get product (GET /products/{productId})", catalog, () -> bench.httpEvent("GET", "/products/trail-runner",
                    "GET /products/{productId}", Map.of("productId", "trail-runner"), null, null));
            measure(proxy, json, md, "list page (GET /products?limit=20)", catalog, () -> bench.httpEvent("GET", "/products?limit=20",
                    "GET /products", Map.of(), null, null));
            measure(proxy, json, md, "add to cart (POST /carts/{cartId}/items)", cart, () -> {
                String cartId = bench.shop.cart(skus[1]);
                return bench.httpEvent("POST", "/carts/" + cartId + "/items", "POST /carts/{cartId}/items", Map.of("cartId", cartId),
                        "{\"sku\":\"" + skus[0] + "\",\"quantity\":1}", null);
            });
            measure(proxy, json, md, "1-line checkout", checkout, () -> checkoutEvent(bench.shop.cart(skus[0])));
            measure(proxy, json, md, "3-line checkout", checkout, () -> checkoutEvent(bench.shop.cart(skus)));
            measure(proxy, json, md, "1-line checkout, hot SKU (" + FlashSale.HOT_SHARDS + " stock shards)", checkout,
                    () -> checkoutEvent(bench.shop.cart(hotSku)));
            measure(proxy, json, md, "one partner update (fulfilment.accepted)", partner, () -> {
                String orderId = requestedOrder();
                return SqsEvents.event(bench.runtime.resources().queueArn("FulfilmentUpdatesQueue"), "us-east-1",
                        List.of(SqsEvents.fifoMessage(bench.envelope("fulfilment.accepted", orderId), orderId, UUID.randomUUID().toString(), "1")));
            });
            bench.report.section("DynamoDB cost per operation",
                    "make bench (DynamoCost: each function's own jar, DynamoDB Local behind a proxy adding ReturnConsumedCapacity=TOTAL)",
                    md + "\nUnits as DynamoDB Local reports them (ReturnConsumedCapacity=TOTAL, index writes included). Each operation "
                            + "runs three times on fresh data; the table shows the third. Reads of the cart are consistent (1 RCU per 4 KB), "
                            + "catalog reads eventually consistent (0.5 RCU). DynamoDB Local's figures for transactions are not DynamoDB's: "
                            + "it reports 2 WCU for a one-item transaction and also 2 for a two-item one on the same table, where DynamoDB "
                            + "charges 2 WCU per KB for every item of a transaction. The hot SKU's reads add one BatchGetItem for its shards; "
                            + "its reservation takes one shard picked at random (here it holds the units, so one transaction). "
                            + "The sandbox payment processor keeps its charges in a table of its own; a real processor is an HTTPS call "
                            + "instead, so its calls are shown apart and not counted in the storefront's round trips.");
            JsonNode three = json.path("3-line checkout");
            int trips = three.path("roundTrips").asInt();
            double wcu = three.path("wcu").asDouble();
            bench.report.target("3-line checkout <= 5 DynamoDB round trips", trips + " " + three.path("calls").asText(), trips <= 5, "");
            bench.report.target("3-line checkout <= 14 WCU", String.format("%.0f WCU (DynamoDB Local)", wcu), wcu <= 14, "");
        }
    }

    private String checkoutEvent(String cartId) {
        return bench.httpEvent("POST", "/carts/" + cartId + "/checkout", "POST /carts/{cartId}/checkout", Map.of("cartId", cartId),
                Shop.CHECKOUT_BODY, null, "idempotency-key", UUID.randomUUID().toString());
    }

    /** An order the runtime's fulfilment has already asked the partner for (FULFILMENT_REQUESTED). */
    private String requestedOrder() {
        String orderId = bench.placedOrder();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            String status = bench.shop.expect(200, "GET", "/orders/" + orderId, null).json().path("status").asText();
            if (status.equals("FULFILMENT_REQUESTED")) {
                return orderId;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("order " + orderId + " never reached FULFILMENT_REQUESTED");
    }

    private void measure(CapacityProxy proxy, ObjectNode json, StringBuilder md, String name, LambdaInvoker function, Supplier<String> event) throws Exception {
        List<CapacityProxy.Call> calls = List.of();
        for (int i = 0; i < 3; i++) {
            String e = event.get();
            proxy.reset();
            String result = function.invoke(e, UUID.randomUUID().toString());
            check(name, result);
            calls = proxy.calls();
        }
        List<CapacityProxy.Call> processor = calls.stream().filter(c -> c.tables().equals(Set.of(sandboxPayments))).toList();
        List<CapacityProxy.Call> store = calls.stream().filter(c -> !processor.contains(c)).toList();
        double rcu = store.stream().mapToDouble(CapacityProxy.Call::readUnits).sum();
        double wcu = store.stream().mapToDouble(CapacityProxy.Call::writeUnits).sum();
        String byOp = byOperation(store);
        ObjectNode node = json.putObject(name.replaceAll(" \\(.*", ""));
        node.put("roundTrips", store.size());
        node.put("calls", byOp);
        node.put("rcu", rcu);
        node.put("wcu", wcu);
        node.put("sandboxProcessorCalls", processor.isEmpty() ? "" : byOperation(processor));
        md.append("| ").append(name).append(" | ").append(store.size()).append(" | ").append(byOp).append(" | ")
                .append(String.format("%.1f | %.1f | %s |%n", rcu, wcu, processor.isEmpty() ? "" : byOperation(processor)
                        + String.format(", %.1f WCU", processor.stream().mapToDouble(CapacityProxy.Call::writeUnits).sum())));
    }

    private static String byOperation(List<CapacityProxy.Call> calls) {
        return calls.stream().collect(Collectors.groupingBy(CapacityProxy.Call::operation, TreeMap::new, Collectors.counting())).toString();
    }

    private static void check(String name, String result) throws Exception {
        JsonNode answer = Shop.JSON.readTree(result);
        int status = answer.path("statusCode").asInt(200);
        if (status >= 300 || answer.path("batchItemFailures").size() > 0) {
            throw new IllegalStateException(name + " failed: " + result);
        }
    }
}
