package dev.storefront.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.storefront.samlocal.FreePorts;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code make run} on a built tree: the Makefile's java command, from launch to the first 200 on
 * {@code GET /products}; first on an empty data directory (tables created, demo catalog seeded
 * through the admin API), then restarted on that data.
 */
final class RunStartup {

    private final Bench bench;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    RunStartup(Bench bench) {
        this.bench = bench;
    }

    void run() throws Exception {
        Path runtimeJar = bench.root.resolve("infra/local/target/local-runtime.jar");
        String classpath = runtimeJar + ":" + Files.readString(bench.root.resolve("infra/local/target/classpath.txt")).trim();
        int freshRuns = 1;
        Samples fresh = new Samples();
        Samples withData = new Samples();
        for (int i = 0; i < freshRuns; i++) {
            Path data = Files.createTempDirectory(bench.work, "run-data");
            fresh.add(once(classpath, data));
            if (i == 0) {
                for (int j = 0; j < bench.counts.runStarts(); j++) {
                    withData.add(once(classpath, data));
                }
            }
        }
        ObjectNode json = bench.json.putObject("makeRun");
        json.set("emptyData", fresh.json());
        json.set("withData", withData.json());
        bench.report.section("`make run` start-up to the first successful GET /products",
                "make bench (RunStartup: the Makefile's `run` command on the built tree, free ports, its own data directory)",
                "| data | runs | launch to first 200 on GET /products, min / median / max (ms) |\n|---|---|---|\n"
                        + "| empty (tables created, demo catalog seeded through the admin API) | " + fresh.count() + " | " + fresh.minMedianMax() + " |\n"
                        + "| existing (a restart) | " + withData.count() + " | " + withData.minMedianMax() + " |\n"
                        + "\nWithout the Maven build: `make run` on a built tree only checks timestamps before it starts the JVM.");
        double worst = Math.max(fresh.median(), withData.median());
        bench.report.target("`make run` ready <= 10 s", String.format("median %.1f s (empty data), %.1f s (restart)", fresh.median() / 1000, withData.median() / 1000),
                worst <= 10_000, "");
    }

    private double once(String classpath, Path data) throws Exception {
        int httpPort = FreePorts.pick();
        ProcessBuilder builder = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Dlogback.configurationFile=storefront-logback.xml",
                "-cp", classpath, "dev.storefront.local.LocalRuntime"));
        builder.environment().put("STOREFRONT_ROOT", bench.root.toString());
        builder.environment().put("STOREFRONT_DATA_DIR", data.toString());
        builder.environment().put("STOREFRONT_HTTP_PORT", Integer.toString(httpPort));
        builder.environment().put("STOREFRONT_DYNAMODB_PORT", Integer.toString(FreePorts.pick()));
        builder.environment().put("STOREFRONT_SQS_PORT", Integer.toString(FreePorts.pick()));
        builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.redirectError(bench.work.resolve("make-run.stderr.log").toFile());
        URI products = URI.create("http://127.0.0.1:" + httpPort + "/products");
        long start = System.nanoTime();
        Process process = builder.start();
        try {
            long deadline = start + TimeUnit.SECONDS.toNanos(120);
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("make run exited with " + process.exitValue() + "; see " + bench.work.resolve("make-run.stderr.log"));
                }
                try {
                    HttpResponse<Void> response = http.send(HttpRequest.newBuilder(products).timeout(Duration.ofSeconds(30)).build(),
                            HttpResponse.BodyHandlers.discarding());
                    if (response.statusCode() == 200) {
                        double ms = (System.nanoTime() - start) / 1e6;
                        System.out.printf("make run: first GET /products 200 after %.0f ms%n", ms);
                        return ms;
                    }
                } catch (java.io.IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(20);
            }
            throw new IllegalStateException("make run did not serve GET /products within 120 s");
        } finally {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
