package dev.storefront.bench;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.storefront.local.LocalRuntime;
import dev.storefront.samlocal.DynamodbEvents;
import dev.storefront.samlocal.HttpApiEvents;
import dev.storefront.samlocal.HttpRoute;
import dev.storefront.samlocal.IsolatedFunction;
import dev.storefront.samlocal.LambdaEnvironment;
import dev.storefront.samlocal.LambdaInvoker;
import dev.storefront.samlocal.SamFunction;
import dev.storefront.samlocal.SamTemplate;
import dev.storefront.samlocal.ScheduledEvents;
import dev.storefront.samlocal.ScratchFolders;
import dev.storefront.samlocal.SqsEvents;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.OperationType;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * {@code make bench}: every figure of docs/BENCHMARKS.md, each beside its baseline in the same run,
 * on one local runtime (embedded DynamoDB Local and ElasticMQ, seeded). Writes docs/BENCHMARKS.md
 * and docs/benchmarks.json; {@code --smoke} runs each suite once and writes them under target/.
 */
public final class Bench {

    /** How many times each figure is measured. */
    record Counts(int coldRuns, int warmRequests, int warmup, int flashRuns, int flashBuyers, int runStarts, boolean allFunctions,
                  int searchProducts, int searchRequests) {
        static Counts full() {
            return new Counts(intEnv("BENCH_COLD_RUNS", 10), 1000, 100, intEnv("BENCH_FLASH_RUNS", 10), 50, intEnv("BENCH_RUN_STARTS", 5), true,
                    intEnv("BENCH_SEARCH_PRODUCTS", 10_000), 200);
        }

        static Counts smoke() {
            return new Counts(1, 5, 2, 1, 5, 0, false, 20, 5);
        }
    }

    static final String BENCH_PRODUCT = "bench-kit";
    static final String[] BENCH_SKUS = {"BENCH-KIT-A", "BENCH-KIT-B", "BENCH-KIT-C"};

    final Path root;
    final Counts counts;
    final LocalRuntime runtime;
    final Shop shop;
    final SamTemplate template;
    final Path work;
    final ObjectNode json = Shop.JSON.createObjectNode();
    final Report report;

    Bench(Path root, Counts counts, LocalRuntime runtime, Path work) {
        this.root = root;
        this.counts = counts;
        this.runtime = runtime;
        this.shop = new Shop(runtime);
        this.template = runtime.resources().template();
        this.work = work;
        this.report = new Report(json);
    }

    public static void main(String[] args) throws Exception {
        boolean smoke = List.of(args).contains("--smoke");
        Path root = SamTemplate.findRepoRoot();
        // A run of some suites or variants only must not replace the recorded full run in docs/.
        boolean partial = List.of("BENCH_SUITES", "BENCH_COLD_VARIANTS").stream().map(System::getenv).anyMatch(v -> v != null && !v.isBlank());
        Path out = smoke || partial ? root.resolve("infra/bench/target") : root.resolve("docs");
        run(root, smoke ? Counts.smoke() : Counts.full(), out);
    }

    /** Runs every suite and writes BENCHMARKS.md and benchmarks.json into {@code out}. */
    static void run(Path root, Counts counts, Path out) throws Exception {
        long started = System.nanoTime();
        Path work = ScratchFolders.create("storefront-bench");
        Bench bench;
        try (LocalRuntime runtime = LocalRuntime.start(LocalRuntime.Options.ephemeral(root))) {
            bench = new Bench(root, counts, runtime, work);
            bench.machine();
            bench.shop.product(BENCH_PRODUCT, 1_000_000, BENCH_SKUS);
            bench.suite("jarSizes", () -> new JarSizes(bench).run());
            bench.suite("dynamoCost", () -> new DynamoCost(bench).run());
            bench.suite("warmLatency", () -> new WarmLatency(bench).run());
            bench.suite("coldStart", () -> new ColdStarts(bench).run());
            bench.suite("flashSale", () -> new FlashSale(bench).run());
            bench.suite("search", () -> new SearchBench(bench).run());
        }
        // After the bench's own runtime stopped: its pollers would compete with the runtime measured.
        if (counts.runStarts() > 0) {
            bench.suite("makeRun", () -> new RunStartup(bench).run());
        }
        {
            bench.json.put("benchSeconds", Samples.round((System.nanoTime() - started) / 1e9));
            Files.createDirectories(out);
            Files.writeString(out.resolve("benchmarks.json"), Shop.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(bench.json) + "\n");
            Path md = out.resolve("BENCHMARKS.md");
            Files.writeString(md, bench.report.markdown(Files.exists(md) ? Files.readString(md) : null));
            System.out.printf("Wrote %s and %s in %.0f s%n", out.resolve("BENCHMARKS.md"), out.resolve("benchmarks.json"), (System.nanoTime() - started) / 1e9);
        }
    }

