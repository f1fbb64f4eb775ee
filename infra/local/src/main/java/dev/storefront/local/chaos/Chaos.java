package dev.storefront.local.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.storefront.domain.order.OrderStatus;
import dev.storefront.local.ApiCalls;
import dev.storefront.local.LocalRuntime;
import dev.storefront.local.partner.PartnerQueues;
import dev.storefront.local.partner.SamplePartner;
import dev.storefront.samlocal.FaultProxy;
import dev.storefront.samlocal.FaultProxy.Fault;
import dev.storefront.samlocal.SamTemplate;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * `make chaos`: the whole local runtime in this JVM, its functions reaching DynamoDB and SQS through
 * fault proxies (loopback only), while signed-in shoppers buy six SKUs (two units per SKU and second
 * of a phase, so they run out late in the run), a partner fulfils (every update sent
 * twice, one acceptance in four sent again late, one order in ten rejected), buyers return
 * delivered goods and an admin refunds some. Phases of {@code CHAOS_PHASE_SECONDS} (default 60):
 * calm, throttling 20 %, timeouts 5 % (answers slower than the SDK waits), errors 3 % with cut
 * connections 3 %. Every client retries with its Idempotency-Key on 503, 409 IDEMPOTENCY_IN_FLIGHT
 * and cut connections, as docs/CHECKOUT.md tells clients to. Then faults off: every order settles,
 * the sweeper and the reconciler run (payment judged at once: PaymentSettleMinutes=0), and the books
 * are read: reconciliation findings, each SKU's stock against what the orders and returns moved, captures
 * per payment, messages left in queues and dead-letter queues. Prints a Markdown table; exits 1 on
 * any finding, 500, oversold or lost unit, second capture, or order that did not settle.
 */
public final class Chaos {

    static final int SHOPPERS = 4;
    static final int SKUS = 6;
    static final Duration SETTLE = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CHECKOUT = """
            {"email":"chaos@example.com","paymentToken":"%s","shippingAddress":
             {"name":"Chaos Shopper","line1":"1 Fault Lane","city":"Berlin","postalCode":"10115","country":"DE"}}""";

    record Phase(String name, Consumer<LocalRuntime.Faults> faults) {
    }

    static final List<Phase> PHASES = List.of(
            new Phase("calm", f -> { }),
            new Phase("throttling 20 %", f -> both(f, Fault.THROTTLE, 0.20)),
            new Phase("timeouts 5 %", f -> both(f, Fault.SLOW, 0.05)),
            new Phase("errors 3 %, cut connections 3 %", f -> {
                both(f, Fault.SERVER_ERROR, 0.03);
                both(f, Fault.RESET, 0.03);
            }));

    /** Per phase: what clients saw and what the proxies injected. */
    record Row(String phase, long seconds, long requests, long busy, long serverErrors, long retries, long orders,
               long outOfStock, long declined, long limited, Map<Fault, Long> faults) {
    }

    private final LocalRuntime runtime;
    /** Where progress is told (stdout, unless the functions' log took it over). */
    private final PrintStream console;
    private final ApiCalls api;
    private final AtomicBoolean shopping = new AtomicBoolean(true);
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong busy = new AtomicLong();
    private final AtomicLong serverErrors = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong outOfStock = new AtomicLong();
    private final AtomicLong declined = new AtomicLong();
    private final AtomicLong limited = new AtomicLong();
    /** Placed orders and the token of the shopper who placed each. */
    private final Map<String, String> orders = new ConcurrentHashMap<>();
    /** Delivered orders already given their after-sale turn (a return, a refund, or neither). */
    private final Set<String> judged = ConcurrentHashMap.newKeySet();
    private final String admin;
    /** Units each SKU is set to before the faults start. */
    private int stock;

    private Chaos(LocalRuntime runtime, PrintStream console) {
        this.console = console;
        this.runtime = runtime;
        this.api = new ApiCalls(runtime.baseUrl(), Duration.ofSeconds(30));
        this.admin = runtime.token("chaos-admin", "admin");
    }

    /** Whether the books agree, the run's tables (Markdown), and how many faults and orders it had. */
    public record Verdict(boolean clean, String report, long faultsInjected, long orders) {
    }

