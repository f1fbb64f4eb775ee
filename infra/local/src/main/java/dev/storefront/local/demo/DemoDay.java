package dev.storefront.local.demo;

import dev.storefront.local.ApiCalls;
import dev.storefront.local.ServedPorts;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.storefront.local.partner.PartnerQueues;
import dev.storefront.local.partner.SamplePartner;
import software.amazon.awssdk.services.sqs.model.Message;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * `make demo`: a day of a small shop against a running `make run`, through the real HTTP API only
 * (nothing is written to a table directly): {@code VISITORS} (default 40) shoppers, each with its
 * own {@code X-Visitor-Id} and a traffic source ({@code X-Channel}, {@code X-Campaign}: web,
 * mobile, store, a newsletter and a paid winter sale), browse products; some fill a cart, some empty it again, some check out,
 * some with a card that is declined (and a few try again); a third are signed-in customers (dev
 * tokens from POST /local/token), some of whom come back and buy again. Meanwhile a partner takes
 * the fulfilment requests: it rejects about one order in ten and accepts, ships and delivers the
 * rest (SamplePartner's messages). When every order is settled it records the two campaigns'
 * spend and prints today's KPIs, the split by channel and by campaign (spend, ROAS, cost per order), the KPI API
 * curl and writes the dashboard to the data folder (.local/dashboard.html by default). Stop `make partner` first (it would take
 * the requests). {@code DEMO_SEED} makes a run repeatable.
 */
public final class DemoDay {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADDRESS = """
            {"name":"%s","line1":"1 Demo Street","city":"Berlin","postalCode":"10115","country":"DE"}""";

    private final ApiCalls api;
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    /** Each visitor's X-Channel and X-Campaign (null: none), as a storefront would send them from the landing page. */
    private final Map<String, String[]> sources = new ConcurrentHashMap<>();
    /** Where the day's visitors come from, in percent: channel, campaign header (source/medium/campaign). */
    private static final List<String[]> TRAFFIC = List.of(
            new String[]{"35", "web", null},
            new String[]{"20", "mobile", null},
            new String[]{"15", "email", "newsletter/email/winter-newsletter"},
            new String[]{"15", "social", "instagram/paid-social/winter-sale"},
            new String[]{"10", "web", "google/cpc/winter-sale"},
            new String[]{"5", "store", null});
    /** What the two campaigns cost today, EUR minor units. */
    private static final Map<String, Long> SPEND = Map.of("winter-sale", 6000L, "winter-newsletter", 800L);
    private final Set<String> placedOrders = ConcurrentHashMap.newKeySet();
    private final AtomicInteger declined = new AtomicInteger();
    private final AtomicInteger abandonedCarts = new AtomicInteger();

    /** What the day did: the orders placed, those the partner settled (all of them, unless it ran out of time) and the SKUs sold. */
    public record Day(Set<String> placedOrders, Set<String> settledOrders, List<String> skus) {
    }

    private DemoDay(URI base) {
        this.api = new ApiCalls(base, Duration.ofMinutes(1));
    }

    public static void main(String[] args) throws Exception {
        int visitors = Integer.parseInt(System.getenv().getOrDefault("VISITORS", "40"));
        long seed = Long.parseLong(System.getenv().getOrDefault("DEMO_SEED", Long.toString(System.nanoTime())));
        URI base = URI.create("http://localhost:" + ServedPorts.httpPort());
        run(base, PartnerQueues.local(), ServedPorts.dataDir(), visitors, seed);
    }

    /** The day against the API at {@code base}, its partner on {@code queues}; the dashboard is written to {@code dataDir}. */
    public static Day run(URI base, PartnerQueues queues, Path dataDir, int visitors, long seed) throws Exception {
        return new DemoDay(base).day(queues, dataDir, visitors, seed);
    }

    private Day day(PartnerQueues queues, Path dataDir, int visitors, long seed) throws Exception {
        long started = System.nanoTime();
        String admin = token("demo-admin", "admin");
        List<String> skus = stockedSkus(admin);
        List<String> productIds = productIds();
        System.out.printf("Simulating %d visitors over %d products (DEMO_SEED=%d)%n", visitors, productIds.size(), seed);

        Set<String> settled = ConcurrentHashMap.newKeySet();
        AtomicInteger rejected = new AtomicInteger();
        Thread partner = new Thread(() -> partner(queues, seed, settled, rejected), "demo-partner");
        partner.setDaemon(true);
        partner.start();

        ExecutorService shoppers = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        Random seeds = new Random(seed);
        for (int i = 0; i < visitors; i++) {
            long visitorSeed = seeds.nextLong();
            int n = i;
            done.add(shoppers.submit(() -> {
                visit(n, new Random(visitorSeed), productIds, skus);
                return null;
            }));
        }
        for (Future<?> visit : done) {
            visit.get();
        }
        shoppers.shutdown();
        System.out.printf("Shoppers done: %d orders placed, %d declined payments, %d carts abandoned; waiting for the partner...%n",
                placedOrders.size(), declined.get(), abandonedCarts.get());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!settled.containsAll(placedOrders) && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }
        partner.interrupt();
        System.out.printf("Partner: %d orders settled (%d rejected)%n", settled.size(), rejected.get());

        String today = LocalDate.now(ZoneOffset.UTC).toString();
        JsonNode row = awaitKpis(admin, today, placedOrders.size(), settled.size());
        System.out.println("\nToday's KPIs (" + today + ", UTC):\n" + JSON.writerWithDefaultPrettyPrinter().writeValueAsString(row));
        campaigns(admin, today);
        String dashboard = send("GET", "/admin/kpis/dashboard", null, admin, null).body();
        Path file = dataDir.resolve("dashboard.html");
        Files.createDirectories(file.getParent());
        Files.writeString(file, dashboard);
        System.out.printf("%nThe KPI API (make token SUB=admin GROUP=admin prints a token):%n"
                        + "  curl -s -H \"Authorization: Bearer $(make -s token SUB=admin GROUP=admin)\" '%s/admin/kpis?from=%s&to=%s'%n"
                        + "The dashboard, last 30 days: written to %s (open it in a browser), or%n"
                        + "  curl -s -H \"Authorization: Bearer $(make -s token SUB=admin GROUP=admin)\" %s/admin/kpis/dashboard > dashboard.html%n"
                        + "Done in %.1f s.%n",
                api.base(), today, today, file.toUri(), api.base(), (System.nanoTime() - started) / 1e9);
        return new Day(Set.copyOf(placedOrders), Set.copyOf(settled), List.copyOf(skus));
    }

    /** Records today's campaign spend and prints the split by channel and the campaign rows (spend, ROAS, cost per order). */
    private void campaigns(String admin, String today) throws Exception {
        for (Map.Entry<String, Long> campaign : SPEND.entrySet()) {
            ApiCalls.json(send("PUT", "/admin/campaigns/" + campaign.getKey(), "{\"name\":\"" + campaign.getKey() + "\",\"spend\":[{\"date\":\"" + today
                    + "\",\"amount\":" + campaign.getValue() + ",\"currency\":\"EUR\"}]}", admin, null));
        }
        for (String by : List.of("channel", "campaign")) {
            System.out.printf("%nBy %s (orders by last touch; visitors by their own requests):%n", by);
            for (JsonNode group : ApiCalls.json(send("GET", "/admin/kpis?from=" + today + "&to=" + today + "&groupBy=" + by, null, admin, null)).path("groups")) {
                JsonNode day = group.path("items").path(0);
                System.out.printf("  %-18s visitors %3d  orders %3d  revenue %-14s%s%n", group.path("group").asText(), day.path("visitors").asLong(),
                        group.path("ordersPlaced").asLong(), group.path("revenue"),
                        group.has("spend") ? "  spend " + group.path("spend") + "  roas " + group.path("roas") + "  costPerOrder " + group.path("costPerOrder") : "");
            }
        }
    }

    /** One shopper's visit, decided by dice: browse, maybe a cart, maybe a checkout. */
    private void visit(int n, Random dice, List<String> productIds, List<String> skus) throws Exception {
        String visitorId = "demo-" + UUID.randomUUID().toString().substring(0, 12);
        int roll = dice.nextInt(100);
        for (String[] source : TRAFFIC) {
            roll -= Integer.parseInt(source[0]);
            if (roll < 0) {
                sources.put(visitorId, new String[]{source[1], source[2]});
                break;
            }
        }
        // A third are signed in, from a pool of 8 customers: some of them buy twice today.
        String customer = dice.nextInt(3) == 0 ? "demo-customer-" + (1 + dice.nextInt(8)) : null;
        String token = customer == null ? null : tokens.computeIfAbsent(customer, c -> token(c));
        for (int views = 1 + dice.nextInt(4); views > 0; views--) {
            send("GET", "/products/" + productIds.get(dice.nextInt(productIds.size())), null, token, visitorId);
        }
        if (dice.nextInt(100) >= 55) {
            return; // looked, left
        }
        String cartId = ApiCalls.json(send("POST", "/carts", null, token, visitorId)).path("cartId").asText();
        List<String> lines = new ArrayList<>();
        for (int items = 1 + dice.nextInt(2); items > 0; items--) {
            String sku = skus.get(dice.nextInt(skus.size()));
            if (send("POST", "/carts/" + cartId + "/items", "{\"sku\":\"" + sku + "\",\"quantity\":" + (1 + dice.nextInt(2)) + "}", token, visitorId)
                    .statusCode() == 200) {
                lines.add(sku);
            }
        }
        if (!lines.isEmpty() && dice.nextInt(100) < 20) {
            send("DELETE", "/carts/" + cartId + "/items/" + lines.remove(0), null, token, visitorId);
        }
        if (lines.isEmpty() || dice.nextInt(100) >= 60) {
            abandonedCarts.incrementAndGet();
            return;
        }
        boolean declinedCard = dice.nextInt(100) < 20;
        HttpResponse<String> checkout = checkout(cartId, declinedCard ? "tok_chargeDeclined" : "tok_visa", token, visitorId, n);
        if (checkout.statusCode() == 402) {
            declined.incrementAndGet();
            if (dice.nextBoolean()) {
                checkout = checkout(cartId, "tok_visa", token, visitorId, n); // tries another card
            }
        }
        if (checkout.statusCode() == 201) {
            placedOrders.add(ApiCalls.json(checkout).path("orderId").asText());
        }
    }

    private HttpResponse<String> checkout(String cartId, String card, String token, String visitorId, int n) throws Exception {
        String body = "{\"email\":\"shopper" + n + "@example.com\",\"paymentToken\":\"" + card + "\",\"shippingAddress\":"
                + ADDRESS.formatted("Shopper " + n) + "}";
        return shopper(api.call("POST", "/carts/" + cartId + "/checkout", body).bearer(token), visitorId)
                .idempotencyKey(UUID.randomUUID().toString()).send();
    }

    /** Takes fulfilment requests until interrupted: about one in ten rejected, the others accepted, shipped, delivered. */
    private void partner(PartnerQueues queues, long seed, Set<String> settled, AtomicInteger rejected) {
        Random dice = new Random(seed ^ 0x5EED);
        while (!Thread.currentThread().isInterrupted()) {
            try {
                for (Message message : queues.sqs().receiveMessage(r -> r.queueUrl(queues.requests()).maxNumberOfMessages(10).waitTimeSeconds(1)).messages()) {
                    JsonNode request = JSON.readTree(message.body());
                    if (request.path("type").asText().equals("fulfilment.requested")) {
                        if (dice.nextInt(10) == 0) {
                            SamplePartner.reject(queues, request, "the warehouse is out of this item");
                            rejected.incrementAndGet();
                        } else {
                            SamplePartner.accept(queues, request);
                            SamplePartner.ship(queues, request);
                            SamplePartner.deliver(queues, request);
                        }
                        settled.add(request.path("orderId").asText());
                    }
                    queues.sqs().deleteMessage(r -> r.queueUrl(queues.requests()).receiptHandle(message.receiptHandle()));
                }
            } catch (Exception e) {
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
                System.err.println("partner: " + e.getMessage());
            }
        }
    }

    /** Today's row once the insights function has counted the orders (analytics events are asynchronous). */
    /** Today's row once insights has counted every placed order and every settled one (shipped or rejected). */
    private JsonNode awaitKpis(String admin, String today, int orders, int settled) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        JsonNode row;
        do {
            row = ApiCalls.json(send("GET", "/admin/kpis?from=" + today + "&to=" + today, null, admin, null)).path("items").path(0);
            if (row.path("ordersPlaced").asLong() >= orders
                    && row.path("ordersShipped").asLong() + row.path("ordersRejected").asLong() >= settled) {
                return row;
            }
            Thread.sleep(500);
        } while (System.nanoTime() < deadline);
        System.out.println("(the KPIs have not caught up with every order within 30 s: are the funnel events and the relay's"
                + " forwarding to analytics-events in this build?)");
        return row;
    }

    /** EUR SKUs of the catalog, restocked by the shop's admin so the day can sell. */
    private List<String> stockedSkus(String admin) throws Exception {
        List<String> skus = new ArrayList<>();
        for (JsonNode product : ApiCalls.json(send("GET", "/products?limit=100", null, null, null)).path("items")) {
            for (JsonNode variant : product.path("variants")) {
                if (variant.path("price").path("currency").asText().equals("EUR")) {
                    skus.add(variant.path("sku").asText());
                }
            }
        }
        if (skus.isEmpty()) {
            throw new IllegalStateException("no EUR products in the catalog: is `make run` up and seeded?");
        }
        skus = skus.subList(0, Math.min(skus.size(), 12));
        for (String sku : skus) {
            send("PUT", "/admin/inventory/" + sku, "{\"available\":500}", admin, null);
        }
        return skus;
    }

    private List<String> productIds() throws Exception {
        List<String> ids = new ArrayList<>();
        ApiCalls.json(send("GET", "/products?limit=100", null, null, null)).path("items").forEach(p -> ids.add(p.path("productId").asText()));
        return ids;
    }

    private String token(String subject, String... groups) {
        try {
            String body = JSON.createObjectNode().put("sub", subject).set("groups", JSON.valueToTree(groups)).toString();
            return ApiCalls.json(send("POST", "/local/token", body, null, null)).path("token").asText();
        } catch (Exception e) {
            throw new IllegalStateException("no dev token: is `make run` up on " + api.base() + "?", e);
        }
    }

    private HttpResponse<String> send(String method, String path, String json, String token, String visitorId) throws Exception {
        return shopper(api.call(method, path, json).bearer(token), visitorId).send();
    }

    /** A visitor's headers, as a storefront sends them from the landing page: X-Visitor-Id, X-Channel, X-Campaign. */
    private ApiCalls.Call shopper(ApiCalls.Call call, String visitorId) {
        if (visitorId == null) {
            return call;
        }
        String[] source = sources.getOrDefault(visitorId, new String[2]);
        return call.header("x-visitor-id", visitorId).header("x-channel", source[0]).header("x-campaign", source[1]);
    }
}
