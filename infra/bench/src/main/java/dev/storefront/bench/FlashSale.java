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
 */
final class FlashSale {

    static final int UNITS = 10;

    private final Bench bench;

    FlashSale(Bench bench) {
        this.bench = bench;
    }

    void run() throws Exception {
        int buyers = bench.counts.flashBuyers();
        ObjectNode json = bench.json.putObject("flashSale");
        ArrayNode runs = json.putArray("runs");
        Samples throughput = new Samples();
        Samples latency = new Samples();
        int oversold = 0;
        int worstOrders = Integer.MAX_VALUE;
        long totalOrders = 0;
        long total409 = 0;
        long totalOther = 0;
        long lastStock = -1;
        ExecutorService pool = Executors.newFixedThreadPool(buyers);
        try {
            for (int run = 0; run < bench.counts.flashRuns(); run++) {
                String productId = "flash-sale-" + run + "-" + System.nanoTime();
                String sku = "FLASH-" + run + "-" + System.nanoTime();
                bench.shop.product(productId, UNITS, sku);
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
                    latency.addNanos(a[1]);
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
                oversold += oversell;
                worstOrders = Math.min(worstOrders, orders);
                totalOrders += orders;
                total409 += conflicts;
                totalOther += other;
                lastStock = stock;
                throughput.add(buyers / seconds);
                ObjectNode r = runs.addObject();
                r.put("orders", orders);
                r.put("conflicts409", conflicts);
                r.put("otherStatuses", other);
                r.put("finalStock", stock);
                r.put("oversell", oversell);
                r.put("seconds", Samples.round(seconds));
                System.out.printf("flash sale run %d: %d orders, %d x 409, %d other, stock %d, %.1f checkouts/s%n", run, orders, conflicts, other, stock, buyers / seconds);
            }
        } finally {
            pool.shutdownNow();
        }
        json.set("checkoutsPerSecond", throughput.json());
        json.set("checkoutLatency", latency.json());
        json.put("oversell", oversold);
        int runsDone = bench.counts.flashRuns();
        bench.report.section("Flash sale: " + buyers + " concurrent buyers, " + UNITS + " units",
                "make bench (FlashSale: " + runsDone + " runs through the local runtime over HTTP)",
                String.format("| runs | orders placed (every run) | 409 OUT_OF_STOCK (total) | other answers (total) | final stock (last run) | oversell (total) "
                                + "| checkouts/s min / median / max | checkout latency p50 / p99 (ms) |%n|---|---|---|---|---|---|---|---|%n"
                                + "| %d | %s | %d | %d | %d | %d | %s | %s / %s |%n",
                        runsDone, worstOrders == totalOrders / runsDone ? Long.toString(totalOrders / runsDone) : "min " + worstOrders + ", total " + totalOrders,
                        total409, totalOther, lastStock, oversold,
                        String.format("%.1f / %.1f / %.1f", throughput.min(), throughput.median(), throughput.max()),
                        Samples.ms(latency.median()), Samples.ms(latency.percentile(99)))
                        + "\nEach buyer has their own anonymous cart holding 1 unit and its own Idempotency-Key; all " + buyers
                        + " checkouts are released at once. Oversell counts orders beyond the stock, negative stock, and any run where "
                        + "orders + final stock != " + UNITS + ". The local runtime serves them with one instance of CheckoutFunction "
                        + "(Lambda would run up to its reserved concurrency, 50).");
        bench.report.target("flash sale oversell 0", oversold + " in " + runsDone + " runs", oversold == 0, "");
    }
}
