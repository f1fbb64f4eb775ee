package dev.storefront.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A flash sale through the local runtime over HTTP: a SKU with 10 units, 50 buyers with their own
 * cart of 1 unit each, all checking out at once. Counts orders, 409s, the stock left and oversells.
 * Each round sells an ordinary SKU and a hot one (its stock over {@link #HOT_SHARDS} shards), in
 * alternating order, so the two are compared on the same machine at the same moment.
 */
final class FlashSale {

    static final int UNITS = 10;
    static final int HOT_SHARDS = 4;

    /** One kind of SKU on sale and what its sales came to. */
    private static final class Kind {
        final String name;
        final int shards;
        final Samples throughput = new Samples();
        final Samples latency = new Samples();
        final ArrayNode runs;
        int oversold;
        int worstOrders = Integer.MAX_VALUE;
        long totalOrders;
        long total409;
        long totalOther;
        long lastStock = -1;

        Kind(String name, int shards, ArrayNode runs) {
            this.name = name;
            this.shards = shards;
            this.runs = runs;
        }
    }

    private final Bench bench;

    FlashSale(Bench bench) {
        this.bench = bench;
    }

    void run() throws Exception {
        int buyers = bench.counts.flashBuyers();
        int rounds = bench.counts.flashRuns();
        ObjectNode json = bench.json.putObject("flashSale");
        Kind plain = new Kind("one stock item", 1, json.putArray("runs"));
        Kind hot = new Kind("hot SKU, " + HOT_SHARDS + " shards", HOT_SHARDS, json.putArray("hotRuns"));
        ExecutorService pool = Executors.newFixedThreadPool(buyers);
        try {
            for (int round = 0; round < rounds; round++) {
                for (Kind kind : round % 2 == 0 ? List.of(plain, hot) : List.of(hot, plain)) {
                    sale(pool, buyers, round, kind);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        json.set("checkoutsPerSecond", plain.throughput.json());
        json.set("checkoutLatency", plain.latency.json());
        json.put("oversell", plain.oversold);
        json.set("hotCheckoutsPerSecond", hot.throughput.json());
        json.set("hotCheckoutLatency", hot.latency.json());
        json.put("hotOversell", hot.oversold);
        StringBuilder table = new StringBuilder("| stock | runs | orders placed (every run) | 409 OUT_OF_STOCK (total) | other answers (total) "
                + "| final stock (last run) | oversell (total) | checkouts/s min / median / max | checkout latency p50 / p99 (ms) |\n"
                + "|---|---|---|---|---|---|---|---|---|\n");
        for (Kind kind : List.of(plain, hot)) {
            table.append(String.format("| %s | %d | %s | %d | %d | %d | %d | %.1f / %.1f / %.1f | %s / %s |%n", kind.name, rounds,
                    kind.worstOrders == kind.totalOrders / rounds ? Long.toString(kind.totalOrders / rounds)
                            : "min " + kind.worstOrders + ", total " + kind.totalOrders,
                    kind.total409, kind.totalOther, kind.lastStock, kind.oversold,
                    kind.throughput.min(), kind.throughput.median(), kind.throughput.max(),
                    Samples.ms(kind.latency.median()), Samples.ms(kind.latency.percentile(99))));
        }
        table.append(String.format("| ratio hot / one item (medians) | | | | | | | %.2f | %.2f |%n",
                hot.throughput.median() / plain.throughput.median(), hot.latency.median() / plain.latency.median()));
        bench.report.section("Flash sale: " + buyers + " concurrent buyers, " + UNITS + " units",
                "make bench (FlashSale: " + rounds + " rounds of one ordinary and one hot SKU, alternating, through the local runtime over HTTP)",
                table + "\nEach buyer has their own anonymous cart holding 1 unit and its own Idempotency-Key; all " + buyers
                        + " checkouts are released at once. Oversell counts orders beyond the stock, negative stock, and any run where "
                        + "orders + final stock != " + UNITS + " (the hot SKU's stock as the product page shows it: its shards summed). "
                        + "The hot SKU's " + UNITS + " units lie over " + HOT_SHARDS + " shards; a reservation takes a shard at random and, "
                        + "when that one is short, reads the others once and tries only those still holding a unit, so a buyer who comes "
                        + "too late costs one transaction and one read, as on one stock item plus the read. The local runtime serves them with one instance "
                        + "of CheckoutFunction (Lambda would run up to its reserved concurrency, 50), so this measures the cost of sharding, "
                        + "not the partition limit it lifts (docs/SCALE.md).");
        bench.report.target("flash sale oversell 0", (plain.oversold + hot.oversold) + " in " + 2 * rounds + " runs (half hot)",
                plain.oversold + hot.oversold == 0, "");
    }

    private void sale(ExecutorService pool, int buyers, int round, Kind kind) throws Exception {
        String productId = "flash-sale-" + round + "-" + kind.shards + "-" + System.nanoTime();
        String sku = "FLASH-" + round + "-" + kind.shards + "-" + System.nanoTime();
        bench.shop.product(productId, UNITS, sku);
        if (kind.shards > 1) {
            bench.shop.hot(sku, UNITS, kind.shards);
        }
        List<String> carts = new ArrayList<>();
        for (int i = 0; i < buyers; i++) {
            carts.add(bench.shop.cart(sku));
        }
        CountDownLatch go = new CountDownLatch(1);
        List<Future<long[]>> answers = new ArrayList<>();
        for (String cartId : carts) {
            answers.add(pool.submit(() -> {
                go.await();
                long start = System.nanoTime();
                Shop.Reply reply = bench.shop.checkout(cartId);
                return new long[]{reply.status(), System.nanoTime() - start};
            }));
        }
        long start = System.nanoTime();
        go.countDown();
        int orders = 0;
        int conflicts = 0;
        int other = 0;
        for (Future<long[]> answer : answers) {
            long[] a = answer.get();
            kind.latency.addNanos(a[1]);
            if (a[0] == 201) {
                orders++;
            } else if (a[0] == 409) {
                conflicts++;
            } else {
                other++;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long stock = bench.shop.available(productId, sku);
        int oversell = (int) Math.max(0, orders - UNITS) + (int) Math.max(0, -stock) + (orders + stock != UNITS ? 1 : 0);
        kind.oversold += oversell;
        kind.worstOrders = Math.min(kind.worstOrders, orders);
        kind.totalOrders += orders;
        kind.total409 += conflicts;
        kind.totalOther += other;
        kind.lastStock = stock;
        kind.throughput.add(buyers / seconds);
        ObjectNode r = kind.runs.addObject();
        r.put("orders", orders);
        r.put("conflicts409", conflicts);
        r.put("otherStatuses", other);
        r.put("finalStock", stock);
        r.put("oversell", oversell);
        r.put("seconds", Samples.round(seconds));
        System.out.printf("flash sale round %d (%s): %d orders, %d x 409, %d other, stock %d, %.1f checkouts/s%n",
                round, kind.name, orders, conflicts, other, stock, buyers / seconds);
    }
}
