package dev.storefront.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.storefront.samlocal.LambdaInvoker;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * Search on a generated catalog (docs/SEARCH.md): {@code products} products in 10 categories,
 * written through the admin API and indexed by the indexer from the streams, as in production.
 * Then, from the functions' jars, interleaved request by request: a two-term search with a
 * category filter, a suggestion, and the category's listing page ({@code GET /products?category=},
 * what a shop without search serves), p50/p99; and the DynamoDB round trips and read units of each
 * behind {@link CapacityProxy}. The same search without its filter and a two-word suggestion are
 * measured beside them, with no goal: they show what the index's layout does not speed up.
 */
final class SearchBench {

    static final int CATEGORIES = 10;
    static final String[] ADJECTIVES = {"waterproof", "insulated", "packable", "classic", "ultralight", "rugged", "breathable", "reflective", "padded", "stretch"};
    static final String[] NOUNS = {"jacket", "trouser", "glove", "boot", "backpack", "hat", "vest", "sock", "shirt", "tent"};
    static final String[] MATERIALS = {"merino", "nylon", "cotton", "leather", "fleece", "canvas", "down", "polyester", "wool", "hemp"};
    static final String CATEGORY = "bench-search-3";
    static final String SEARCH = "/search?q=waterproof+jacket&category=" + CATEGORY;
    static final String SUGGEST = "/search/suggest?q=jac";
    /** Beside the goals, for the record: the same words without the category filter, and a suggestion of two words. */
    static final String SEARCH_UNFILTERED = "/search?q=waterproof+jacket";
    static final String SUGGEST_WORDS = "/search/suggest?q=waterproof+jac";
    static final String LISTING = "/products?category=" + CATEGORY;

    private final Bench bench;

    SearchBench(Bench bench) {
        this.bench = bench;
    }

    void run() throws Exception {
        int products = bench.counts.searchProducts();
        long indexStart = System.nanoTime();
        generate(products);
        awaitIndexed(products);
        double indexSeconds = (System.nanoTime() - indexStart) / 1e9;

        LambdaInvoker search = bench.isolated(bench.function("SearchFunction"), bench.runtime.dynamoEndpoint(), "search-warm");
        LambdaInvoker catalog = bench.isolated(bench.function("CatalogFunction"), bench.runtime.dynamoEndpoint(), "search-catalog");
        String searchEvent = bench.httpEvent("GET", SEARCH, "GET /search", Map.of(), null, null);
        String suggestEvent = bench.httpEvent("GET", SUGGEST, "GET /search/suggest", Map.of(), null, null);
        String listingEvent = bench.httpEvent("GET", LISTING, "GET /products", Map.of(), null, null);
        String unfilteredEvent = bench.httpEvent("GET", SEARCH_UNFILTERED, "GET /search", Map.of(), null, null);
        String wordsEvent = bench.httpEvent("GET", SUGGEST_WORDS, "GET /search/suggest", Map.of(), null, null);
        Samples searches = new Samples();
        Samples suggestions = new Samples();
        Samples listings = new Samples();
        Samples unfiltered = new Samples();
        Samples words = new Samples();
        int requests = bench.counts.searchRequests();
        for (int i = 0; i < bench.counts.warmup(); i++) {
            time(search, searchEvent);
            time(search, suggestEvent);
            time(catalog, listingEvent);
            time(search, unfilteredEvent);
            time(search, wordsEvent);
        }
        for (int i = 0; i < requests; i++) {
            searches.addNanos(time(search, searchEvent));
            suggestions.addNanos(time(search, suggestEvent));
            listings.addNanos(time(catalog, listingEvent));
            unfiltered.addNanos(time(search, unfilteredEvent));
            words.addNanos(time(search, wordsEvent));
        }

        ObjectNode json = bench.json.putObject("search");
        json.put("products", products);
        json.put("indexSeconds", Samples.round(indexSeconds));
        json.set("search", searches.json());
        json.set("suggest", suggestions.json());
        json.set("listing", listings.json());
        json.set("searchUnfiltered", unfiltered.json());
        json.set("suggestWords", words.json());
        StringBuilder md = new StringBuilder("| route | p50 / p99 (ms) | vs listing p50 | round trips | calls | RCU |\n|---|---|---|---|---|---|\n");
        try (CapacityProxy proxy = new CapacityProxy(bench.runtime.dynamoEndpoint())) {
            LambdaInvoker metered = bench.isolated(bench.function("SearchFunction"), proxy.endpoint(), "search-cost");
            LambdaInvoker meteredCatalog = bench.isolated(bench.function("CatalogFunction"), proxy.endpoint(), "search-cost-catalog");
            row(md, json, "GET " + SEARCH, searches, listings, proxy, metered, searchEvent);
            row(md, json, "GET " + SUGGEST, suggestions, listings, proxy, metered, suggestEvent);
            row(md, json, "GET " + LISTING, listings, listings, proxy, meteredCatalog, listingEvent);
            row(md, json, "GET " + SEARCH_UNFILTERED, unfiltered, listings, proxy, metered, unfilteredEvent);
            row(md, json, "GET " + SUGGEST_WORDS, words, listings, proxy, metered, wordsEvent);
        }
        int matches = bench.shop.expect(200, "GET", SEARCH, null).json().path("total").asInt();
        json.put("searchMatches", matches);
        double searchRatio = searches.median() / listings.median();
        double suggestRatio = suggestions.median() / listings.median();
        bench.report.section("Search on " + products + " products vs the listing page",
                "make bench (SearchBench: " + products + " generated products through the admin API and the indexer, then "
                        + requests + " requests per route after " + bench.counts.warmup() + " warm-up rounds, interleaved, "
                        + "in-process against DynamoDB Local; costs behind CapacityProxy)",
                md + "\nIndexing the catalog through the streams took " + String.format("%.0f", indexSeconds) + " s. The search "
                        + "matches " + matches + " products of its category; its words each match a tenth of the catalog, of which "
                        + "it reads only the category's part (postings are grouped by category) and counts facets exactly over it. "
                        + "Without the filter it reads every posting of both words; a one-word suggestion reads the first 10 name "
                        + "entries of two lists, a two-word one every name entry of its first word (docs/SEARCH.md, \"Storage\").");
        bench.report.target("search p50 <= 2x the listing page", String.format("%.2fx", searchRatio), searchRatio <= 2, "");
        bench.report.target("suggest p50 <= 1.5x the listing page", String.format("%.2fx", suggestRatio), suggestRatio <= 1.5, "");
    }

