package dev.storefront.local.soak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.storefront.local.ApiCalls;
import dev.storefront.local.LocalRuntime;
import dev.storefront.local.partner.PartnerQueues;
import dev.storefront.local.partner.SamplePartner;
import dev.storefront.samlocal.SamTemplate;
import software.amazon.awssdk.services.sqs.model.Message;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * `make soak MINUTES=10`: the whole local runtime in this JVM under a steady mix (browse, cart,
 * checkout; a partner that accepts, ships and delivers) for the given minutes, sampled every
 * {@link #SAMPLE} seconds: request latency p50/p99 of the window, heap used after a full GC, open
 * file descriptors, live threads, orders placed and delivered. It prints the series as a Markdown
 * table and a verdict: the last third of the run against the first, for heap, descriptors and
 * threads (growth over {@link #GROWTH_LIMIT} is reported as unbounded). Loopback only.
 */
public final class Soak {

    static final int SAMPLE = 30;
    static final int SHOPPERS = 4;
    static final double GROWTH_LIMIT = 1.5;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BODY = """
            {"email":"soak@example.com","paymentToken":"tok_visa","shippingAddress":
             {"name":"Soak Shopper","line1":"1 Loop Road","city":"Berlin","postalCode":"10115","country":"DE"}}""";

    record Row(int second, double p50, double p99, long requests, long errors, long heapMb, long fds, int threads,
               long placed, long delivered) {
    }

    private final ApiCalls api;
    private final List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong placed = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final java.util.Set<String> kindsSeen = java.util.concurrent.ConcurrentHashMap.newKeySet();

    Soak(URI base) {
        this.api = new ApiCalls(base, Duration.ofSeconds(30));
    }

    public static void main(String[] args) throws Exception {
        int minutes = Integer.parseInt(System.getenv().getOrDefault("MINUTES", "10"));
        try (LocalRuntime runtime = LocalRuntime.start(LocalRuntime.Options.ephemeral(SamTemplate.findRepoRoot()))) {
            Soak soak = new Soak(runtime.baseUrl());
            List<Row> rows = soak.run(runtime, Duration.ofMinutes(minutes));
            System.out.println(table(rows));
            System.out.println(verdict(rows));
        }
    }

    List<Row> run(LocalRuntime runtime, Duration length) throws Exception {
        List<Variant> skus = skus();
        ExecutorService pool = Executors.newFixedThreadPool(SHOPPERS + 1);
        PartnerQueues queues = new PartnerQueues(runtime.sqs(), runtime.resources().queueUrl("FulfilmentRequestsQueue"),
                runtime.resources().queueUrl("FulfilmentUpdatesQueue"));
        pool.submit(() -> partner(queues));
        for (int i = 0; i < SHOPPERS; i++) {
            long seed = i;
            pool.submit(() -> shop(new Random(seed), skus));
        }
        List<Row> rows = new ArrayList<>();
        Instant start = Instant.now();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        while (Duration.between(start, Instant.now()).compareTo(length) < 0) {
            Thread.sleep(Duration.ofSeconds(SAMPLE).toMillis());
            List<Long> window;
            synchronized (latencies) {
                window = new ArrayList<>(latencies);
                latencies.clear();
            }
            Collections.sort(window);
            System.gc();
            rows.add(new Row((int) Duration.between(start, Instant.now()).toSeconds(), percentile(window, 0.5), percentile(window, 0.99),
                    requests.getAndSet(0), errors.getAndSet(0), memory.getHeapMemoryUsage().getUsed() / (1024 * 1024), openFiles(),
                    ManagementFactory.getThreadMXBean().getThreadCount(), placed.get(), delivered.get()));
            System.out.println(line(rows.get(rows.size() - 1)));
        }
        running.set(false);
        pool.shutdown();
        pool.awaitTermination(30, TimeUnit.SECONDS);
        return rows;
    }

    /** A SKU on sale and the product it belongs to, as the listing says (a SKU's name does not). */
    record Variant(String sku, String productId) {
    }

    private List<Variant> skus() throws Exception {
        List<Variant> skus = new ArrayList<>();
        for (JsonNode product : ApiCalls.json(call("GET", "/products?limit=50", null, null)).path("items")) {
            product.path("variants").forEach(v -> skus.add(new Variant(v.path("sku").asText(), product.path("productId").asText())));
        }
        return skus;
    }

    /** One shopper: a product page and a listing, a cart, and a checkout in one visit of three. */
    private void shop(Random random, List<Variant> skus) {
        while (running.get()) {
            try {
                call("GET", "/products?limit=20", null, null);
                Variant variant = skus.get(random.nextInt(skus.size()));
                call("GET", "/products/" + variant.productId(), null, null);
                String cartId = JSON.readTree(call("POST", "/carts", null, null).body()).path("cartId").asText();
                call("POST", "/carts/" + cartId + "/items", "{\"sku\":\"" + variant.sku() + "\",\"quantity\":1}", null);
                if (random.nextInt(3) == 0) {
                    HttpResponse<String> order = call("POST", "/carts/" + cartId + "/checkout", BODY, UUID.randomUUID().toString());
                    if (order.statusCode() == 201) {
                        placed.incrementAndGet();
                    }
                }
            } catch (IOException | RuntimeException e) {
                // Counted with the 5xx answers; each kind said once, so a client-side fault is not taken for the shop's.
                errors.incrementAndGet();
                if (kindsSeen.add(e.getClass().getName())) {
                    System.err.println("soak: a visit failed: " + e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void partner(PartnerQueues queues) {
        while (running.get()) {
            for (Message message : queues.sqs().receiveMessage(r -> r.queueUrl(queues.requests()).maxNumberOfMessages(10).waitTimeSeconds(1))
                    .messages()) {
                try {
                    JsonNode request = JSON.readTree(message.body());
                    if (request.path("type").asText().equals("fulfilment.requested")) {
                        SamplePartner.accept(queues, request);
                        SamplePartner.ship(queues, request);
                        SamplePartner.deliver(queues, request);
                        delivered.incrementAndGet();
                    }
                } catch (IOException e) {
                    errors.incrementAndGet();
                }
                queues.sqs().deleteMessage(r -> r.queueUrl(queues.requests()).receiptHandle(message.receiptHandle()));
            }
        }
    }

    private HttpResponse<String> call(String method, String path, String json, String key) throws IOException, InterruptedException {
        ApiCalls.Call call = api.call(method, path, json).header("x-visitor-id", "soak").idempotencyKey(key);
        long t0 = System.nanoTime();
        HttpResponse<String> response = call.send();
        latencies.add((System.nanoTime() - t0) / 1_000);
        requests.incrementAndGet();
        if (response.statusCode() >= 500) {
            errors.incrementAndGet();
        }
        return response;
    }

    static double percentile(List<Long> sortedMicros, double p) {
        if (sortedMicros.isEmpty()) {
            return 0;
        }
        return sortedMicros.get((int) Math.min(sortedMicros.size() - 1, Math.floor(p * sortedMicros.size()))) / 1000.0;
    }

    /** Open descriptors of this process (Linux); -1 elsewhere. */
    static long openFiles() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        } catch (IOException e) {
            return -1;
        }
    }

    static String line(Row r) {
        return "| %d | %.1f | %.1f | %d | %d | %d | %d | %d | %d | %d |".formatted(r.second(), r.p50(), r.p99(), r.requests(), r.errors(),
                r.heapMb(), r.fds(), r.threads(), r.placed(), r.delivered());
    }

    static String table(List<Row> rows) {
        StringBuilder out = new StringBuilder("| s | p50 (ms) | p99 (ms) | requests | 5xx/errors | heap after GC (MB) | open fds | threads | orders placed | delivered |\n"
                + "|---|---|---|---|---|---|---|---|---|---|\n");
        rows.forEach(r -> out.append(line(r)).append('\n'));
        return out.toString();
    }

    /** The last third against the first: heap, descriptors and threads must not keep growing. */
    static String verdict(List<Row> rows) {
        if (rows.size() < 3) {
            return "too short to judge growth (fewer than three samples)";
        }
        int third = rows.size() / 3;
        List<Row> first = rows.subList(0, third);
        List<Row> last = rows.subList(rows.size() - third, rows.size());
        StringBuilder out = new StringBuilder();
        out.append(growth("heap after GC", first.stream().mapToLong(Row::heapMb).average().orElse(0), last.stream().mapToLong(Row::heapMb).average().orElse(0)));
        out.append(growth("open fds", first.stream().mapToLong(Row::fds).average().orElse(0), last.stream().mapToLong(Row::fds).average().orElse(0)));
        out.append(growth("threads", first.stream().mapToInt(Row::threads).average().orElse(0), last.stream().mapToInt(Row::threads).average().orElse(0)));
        return out.toString();
    }

    private static String growth(String what, double first, double last) {
        double ratio = first == 0 ? 1 : last / first;
        return "%s: first third %.0f, last third %.0f (x%.2f): %s%n".formatted(what, first, last, ratio,
                ratio <= GROWTH_LIMIT ? "bounded" : "GROWING");
    }
}