    public static void main(String[] args) throws Exception {
        int phaseSeconds = Integer.parseInt(System.getenv().getOrDefault("CHAOS_PHASE_SECONDS", "60"));
        // The functions' JSON log lines go to a file: the console keeps the phases and the tables.
        PrintStream console = System.out;
        java.nio.file.Path log = java.nio.file.Files.createTempFile("storefront-chaos-", ".log");
        console.println("make chaos: 4 phases of " + phaseSeconds + " s; the functions' log: " + log);
        System.setOut(new PrintStream(java.nio.file.Files.newOutputStream(log), true, java.nio.charset.StandardCharsets.UTF_8));
        Verdict verdict;
        try (LocalRuntime runtime = LocalRuntime.start(options(SamTemplate.findRepoRoot()))) {
            verdict = new Chaos(runtime, console).phases(Duration.ofSeconds(phaseSeconds));
        }
        console.println(verdict.report());
        console.println(verdict.clean() ? "The books agree." : "The books do NOT agree: see the table.");
        console.flush();
        System.exit(verdict.clean() ? 0 : 1);
    }

    /** A runtime for a chaos run: in memory, seeded, fault proxies in front of the functions, payment judged at once. */
    public static LocalRuntime.Options options(java.nio.file.Path repoRoot) {
        return LocalRuntime.Options.ephemeral(repoRoot).withParameters(Map.of("PaymentSettleMinutes", "0")).withFaults();
    }

    /** The four phases of {@code phaseLength} each on {@code runtime} (started with {@link #options}), then the books. */
    public static Verdict run(LocalRuntime runtime, Duration phaseLength) throws Exception {
        return new Chaos(runtime, System.out).phases(phaseLength);
    }

    private Verdict phases(Duration phaseLength) throws Exception {
        LocalRuntime.Faults faults = runtime.faults().orElseThrow();
        // Enough for the shoppers to run out late in the run, so the last phases sell the last units too.
        stock = Math.max(10, (int) (2 * phaseLength.toSeconds()));
        List<String> skus = stock();
        PartnerQueues queues = PartnerQueues.on(runtime.sqs()).duplicating();
        ExecutorService pool = Executors.newFixedThreadPool(SHOPPERS + 2);
        AtomicBoolean partnering = new AtomicBoolean(true);
        pool.submit(() -> partner(queues, partnering));
        pool.submit(this::afterSales);
        for (int i = 0; i < SHOPPERS; i++) {
            int n = i;
            pool.submit(() -> shop(n, new Random(n), skus));
        }
        List<Row> rows = new ArrayList<>();
        for (Phase phase : PHASES) {
            faults.dynamo().heal();
            faults.sqs().heal();
            phase.faults().accept(faults);
            Snapshot before = snapshot(faults);
            long started = System.nanoTime();
            console.printf("Phase: %s for %d s%n", phase.name(), phaseLength.toSeconds());
            Thread.sleep(phaseLength.toMillis());
            rows.add(snapshot(faults).since(before, phase.name(), (System.nanoTime() - started) / 1_000_000_000L));
        }
        shopping.set(false);
        faults.dynamo().heal();
        faults.sqs().heal();
        console.println("Faults off: waiting for every order to settle...");
        long deadline = System.nanoTime() + SETTLE.toNanos();
        Map<String, OrderBook> books;
        do {
            Thread.sleep(1000);
            books = books();
        } while (!unsettled(books).isEmpty() && System.nanoTime() < deadline);
        Set<String> consumed = consumedQueues();
        long drained = System.nanoTime() + SETTLE.toNanos();
        while (!pending(consumed).isEmpty() && System.nanoTime() < drained) {
            Thread.sleep(1000);
        }
        partnering.set(false);
        pool.shutdown();
        pool.awaitTermination(60, TimeUnit.SECONDS);

        runtime.runScheduled("ReservationSweeperFunction");
        runtime.runScheduled("ReconcilerFunction");
        JsonNode reconciliation = ApiCalls.json(call("GET", "/admin/reconciliation", null, admin, null));
        return report(rows, books, skus, reconciliation, consumed);
    }

    private static void both(LocalRuntime.Faults faults, Fault fault, double rate) {
        faults.dynamo().inject("*", fault, rate);
        faults.sqs().inject("*", fault, rate);
    }

