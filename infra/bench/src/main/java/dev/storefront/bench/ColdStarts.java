package dev.storefront.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.storefront.samlocal.SamFunction;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Cold start per function and per JVM variant, beside the plain floor in the same harness. */
final class ColdStarts {

    /** Where a JDK 17 is found (Debian's openjdk-17); its variant is left out where there is none. */
    static final Path JDK17 = Path.of(System.getenv().getOrDefault("BENCH_JDK17", "/usr/lib/jvm/java-17-openjdk-amd64"));

    private final Bench bench;

    ColdStarts(Bench bench) {
        this.bench = bench;
    }

    void run() throws Exception {
        ColdStart harness = new ColdStart(bench.root.resolve("infra/bench/target/lambda-runtime"),
                Files.createDirectories(bench.work.resolve("cold")));
        SamFunction catalog = bench.function("CatalogFunction");
        String shippedOptions = bench.runtime.resources().environmentOf(catalog).get("JAVA_TOOL_OPTIONS");
        ColdStart.Variant shipped = new ColdStart.Variant("shipped: JAVA_TOOL_OPTIONS=\"" + shippedOptions + "\" (template Globals)", shippedOptions, ColdStart.Cache.NONE);
        ColdStart.Variant plainJvm = new ColdStart.Variant("default JVM flags (no JAVA_TOOL_OPTIONS)", null, ColdStart.Cache.NONE);
        ColdStart.Variant appCds = new ColdStart.Variant("shipped + AppCDS archive of a training run (-XX:SharedArchiveFile)", shippedOptions, ColdStart.Cache.APP_CDS);
        ColdStart.Variant aotCache = new ColdStart.Variant("shipped + JDK 25 AOT cache of a training run (-XX:AOTCache; no -Xshare:auto, which the JVM refuses beside it)", shippedOptions, ColdStart.Cache.AOT);
        // The java17 runtime's JDK beside the bench's own (java25 on Lambda): the same jar, flags and events.
        ColdStart.Variant jdk17 = new ColdStart.Variant("shipped flags on JDK 17 (" + JDK17 + ")", shippedOptions, ColdStart.Cache.NONE, JDK17);
        ColdStart.Variant snapStart = ColdStart.Variant.snapStartProxy("shipped + SnapStart proxy (priming hooks run, restored in the same JVM)", shippedOptions);

        SamFunction floorFunction = bench.floor();
        ColdStart.Target floor = new ColdStart.Target("PlainFloor", floorFunction.handler(), floorFunction.codeUri(),
                bench.environment(floorFunction, bench.runtime.dynamoEndpoint()), bench.firstEvent(catalog));

        List<SamFunction> functions = bench.counts.allFunctions() ? bench.template.functions() : List.of(catalog);
        Map<String, ColdStart.Variant> byKey = new LinkedHashMap<>();
        byKey.put("shipped", shipped);
        byKey.put("snapStart", snapStart);
        byKey.put("jdk17", jdk17);
        byKey.put("defaultFlags", plainJvm);
        byKey.put("appCds", appCds);
        byKey.put("aot", aotCache);
        // BENCH_COLD_VARIANTS=shipped,snapStart runs some variants only (keys above).
        String only = System.getenv("BENCH_COLD_VARIANTS");
        List<ColdStart.Variant> variants = byKey.entrySet().stream()
                .filter(e -> bench.counts.allFunctions() || List.of("shipped", "snapStart").contains(e.getKey()))
                .filter(e -> only == null || only.isBlank() || List.of(only.split(",")).contains(e.getKey()))
                .map(Map.Entry::getValue).filter(ColdStart::available).toList();
        // Every function on the shipped flags, as for SnapStart and on JDK 17; the other variants for CatalogFunction only.
        List<ColdStart.Variant> everyFunction = List.of(shipped, snapStart, jdk17);
        Map<ColdStart.Variant, Map<String, List<ColdStart.Run>>> byVariant = new LinkedHashMap<>();
        Map<String, ColdStart.ClassCounts> classCounts = new LinkedHashMap<>();
        List<String> variantFunctions = List.of("CatalogFunction");
        int runs = bench.counts.coldRuns();

        ObjectNode json = bench.json.putObject("coldStart");
        StringBuilder md = new StringBuilder("| function | variant | first response min / median / max (ms) | init median (ms) | ratio to floor (medians) |\n|---|---|---|---|---|\n");
        List<String> misses = new ArrayList<>();
        List<String> notMeasured = new ArrayList<>();
        double worst = 0;
        for (ColdStart.Variant variant : variants) {
            // Round-robin: each round starts the floor and then every function once, so load from
            // elsewhere on the machine falls on the baseline and the functions alike.
            List<ColdStart.Prepared> prepared = new ArrayList<>();
            try {
                prepared.add(harness.prepare(floor, variant));
            } catch (IllegalStateException e) {
                // A cache whose training run fails here (a JDK without it, a timeout) is reported, not fatal to the suite.
                md.append("| **plain floor** | ").append(variant.label()).append(" | not measured: ").append(brief(e.getMessage()))
                        .append(" | | |\n");
                continue;
            }
            for (SamFunction f : functions) {
                if (bench.firstEvent(f) == null) {
                    if (variant == shipped) {
                        notMeasured.add(f.logicalId());
                    }
                    continue;
                }
                if (everyFunction.contains(variant) || variantFunctions.contains(f.logicalId())) {
                    prepared.add(harness.prepare(new ColdStart.Target(f.logicalId(), f.handler(), f.codeUri(),
                            bench.environment(f, bench.runtime.dynamoEndpoint()), bench.firstEvent(f)), variant));
                }
            }
            Map<String, List<ColdStart.Run>> runsByTarget = new LinkedHashMap<>();
            for (int round = 0; round < runs; round++) {
                for (ColdStart.Prepared p : prepared) {
                    runsByTarget.computeIfAbsent(p.target().name(), n -> new ArrayList<>()).add(harness.run(p));
                }
            }
            byVariant.put(variant, runsByTarget);
            if (variant == shipped) {
                for (ColdStart.Prepared p : prepared) {
                    classCounts.put(p.target().name(), harness.classes(p));
                }
            }
            Samples floorSamples = samples(runsByTarget.get(floor.name()), json, floor.name(), variant);
            Samples floorInit = initSamples;
            md.append("| **plain floor** | ").append(variant.label()).append(" | ").append(floorSamples.minMedianMax()).append(" | ")
                    .append(Samples.ms(floorInit.median())).append(" | 1.00 |\n");
            for (ColdStart.Prepared p : prepared.subList(1, prepared.size())) {
                String name = p.target().name();
                Samples s = samples(runsByTarget.get(name), json, name, variant);
                double ratio = s.median() / floorSamples.median();
                json.with(name).with(variant.label()).put("ratioToFloor", Samples.round(ratio));
                if (variant == shipped) {
                    worst = Math.max(worst, ratio);
                    if (ratio > 1.5) {
                        misses.add(name + String.format(" %.2fx", ratio));
                    }
                }
                md.append("| ").append(name).append(" | ").append(variant.label()).append(" | ").append(s.minMedianMax())
                        .append(" | ").append(Samples.ms(initSamples.median())).append(String.format(" | %.2f |%n", ratio));
            }
        }
        bench.report.section("Cold start per function vs the plain floor",
                "make bench (ColdStarts: " + runs + " fresh JVMs per function and variant, in rounds of floor + every function)",
                md + "\nEach run is a fresh JVM (" + System.getProperty("java.runtime.version") + ") running the Lambda runtime interface client "
                        + "(aws-lambda-java-runtime-interface-client 2.10.1) against a local Runtime API; it loads the shaded jar from "
                        + "`lib/` of the task root (its working directory, /var/task on Lambda) in its customer class loader, with the template's environment, and handles one real "
                        + "event against DynamoDB Local / ElasticMQ. *First response*: process start to the response posted to the Runtime API; "
                        + "*init*: process start to the first poll for an event (what Lambda reports as Init Duration). Command-line flags as the "
                        + "Lambda java runtimes pass them (`-XX:+UseSerialGC -Xshare:auto -XX:MaxHeapSize=870m`), the variant's flags in "
                        + "JAVA_TOOL_OPTIONS as the template sets them. The floor handles `GET /products/{productId}` (GetItem + BatchGetItem). "
                        + "The shipped flags run on the bench's JDK and on JDK 17 for every function (each variant beside its own floor); "
                        + "the other variants for CatalogFunction only. The AOT cache (JEP 483/514/515) and AppCDS come from one training run "
                        + "that serves the same event (not counted)."
                        + (notMeasured.isEmpty() ? "" : " Not measured (no first event defined in `Bench.firstEvent` yet): "
                        + String.join(", ", notMeasured) + "."));
        bench.report.target("cold start <= 1.5x the plain-Java floor (shipped flags)", String.format("worst %.2fx", worst), worst <= 1.5,
                misses.isEmpty() ? "" : "over: " + String.join(", ", misses));
        if (byVariant.containsKey(shipped)) {
            phases(byVariant.get(shipped), classCounts, json);
        }
        if (byVariant.containsKey(shipped) && byVariant.containsKey(snapStart)) {
            restored(byVariant.get(shipped), byVariant.get(snapStart), floor.name(), runs, json);
        }
    }