    /** Products {@code bench-search-<i>}: names from three word lists, so each combination is in each category once. */
    private void generate(int products) throws Exception {
        String admin = "Bearer " + bench.runtime.token("bench-search", "admin");
        ExecutorService writers = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> writes = new java.util.ArrayList<>();
            for (int i = 0; i < products; i++) {
                int n = i;
                writes.add(writers.submit(() -> {
                    String id = "bench-search-" + n;
                    String name = cap(ADJECTIVES[(n / CATEGORIES) % 10]) + " " + cap(MATERIALS[(n / 1000) % 10]) + " " + cap(NOUNS[(n / 100) % 10]);
                    String body = """
                            {"name":"%s","description":"Made of %s for long days on the trail.","category":"bench-search-%d",\
                            "variants":[{"sku":"%s-S","attributes":{"size":"S"},"price":{"amount":%d,"currency":"EUR"}},\
                            {"sku":"%s-M","attributes":{"size":"M"},"price":{"amount":%d,"currency":"EUR"}}]}"""
                            .formatted(name, MATERIALS[(n / 1000) % 10], n % CATEGORIES, id.toUpperCase(), 1000 + (n % 50) * 100,
                                    id.toUpperCase(), 1500 + (n % 50) * 100);
                    Shop.Reply put = bench.shop.call("PUT", "/admin/products/" + id, body, "authorization", admin);
                    if (put.status() != 200 && put.status() != 201) {
                        throw new IllegalStateException("product " + id + ": " + put.status() + " " + put.body());
                    }
                }));
            }
            for (Future<?> write : writes) {
                write.get();
            }
        } finally {
            writers.shutdown();
        }
    }

    /** Until every category's browse counts its share; the indexer works through the Products stream meanwhile. */
    private void awaitIndexed(int products) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofHours(1));
        for (int c = 0; c < CATEGORIES; c++) {
            int expected = products / CATEGORIES + (c < products % CATEGORIES ? 1 : 0);
            while (bench.shop.expect(200, "GET", "/search?category=bench-search-" + c + "&limit=1", null).json().path("total").asInt() < expected) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("the index did not reach " + products + " products within an hour");
                }
                Thread.sleep(1000); // a benchmark's wait for background work, not a test
            }
        }
    }

    private void row(StringBuilder md, ObjectNode json, String route, Samples samples, Samples listing, CapacityProxy proxy,
                     LambdaInvoker function, String event) throws Exception {
        proxy.reset();
        time(function, event);
        List<CapacityProxy.Call> calls = proxy.calls();
        double rcu = calls.stream().mapToDouble(CapacityProxy.Call::readUnits).sum();
        String byOp = calls.stream().collect(Collectors.groupingBy(CapacityProxy.Call::operation, TreeMap::new, Collectors.counting())).toString();
        ObjectNode node = json.putObject(route);
        node.put("roundTrips", calls.size());
        node.put("calls", byOp);
        node.put("rcu", rcu);
        md.append("| `").append(route).append("` | ").append(Samples.ms(samples.median())).append(" / ").append(Samples.ms(samples.percentile(99)))
                .append(String.format(" | %.2fx | %d | %s | %.1f |%n", samples.median() / listing.median(), calls.size(), byOp, rcu));
    }

    private static String cap(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }

    private static long time(LambdaInvoker function, String event) throws Exception {
        long start = System.nanoTime();
        String result = function.invoke(event, UUID.randomUUID().toString());
        long elapsed = System.nanoTime() - start;
        if (!result.contains("\"statusCode\":200")) {
            throw new IllegalStateException("request failed: " + result.substring(0, Math.min(300, result.length())));
        }
        return elapsed;
    }
}