    /** The first {@link #SKUS} EUR SKUs, each set to {@link #stock} units by the admin before the faults start. */
    private List<String> stock() throws Exception {
        List<String> skus = new ArrayList<>();
        for (JsonNode product : ApiCalls.json(call("GET", "/products?limit=50", null, null, null)).path("items")) {
            for (JsonNode variant : product.path("variants")) {
                if (variant.path("price").path("currency").asText().equals("EUR") && skus.size() < SKUS) {
                    skus.add(variant.path("sku").asText());
                }
            }
        }
        for (String sku : skus) {
            ApiCalls.json(call("PUT", "/admin/inventory/" + sku, "{\"available\":" + stock + "}", admin, null));
        }
        return skus;
    }

    /** A signed-in shopper: a cart of one or two SKUs, a checkout (one in ten with a declined card), again and again. */
    private void shop(int n, Random dice, List<String> skus) {
        for (int visit = 1; shopping.get(); visit++) {
            // A customer per visit: one customer's declined cards would soon meet the shop's declined-payment
            // limit (429, as meant), and a signed-in customer's next visit would find the same open cart.
            String token = runtime.token("chaos-shopper-" + n + "-" + visit);
            try {
                HttpResponse<String> cart = retried("POST", "/carts", null, token, null);
                if (cart.statusCode() != 201 && cart.statusCode() != 200) {
                    continue;
                }
                String cartId = JSON.readTree(cart.body()).path("cartId").asText();
                for (int lines = 1 + dice.nextInt(2); lines > 0; lines--) {
                    retried("POST", "/carts/" + cartId + "/items", "{\"sku\":\"" + skus.get(dice.nextInt(skus.size())) + "\",\"quantity\":"
                            + (1 + dice.nextInt(2)) + "}", token, null);
                }
                String card = dice.nextInt(10) == 0 ? "tok_chargeDeclined" : "tok_visa";
                HttpResponse<String> order = retried("POST", "/carts/" + cartId + "/checkout", CHECKOUT.formatted(card), token,
                        UUID.randomUUID().toString());
                JsonNode answer = JSON.readTree(order.body());
                if (order.statusCode() == 201) {
                    orders.put(answer.path("orderId").asText(), token);
                } else if (answer.path("code").asText().equals("OUT_OF_STOCK")) {
                    outOfStock.incrementAndGet();
                } else if (order.statusCode() == 402) {
                    declined.incrementAndGet();
                } else if (order.statusCode() == 429) {
                    limited.incrementAndGet();
                }
            } catch (IOException e) {
                // retried() gave up on this visit: the next one starts afresh
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** One delivered order in four returned (a unit of its first line), one in six refunded 1.00 by the admin. */
    private void afterSales() {
        Random dice = new Random(99);
        while (shopping.get()) {
            try {
                Thread.sleep(2000);
                for (Map.Entry<String, String> placed : orders.entrySet()) {
                    String orderId = placed.getKey();
                    if (judged.contains(orderId) || !shopping.get()) {
                        continue;
                    }
                    HttpResponse<String> read = call("GET", "/orders/" + orderId, null, placed.getValue(), null);
                    JsonNode order = read.statusCode() == 200 ? JSON.readTree(read.body()) : null;
                    if (order == null || !order.path("status").asText().equals("DELIVERED")) {
                        continue;
                    }
                    int roll = dice.nextInt(12);
                    if (roll < 3) {
                        JsonNode line = order.path("lines").path(0);
                        HttpResponse<String> asked = retried("POST", "/orders/" + orderId + "/returns", "{\"lines\":[{\"sku\":\""
                                + line.path("sku").asText() + "\",\"quantity\":1,\"reason\":\"chaos\"}]}", placed.getValue(), UUID.randomUUID().toString());
                        if (asked.statusCode() < 300) {
                            judged.add(orderId);
                        }
                    } else if (roll < 5) {
                        HttpResponse<String> refund = retried("POST", "/admin/orders/" + orderId + "/refunds",
                                "{\"amount\":100,\"reason\":\"chaos goodwill\"}", admin, UUID.randomUUID().toString());
                        if (refund.statusCode() < 300) {
                            judged.add(orderId);
                        }
                    } else {
                        judged.add(orderId);
                    }
                }
            } catch (IOException e) {
                // the next round asks again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Takes requests until told to stop: one in ten rejected; the rest accepted, shipped, delivered; returns received. */
    private void partner(PartnerQueues queues, AtomicBoolean partnering) {
        Random dice = new Random(5);
        while (partnering.get()) {
            try {
                for (Message message : queues.sqs().receiveMessage(r -> r.queueUrl(queues.requests()).maxNumberOfMessages(10).waitTimeSeconds(1))
                        .messages()) {
                    JsonNode request = JSON.readTree(message.body());
                    switch (request.path("type").asText()) {
                        case "fulfilment.requested" -> {
                            if (dice.nextInt(10) == 0) {
                                SamplePartner.reject(queues, request, "out of stock at the warehouse");
                            } else {
                                SamplePartner.accept(queues, request);
                                SamplePartner.ship(queues, request);
                                SamplePartner.deliver(queues, request);
                                if (dice.nextInt(4) == 0) {
                                    SamplePartner.acceptLate(queues, request);
                                }
                            }
                        }
                        case "return.requested" -> SamplePartner.receiveReturn(queues, request);
                        default -> { }
                    }
                    queues.sqs().deleteMessage(r -> r.queueUrl(queues.requests()).receiptHandle(message.receiptHandle()));
                }
            } catch (IOException | RuntimeException e) {
                console.println("partner: " + e.getMessage());
            }
        }
    }

    /**
     * A call retried as the docs tell clients: on 503 (after Retry-After), on 409
     * IDEMPOTENCY_IN_FLIGHT and on a cut connection, at most 30 attempts with the same key.
     */
    private HttpResponse<String> retried(String method, String path, String body, String token, String key)
            throws IOException, InterruptedException {
        IOException last = null;
        for (int attempt = 1; attempt <= 30; attempt++) {
            if (attempt > 1) {
                retries.incrementAndGet();
            }
            try {
                HttpResponse<String> answer = call(method, path, body, token, key);
                boolean inFlight = answer.statusCode() == 409 && answer.body().contains("IDEMPOTENCY_IN_FLIGHT");
                if (answer.statusCode() != 503 && !inFlight) {
                    return answer;
                }
                long wait = answer.headers().firstValue("retry-after").map(Long::parseLong).orElse(1L);
                Thread.sleep(Math.min(wait, 2) * 1000);
            } catch (IOException e) {
                last = e;
                Thread.sleep(500);
            }
        }
        throw last != null ? last : new IOException(method + " " + path + " still busy after 30 attempts");
    }

    private HttpResponse<String> call(String method, String path, String body, String token, String key)
            throws IOException, InterruptedException {
        requests.incrementAndGet();
        HttpResponse<String> answer = api.call(method, path, body).header("x-visitor-id", "chaos").bearer(token).idempotencyKey(key).send();
        if (answer.statusCode() == 503) {
            busy.incrementAndGet();
        } else if (answer.statusCode() >= 500) {
            serverErrors.incrementAndGet();
            console.println(method + " " + path + " answered " + answer.statusCode() + ": " + answer.body());
        }
        return answer;
    }

    /** One order as the desk shows it: its status, its units, and its returns and refunds from the timeline. */
    record OrderBook(String status, Map<String, Long> units, long returnsAsked, long returnsReceived, long refundsAsked, long refundsSettled) {

        /** In a final status (OrderStatus.isFinal), with every return received and every refund answered. */
        boolean settled() {
            return known() != null && known().isFinal() && returnsReceived == returnsAsked && refundsSettled == refundsAsked;
        }

        /** Its stock given back (OrderStatus.releasesStock): its units are no longer sold. */
        boolean released() {
            return known() != null && known().releasesStock();
        }

        /** The status, or null when the order could not be read (its status is then the HTTP answer). */
        private OrderStatus known() {
            return status.startsWith("HTTP ") ? null : OrderStatus.valueOf(status);
        }
    }

    private Map<String, OrderBook> books() throws IOException, InterruptedException {
        Map<String, OrderBook> books = new TreeMap<>();
        for (String orderId : orders.keySet()) {
            HttpResponse<String> read = call("GET", "/admin/orders/" + orderId, null, admin, null);
            if (read.statusCode() != 200) {
                books.put(orderId, new OrderBook("HTTP " + read.statusCode(), Map.of(), 0, 0, 0, 0));
                continue;
            }
            JsonNode order = JSON.readTree(read.body());
            Map<String, Long> units = new TreeMap<>();
            order.path("lines").forEach(l -> units.merge(l.path("sku").asText(), l.path("quantity").asLong(), Long::sum));
            long asked = 0, received = 0, refunds = 0, settledRefunds = 0;
            for (JsonNode entry : order.path("timeline")) {
                String summary = entry.path("summary").asText();
                if (entry.path("kind").asText().equals("RETURN")) {
                    asked += summary.endsWith(" requested") ? 1 : 0;
                    received += summary.endsWith(" received") ? 1 : 0;
                } else if (entry.path("kind").asText().equals("REFUND")) {
                    refunds += summary.endsWith(" asked") ? 1 : 0;
                    settledRefunds += summary.endsWith(" succeeded") || summary.endsWith(" failed") ? 1 : 0;
                }
            }
            books.put(orderId, new OrderBook(order.path("status").asText(), units, asked, received, refunds, settledRefunds));
        }
        return books;
    }

    private static List<String> unsettled(Map<String, OrderBook> books) {
        return books.entrySet().stream().filter(e -> !e.getValue().settled()).map(e -> e.getKey() + " " + e.getValue()).toList();
    }

    private record Snapshot(long requests, long busy, long serverErrors, long retries, long orders, long outOfStock, long declined,
                            long limited, Map<Fault, Long> faults) {

        Row since(Snapshot before, String phase, long seconds) {
            Map<Fault, Long> injected = new EnumMap<>(Fault.class);
            faults.forEach((fault, count) -> injected.put(fault, count - before.faults.get(fault)));
            return new Row(phase, seconds, requests - before.requests, busy - before.busy, serverErrors - before.serverErrors,
                    retries - before.retries, orders - before.orders, outOfStock - before.outOfStock, declined - before.declined,
                    limited - before.limited, injected);
        }
    }

    private Snapshot snapshot(LocalRuntime.Faults proxies) {
        Map<Fault, Long> injected = new EnumMap<>(Fault.class);
        for (Fault fault : Fault.values()) {
            injected.put(fault, proxies.dynamo().injected(fault) + proxies.sqs().injected(fault));
        }
        return new Snapshot(requests.get(), busy.get(), serverErrors.get(), retries.get(), orders.size(), outOfStock.get(), declined.get(),
                limited.get(), injected);
    }

    /** The tables and the verdict. */
    private Verdict report(List<Row> rows, Map<String, OrderBook> books, List<String> skus, JsonNode reconciliation, Set<String> consumed) {
        StringBuilder out = new StringBuilder("\n| phase | s | requests | 503 | 500 | retries | orders | out of stock | declined | 429"
                + " | throttled | limit | 500 injected | slow | cut |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            out.append("| %s | %d | %d | %d | %d | %d | %d | %d | %d | %d | %d | %d | %d | %d | %d |%n".formatted(r.phase(), r.seconds(), r.requests(),
                    r.busy(), r.serverErrors(), r.retries(), r.orders(), r.outOfStock(), r.declined(), r.limited(), r.faults().get(Fault.THROTTLE),
                    r.faults().get(Fault.LIMIT_EXCEEDED), r.faults().get(Fault.SERVER_ERROR), r.faults().get(Fault.SLOW), r.faults().get(Fault.RESET)));
        }
        Map<String, Long> byStatus = new TreeMap<>();
        books.values().forEach(b -> byStatus.merge(b.status(), 1L, Long::sum));
        long sold = books.values().stream().filter(b -> !b.released())
                .mapToLong(b -> b.units().entrySet().stream().filter(u -> skus.contains(u.getKey())).mapToLong(Map.Entry::getValue).sum()).sum();
        // Each return is one unit, received RESELLABLE by the partner: back in stock.
        long returnedUnits = books.values().stream().mapToLong(OrderBook::returnsReceived).sum();
        long available = available(skus);
        long expected = (long) stock * skus.size() - sold + returnedUnits;
        Map<String, Long> captures = captures();
        long doubleCaptured = captures.values().stream().filter(n -> n > 1).count();
        long findings = reconciliation.path("total").asLong();
        List<String> unsettled = unsettled(books);

        out.append("\n| check | result |\n|---|---|\n");
        out.append("| orders, by final status | %d: %s |%n".formatted(books.size(), byStatus));
        out.append("| orders not settled %d s after the faults stopped | %d%s |%n".formatted(SETTLE.toSeconds(), unsettled.size(),
                unsettled.isEmpty() ? "" : " " + unsettled));
        out.append("| returns received, refunds made (returns' and the admin's) | %d, %d |%n".formatted(returnedUnits,
                books.values().stream().mapToLong(OrderBook::refundsSettled).sum()));
        out.append("| units of the %d SKUs: %d set, sold %d, returned %d, available %d (expected %d) |%s|%n".formatted(skus.size(),
                (long) stock * skus.size(), sold, returnedUnits, available, expected, available == expected ? " agree " : " DISAGREE "));
        out.append("| payments captured, of them captured twice | %d, %d |%n".formatted(captures.size(), doubleCaptured));
        out.append("| 500 answers | %d |%n".formatted(serverErrors.get()));
        out.append("| reconciliation findings | %d %s |%n".formatted(findings, findings == 0 ? "" : reconciliation.path("findings")));
        Map<String, Long> pending = pending(consumed);
        Map<String, Long> elsewhere = new TreeMap<>(queueDepths());
        elsewhere.keySet().removeAll(consumed);
        out.append("| messages left in the queues the stack consumes | %s |%n".formatted(pending.isEmpty() ? "none" : pending));
        out.append("| messages in dead-letter queues and partners' queues | %s |%n".formatted(elsewhere.isEmpty() ? "none" : elsewhere));
        boolean clean = findings == 0 && serverErrors.get() == 0 && doubleCaptured == 0 && unsettled.isEmpty() && available == expected
                && pending.isEmpty();
        long faultsInjected = rows.stream().mapToLong(r -> r.faults().values().stream().mapToLong(Long::longValue).sum()).sum();
        return new Verdict(clean, out.toString(), faultsInjected, books.size());
    }

    /** What the SKUs hold now, read from the Inventory table as an auditor would (none of them is a sharded hot SKU). */
    private long available(List<String> skus) {
        long available = 0;
        String inventory = runtime.resources().tableName("InventoryTable");
        for (String sku : skus) {
            Map<String, AttributeValue> item = runtime.dynamo().getItem(r -> r.tableName(inventory)
                    .key(Map.of("sku", AttributeValue.fromS(sku))).consistentRead(true)).item();
            available += Long.parseLong(item.get("available").n());
        }
        return available;
    }

    /** Capture keys per payment at the sandbox processor (an auditor's Scan of its books): more than one is a second charge. */
    private Map<String, Long> captures() {
        Map<String, Long> perPayment = new HashMap<>();
        runtime.dynamo().scanPaginator(r -> r.tableName(runtime.resources().tableName("SandboxPaymentsTable"))).items().forEach(item -> {
            if (item.containsKey("operation") && item.get("operation").s().equals("capture")) {
                perPayment.merge(item.get("authorizationId").s(), 1L, Long::sum);
            }
        });
        return perPayment;
    }

    /** The queues a function of the template takes its events from (its SQS event sources). */
    private Set<String> consumedQueues() {
        Set<String> queues = new java.util.TreeSet<>();
        runtime.resources().template().functions().forEach(function -> function.eventSources().stream()
                .filter(source -> source.type().equals("SQS")).forEach(source -> {
                    Object arn = source.properties().get("Queue");
                    if (arn instanceof Map<?, ?> ref && ref.get("Fn::GetAtt") != null) {
                        Object target = ref.get("Fn::GetAtt");
                        String text = target instanceof List<?> parts ? String.valueOf(parts.get(0)) : String.valueOf(target);
                        queues.add(text.split("\\.")[0]);
                    }
                }));
        return queues;
    }

    private Map<String, Long> pending(Set<String> queues) {
        Map<String, Long> pending = new TreeMap<>(queueDepths());
        pending.keySet().retainAll(queues);
        return pending;
    }

    /** Every queue of the stack with a message in it (visible or in flight): the DLQs are where a refused message belongs. */
    private Map<String, Long> queueDepths() {
        Map<String, Long> depths = new LinkedHashMap<>();
        runtime.resources().physicalIds().forEach((logicalId, physical) -> {
            if (physical.startsWith("http")) {
                Map<QueueAttributeName, String> attributes = runtime.sqs().getQueueAttributes(r -> r.queueUrl(physical)
                        .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                        .attributes();
                long depth = attributes.values().stream().mapToLong(Long::parseLong).sum();
                if (depth > 0) {
                    depths.put(logicalId, depth);
                }
            }
        });
        return depths;
    }
}