    interface Suite {
        void run() throws Exception;
    }

    /** Runs a suite unless BENCH_SUITES (comma-separated names) leaves it out; notes how long it took. */
    void suite(String name, Suite suite) throws Exception {
        String only = System.getenv("BENCH_SUITES");
        if (only != null && !only.isBlank() && !List.of(only.split(",")).contains(name)) {
            return;
        }
        long start = System.nanoTime();
        suite.run();
        json.with("suiteSeconds").put(name, Samples.round((System.nanoTime() - start) / 1e9));
    }

    private void machine() throws Exception {
        ObjectNode m = json.putObject("machine");
        m.put("date", LocalDate.now().toString());
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (Files.exists(cpuinfo)) {
            Files.readAllLines(cpuinfo).stream().filter(l -> l.startsWith("model name")).findFirst()
                    .ifPresent(l -> m.put("cpu", l.substring(l.indexOf(':') + 1).trim()));
        }
        m.put("memoryGiB", Samples.round(((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getTotalMemorySize() / (1024.0 * 1024 * 1024)));
    }

    // ------------------------------------------------------------------ helpers the suites share

    SamFunction function(String logicalId) {
        return template.function(logicalId);
    }

    /** The environment the template gives the function, with the emulators (or a proxy of DynamoDB) as endpoints. */
    Map<String, String> environment(SamFunction function, URI dynamo) {
        return new LinkedHashMap<>(LambdaEnvironment.of(function, runtime.resources(), dynamo, runtime.sqsEndpoint(), "us-east-1"));
    }

    /** The function from its jar in its own class loader, as the local runtime runs it, talking to {@code dynamo}. */
    LambdaInvoker isolated(SamFunction function, URI dynamo, String tag) throws Exception {
        return IsolatedFunction.start(function, environment(function, dynamo), Files.createDirectories(work.resolve(tag)));
    }

    /** The floor as a function: the plain handler from its shaded jar, with the catalog's and the carts' tables. */
    SamFunction floor() {
        return floor(root, template);
    }

    static SamFunction floor(Path root, SamTemplate template) {
        Map<String, Object> env = new LinkedHashMap<>(template.function("CatalogFunction").environment());
        env.putAll(template.function("CartFunction").environment());
        return new SamFunction("PlainFloor", "dev.storefront.bench.floor.PlainHandler",
                root.resolve("infra/bench/floor/target/bench-floor.jar"), env, 10, List.of(), List.of(), Map.of());
    }

    /** A payload 2.0 event for a route of the template, as API Gateway builds it. */
    String httpEvent(String method, String path, String routeKey, Map<String, String> pathParameters, String body,
                     Map<String, String> claims, String... headers) {
        Map<String, List<String>> h = new LinkedHashMap<>();
        h.put("host", List.of("api.storefront.test"));
        if (body != null) {
            h.put("content-type", List.of("application/json"));
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            h.put(headers[i], List.of(headers[i + 1]));
        }
        int q = path.indexOf('?');
        HttpApiEvents.Request request = new HttpApiEvents.Request(method, q < 0 ? path : path.substring(0, q), q < 0 ? null : path.substring(q + 1),
                h, body == null ? null : body.getBytes(java.nio.charset.StandardCharsets.UTF_8), "198.51.100.10", Instant.now());
        return HttpApiEvents.event(request, routeKey, pathParameters, claims, UUID.randomUUID().toString());
    }

    Map<String, String> adminClaims() {
        return runtime.issuer().authorize("Bearer " + runtime.token("bench-admin", "admin")).orElseThrow();
    }

    /** A placed order's id (1 unit of the first bench SKU), for events about a real order. */
    String placedOrder() {
        Shop.Reply placed = shop.checkout(shop.cart(BENCH_SKUS[0]));
        if (placed.status() != 201) {
            throw new IllegalStateException("checkout answered " + placed.status() + ": " + placed.body());
        }
        return placed.json().path("orderId").asText();
    }

    /** The first event of each function in a cold start: a real request against the emulators. */
    Supplier<String> firstEvent(SamFunction function) {
        String region = "us-east-1";
        return switch (function.logicalId()) {
            case "CatalogFunction" -> () -> httpEvent("GET", "/products/trail-runner", "GET /products/{productId}", Map.of("productId", "trail-runner"), null, null);
            case "CatalogAdminFunction" -> () -> httpEvent("PUT", "/admin/inventory/" + BENCH_SKUS[2], "PUT /admin/inventory/{sku}",
                    Map.of("sku", BENCH_SKUS[2]), "{\"available\":1000000}", adminClaims());
            case "CartFunction" -> () -> {
                String cartId = shop.cart();
                return httpEvent("POST", "/carts/" + cartId + "/items", "POST /carts/{cartId}/items", Map.of("cartId", cartId),
                        "{\"sku\":\"" + BENCH_SKUS[1] + "\",\"quantity\":1}", null);
            };
            case "CartAdminFunction" -> () -> httpEvent("PUT", "/admin/discounts/BENCH10", "PUT /admin/discounts/{code}", Map.of("code", "BENCH10"),
                    "{\"kind\":\"PERCENTAGE\",\"percentOff\":10}", adminClaims());
            case "CheckoutFunction" -> () -> {
                String cartId = shop.cart(BENCH_SKUS[0]);
                return httpEvent("POST", "/carts/" + cartId + "/checkout", "POST /carts/{cartId}/checkout", Map.of("cartId", cartId),
                        Shop.CHECKOUT_BODY, null, "idempotency-key", UUID.randomUUID().toString());
            };
            case "ReservationSweeperFunction" -> () -> ScheduledEvents.event(ScheduledEvents.ruleArn(region, "bench-sweep"), region, Instant.now());
            case "OrderEventsRelayFunction" -> () -> {
                Map<String, AttributeValue> item = runtime.dynamo().getItem(r -> r.tableName(runtime.resources().tableName("OrdersTable"))
                        .key(Map.of("orderId", AttributeValue.fromS(placedOrder()))).consistentRead(true)).item();
                // As the stream delivers a placing: the order moved from PENDING_PAYMENT (an INSERT of a PLACED
                // order would be relayed without its "from", and the real consumers would refuse it).
                Map<String, AttributeValue> pending = new HashMap<>(item);
                pending.put("status", AttributeValue.fromS("PENDING_PAYMENT"));
                return DynamodbEvents.event(runtime.resources().streamArn("OrdersTable"), region, List.of(DynamodbEvents.change(OperationType.MODIFY,
                        Map.of("orderId", item.get("orderId")), pending, item, "1" + System.nanoTime(), Instant.now())));
            };
            case "OrderEventsConsumerFunction" -> () -> SqsEvents.event(runtime.resources().queueArn("OrderEventsQueue"), region,
                    List.of(SqsEvents.message(envelope("order.placed", placedOrder()))));
            case "PartnerUpdatesConsumerFunction" -> () -> {
                String orderId = placedOrder();
                return SqsEvents.event(runtime.resources().queueArn("FulfilmentUpdatesQueue"), region,
                        List.of(SqsEvents.fifoMessage(envelope("fulfilment.accepted", orderId), orderId, UUID.randomUUID().toString(), "1" + System.nanoTime())));
            };
            case "InsightsFunction" -> () -> SqsEvents.event(runtime.resources().queueArn("AnalyticsEventsQueue"), region,
                    List.of(SqsEvents.message(example("product.viewed"))));
            case "InsightsAdminFunction" -> () -> httpEvent("GET", "/admin/kpis?from=" + LocalDate.now().minusDays(7) + "&to=" + LocalDate.now(),
                    "GET /admin/kpis", Map.of(), null, adminClaims());
            // A function added to the template later: no first event yet, so no cold start (the report says which).
            default -> null;
        };
    }

    /** An event from docs/events/examples with a new id and time. */
    String example(String type) {
        try {
            ObjectNode event = (ObjectNode) Shop.JSON.readTree(root.resolve("docs/events/examples/" + type + ".json").toFile());
            event.put("eventId", UUID.randomUUID().toString());
            event.put("occurredAt", Instant.now().toString());
            return event.toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** An event envelope from docs/events/examples, about another order and with a new id. */
    String envelope(String type, String orderId) {
        try {
            ObjectNode event = (ObjectNode) Shop.JSON.readTree(root.resolve("docs/events/examples/" + type + ".json").toFile());
            event.put("eventId", UUID.randomUUID().toString());
            event.put("orderId", orderId);
            event.put("occurredAt", Instant.now().toString());
            return event.toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static HttpRoute route(SamFunction function, String routeKey) {
        return function.httpRoutes().stream().filter(r -> r.routeKey().equals(routeKey)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(function.logicalId() + " has no route " + routeKey));
    }

    static int intEnv(String name, int fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }

    static ArrayNode array(ObjectNode parent, String name) {
        return parent.putArray(name);
    }

    static List<String> list(String... values) {
        return new ArrayList<>(List.of(values));
    }
}