    /**
     * The first request alone, after an ordinary init and after a SnapStart "restore" whose
     * priming ran, for every function and the floor (primed the same way: one GetItem of a missing
     * key): what a restored function still pays on its first request.
     */
    private void restored(Map<String, List<ColdStart.Run>> onDemand, Map<String, List<ColdStart.Run>> primed, String floor, int runs,
                          ObjectNode json) {
        double floorOnDemand = requests(onDemand.get(floor)).median();
        double floorPrimed = requests(primed.get(floor)).median();
        StringBuilder md = new StringBuilder("| function | first request after init, median (ms) | after a primed restore, median (ms) | primed / floor primed |\n|---|---|---|---|\n");
        md.append(String.format("| **plain floor** | %s | %s | 1.00 |%n", Samples.ms(floorOnDemand), Samples.ms(floorPrimed)));
        double worst = 0;
        List<String> misses = new ArrayList<>();
        for (String name : primed.keySet()) {
            if (name.equals(floor) || !onDemand.containsKey(name)) {
                continue;
            }
            double cold = requests(onDemand.get(name)).median();
            double warm = requests(primed.get(name)).median();
            double ratio = warm / floorPrimed;
            worst = Math.max(worst, ratio);
            if (ratio > 1.3) {
                misses.add(name + String.format(" %.2fx", ratio));
            }
            json.with(name).with("snapStartProxy").put("firstRequestAfterInitMs", Samples.round(cold))
                    .put("firstRequestAfterPrimedRestoreMs", Samples.round(warm)).put("ratioToPrimedFloor", Samples.round(ratio));
            md.append(String.format("| %s | %s | %s | %.2f |%n", name, Samples.ms(cold), Samples.ms(warm), ratio));
        }
        bench.report.section("First request after a SnapStart restore (local proxy)",
                "make bench (ColdStarts: the shipped and the SnapStart-proxy runs above, " + runs + " per function)",
                md + "\nSnapStart restores a snapshot taken after init and the beforeCheckpoint hooks, so a restored function's cold "
                        + "start is Lambda's restore plus its first request. The proxy starts the runtime interface client with "
                        + "`AWS_LAMBDA_INITIALIZATION_TYPE=snap-start` and org.crac pointed at the client's own CRaC context: the client runs "
                        + "the hooks (every function's `SnapStartPriming`: a GetItem of a missing key, a serde round trip; the API functions' "
                        + "`HttpPriming`: a GET of a path no route has, through their own handler; the floor's: the same GetItem), asks the Runtime API for `/restore/next`, which answers at once, and then polls for the event. "
                        + "*First request*: from that poll to the response. Not measured here: the restore itself and a restored "
                        + "snapshot's cold memory pages, which only Lambda has.");
        bench.report.target("first request after a primed SnapStart restore <= 1.3x the primed floor's", String.format("worst %.2fx", worst),
                worst <= 1.3, misses.isEmpty() ? "" : "over: " + String.join(", ", misses));
    }

    /** Where a cold start goes (shipped flags): init and first request, and the classes each loads, by origin. */
    private void phases(Map<String, List<ColdStart.Run>> runs, Map<String, ColdStart.ClassCounts> classes, ObjectNode json) {
        StringBuilder md = new StringBuilder("| function | init median (ms) | classes at init: JDK / runtime client / function jar / generated (total) "
                + "| first request median (ms) | classes during the first request |\n|---|---|---|---|---|\n");
        for (Map.Entry<String, ColdStart.ClassCounts> entry : classes.entrySet()) {
            List<ColdStart.Run> measured = runs.get(entry.getKey());
            Samples init = new Samples();
            measured.forEach(r -> init.add(r.initMs()));
            ColdStart.ClassCounts counts = entry.getValue();
            Map<String, Integer> at = counts.atInit();
            md.append(String.format("| %s | %s | %d / %d / %d / %d (%d) | %s | %d |%n", entry.getKey(), Samples.ms(init.median()),
                    at.get("JDK"), at.get("runtime client"), at.get("function jar"), at.get("generated at run time"), counts.initTotal(),
                    Samples.ms(requests(measured).median()), counts.duringFirstRequest()));
            ObjectNode node = json.with(entry.getKey()).with("phases");
            at.forEach((origin, n) -> node.with("classesAtInit").put(origin, n));
            node.put("classesDuringFirstRequest", counts.duringFirstRequest());
        }
        bench.report.section("Where a cold start goes: init, first request, classes by origin",
                "make bench (ColdStarts: shipped flags; classes from one extra run per function with -Xlog:class+load, not timed)",
                md + "\n*Init*: process start to the first poll for an event (the JVM, the runtime client, the handler's construction: for "
                        + "a Micronaut function the application context and its eager beans); *first request*: that poll to the response. "
                        + "Classes by where they were loaded from: the JDK (its modules or the CDS archive), the runtime interface client, "
                        + "the function's shaded jar (framework, SDK, domain), and classes generated at run time (lambdas, proxies); "
                        + "those loaded after init are counted together.");
    }

    private static Samples requests(List<ColdStart.Run> runs) {
        Samples requests = new Samples();
        runs.forEach(r -> requests.add(r.firstRequestMs()));
        return requests;
    }

    private static String brief(String message) {
        String line = message == null ? "" : message.replace('|', '/').replace('\n', ' ');
        return line.length() > 240 ? line.substring(0, 240) + "..." : line;
    }

    private Samples initSamples;

    private Samples samples(List<ColdStart.Run> runs, ObjectNode json, String name, ColdStart.Variant variant) {
        Samples first = new Samples();
        Samples init = new Samples();
        runs.forEach(r -> {
            first.add(r.firstResponseMs());
            init.add(r.initMs());
        });
        ObjectNode node = json.with(name).with(variant.label());
        node.set("firstResponse", first.json());
        node.set("init", init.json());
        initSamples = init;
        System.out.printf("cold start %-32s %-40.40s first response %s ms%n", name, variant.label(), first.minMedianMax());
        return first;
    }
}
