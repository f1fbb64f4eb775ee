package dev.storefront.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Cold starts as Lambda does them: a fresh JVM running the Lambda runtime interface client
 * (aws-lambda-java-runtime-interface-client, what /var/runtime/lib holds on Lambda) against a local
 * Runtime API ({@link RuntimeApiServer}); the client loads the function's shaded jar from
 * {@code lib/} of its working directory, the task root, in its customer class loader, constructs the handler and handles one
 * real event against the emulators. Measured from just before the process starts to the response
 * posted to the Runtime API.
 */
final class ColdStart {

    static final String RIC_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";

    /** What to start: a handler from a jar, its environment, and a fresh first event for each run. */
    record Target(String name, String handler, Path jar, Map<String, String> environment, Supplier<String> event) {
    }

    /** What a variant adds to the start from a training run: nothing, an AppCDS archive, or a JDK 25 AOT cache. */
    enum Cache { NONE, APP_CDS, AOT }

    /**
     * JVM flags of a variant: on the command line (as Lambda's own) and in JAVA_TOOL_OPTIONS (as the
     * template sets), on a JDK ({@code javaHome}; null: the bench's own).
     */
    record Variant(String label, String javaToolOptions, Cache cache, Path javaHome, boolean snapStart) {
        Variant(String label, String javaToolOptions, Cache cache) {
            this(label, javaToolOptions, cache, null, false);
        }

        Variant(String label, String javaToolOptions, Cache cache, Path javaHome) {
            this(label, javaToolOptions, cache, javaHome, false);
        }

        /**
         * A local proxy for a SnapStart restore: the client initialises as for a snapshot
         * (AWS_LAMBDA_INITIALIZATION_TYPE=snap-start), runs the beforeCheckpoint hooks (the
         * functions' priming) and is "restored" at once, in the same JVM. What it cannot show is
         * the restore itself (Lambda's Restore Duration) or a snapshot's cold page cache.
         */
        static Variant snapStartProxy(String label, String javaToolOptions) {
            return new Variant(label, javaToolOptions, Cache.NONE, null, true);
        }
    }

    /**
     * One run's timings in ms: process start to init done (the first poll for an event: for
     * SnapStart, after the hooks and the restore) and to the first response.
     */
    record Run(double initMs, double firstResponseMs) {
        /** The first request alone: from the poll that got it to its response. */
        double firstRequestMs() {
            return firstResponseMs - initMs;
        }
    }

    /**
     * Where org.crac (what the functions' SnapStartPriming implements) finds the runtime client's
     * own CRaC context, whose hooks the client runs before a snapshot and after a restore.
     */
    static final String CRAC_COMPAT = "-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac";

    private final Path lambdaRuntime;
    private final Path work;
    private final Path benchJavaHome = Path.of(System.getProperty("java.home"));

    ColdStart(Path lambdaRuntime, Path work) {
        this.lambdaRuntime = lambdaRuntime;
        this.work = work;
    }

    /** A target ready to be started under a variant: its task root and the variant's extra flags. */
    record Prepared(Target target, Variant variant, Path taskRoot, List<String> extraFlags) {
    }

    /**
     * Lays out the task root; with a cache, one training run that serves a real event first writes it
     * at exit (not counted): AppCDS with {@code -XX:ArchiveClassesAtExit}, the JDK 25 AOT cache
     * (JEP 483/514/515: classes loaded and linked, method profiles) with {@code -XX:AOTCacheOutput}.
     */
    Prepared prepare(Target target, Variant variant) throws Exception {
        Path taskRoot = taskRoot(target);
        List<String> extra = new ArrayList<>();
        if (variant.cache() != Cache.NONE) {
            boolean aot = variant.cache() == Cache.AOT;
            Path cache = work.resolve(target.name() + (aot ? ".aot" : ".jsa"));
            if (!Files.exists(cache)) {
                once(target, variant, taskRoot, List.of((aot ? "-XX:AOTCacheOutput=" : "-XX:ArchiveClassesAtExit=") + cache), true);
                if (!Files.exists(cache)) {
                    throw new IllegalStateException("no " + variant.cache() + " cache was written for " + target.name() + ": " + tail(log(target)));
                }
            }
            extra.add((aot ? "-XX:AOTCache=" : "-XX:SharedArchiveFile=") + cache);
        }
        return new Prepared(target, variant, taskRoot, extra);
    }

    /** Whether the JDK can run a variant here: its JDK is installed, and an AOT cache needs JDK 24+. */
    static boolean available(Variant variant) {
        Path home = variant.javaHome() == null ? Path.of(System.getProperty("java.home")) : variant.javaHome();
        if (!Files.isExecutable(home.resolve("bin/java"))) {
            return false;
        }
        return variant.cache() != Cache.AOT || (variant.javaHome() == null && Runtime.version().feature() >= 24);
    }

    /** One cold start. */
    Run run(Prepared prepared) throws Exception {
        return once(prepared.target(), prepared.variant(), prepared.taskRoot(), prepared.extraFlags(), false);
    }

    /**
     * Classes a cold start loads, by where they come from, before init ended (the first poll) and
     * during the first request. Counted from {@code -Xlog:class+load} of one extra run (its
     * logging slows it, so it is not timed).
     */
    record ClassCounts(Map<String, Integer> atInit, int duringFirstRequest) {
        int initTotal() {
            return atInit.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    ClassCounts classes(Prepared prepared) throws Exception {
        Path log = work.resolve(prepared.target().name() + ".classes.log");
        Files.deleteIfExists(log);
        List<String> flags = new ArrayList<>(prepared.extraFlags());
        flags.add("-Xlog:class+load=info:file=" + log + ":uptime");
        Run run = once(prepared.target(), prepared.variant(), prepared.taskRoot(), flags, false);
        Map<String, Integer> atInit = new LinkedHashMap<>();
        for (String origin : List.of("JDK", "runtime client", "function jar", "generated at run time")) {
            atInit.put(origin, 0);
        }
        int during = 0;
        java.util.regex.Pattern line = java.util.regex.Pattern.compile("^\\[(\\d+\\.\\d+)s\\] \\S+ source: (.*)$");
        for (String entry : Files.readAllLines(log)) {
            java.util.regex.Matcher m = line.matcher(entry);
            if (!m.matches()) {
                continue;
            }
            if (Double.parseDouble(m.group(1)) * 1000 > run.initMs()) {
                during++;
            } else {
                atInit.merge(origin(m.group(2), prepared.taskRoot()), 1, Integer::sum);
            }
        }
        return new ClassCounts(atInit, during);
    }

    private String origin(String source, Path taskRoot) {
        if (source.startsWith("jrt:/") || source.startsWith("shared objects file")) {
            return "JDK";
        }
        if (source.contains(taskRoot.toAbsolutePath().toString())) {
            return "function jar";
        }
        if (source.contains(lambdaRuntime.toAbsolutePath().toString()) || source.contains(lambdaRuntime.toString())) {
            return "runtime client";
        }
        return "generated at run time";
    }

    /** {@code runs} cold starts of one target. */
    List<Run> measure(Target target, Variant variant, int runs) throws Exception {
        Prepared prepared = prepare(target, variant);
        List<Run> result = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            result.add(run(prepared));
        }
        return result;
    }

    private Run once(Target target, Variant variant, Path taskRoot, List<String> extraFlags, boolean training) throws Exception {
        String arn = "arn:aws:lambda:us-east-1:123456789012:function:" + target.name();
        Path javaHome = variant.javaHome() == null ? benchJavaHome : variant.javaHome();
        try (RuntimeApiServer api = new RuntimeApiServer(target.event().get(), arn)) {
            List<String> command = new ArrayList<>(List.of(javaHome.resolve("bin/java").toString(),
                    // What the Lambda java runtimes pass themselves (besides their own CDS archive of the JDK).
                    "-XX:+UseSerialGC", "-XX:MaxHeapSize=870m", "-Djava.net.preferIPv4Stack=true",
                    "--add-opens=java.base/java.io=ALL-UNNAMED"));
            if (variant.cache() != Cache.AOT) {
                // JDK 25 refuses -XX:AOTCacheOutput and -XX:AOTCache beside any -Xshare option: the VM does not start.
                command.add(1, "-Xshare:auto");
            }
            command.addAll(extraFlags);
            if (variant.snapStart()) {
                command.add(CRAC_COMPAT);
            }
            command.addAll(List.of("-cp", lambdaRuntime.toAbsolutePath() + File.separator + "*", RIC_MAIN, target.handler()));
            // The client's customer class loader reads the working directory (/var/task on Lambda) and its lib/.
            ProcessBuilder builder = new ProcessBuilder(command).directory(taskRoot.toFile());
            Map<String, String> env = builder.environment();
            env.clear();
            env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
            env.putAll(target.environment());
            env.remove("JAVA_TOOL_OPTIONS");
            if (variant.javaToolOptions() != null) {
                env.put("JAVA_TOOL_OPTIONS", variant.javaToolOptions());
            }
            env.put("AWS_LAMBDA_RUNTIME_API", api.address());
            env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
            env.put("LAMBDA_RUNTIME_DIR", lambdaRuntime.toAbsolutePath().toString());
            env.put("_HANDLER", target.handler());
            env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java25");
            if (variant.snapStart()) {
                env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start");
            }
            env.put("AWS_LAMBDA_FUNCTION_NAME", target.name());
            env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024");
            env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
            env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + target.name());
            env.put("AWS_LAMBDA_LOG_STREAM_NAME", "bench");
            env.put("AWS_ACCESS_KEY_ID", "local");
            env.put("AWS_SECRET_ACCESS_KEY", "local");
            env.put("AWS_EC2_METADATA_DISABLED", "true");
            Path log = log(target);
            // Both streams: the JVM prints why it cannot start on stdout.
            builder.redirectErrorStream(true);
            builder.redirectOutput(log.toFile());
            long start = System.nanoTime();
            Process process = builder.start();
            try {
                // A training run records as it goes: slower, and more so on a loaded machine.
                RuntimeApiServer.FirstResponse first = firstResponse(api, process, training ? 300 : 90);
                if (variant.snapStart() && first.restoreNanos() == 0) {
                    throw new IllegalStateException("started for SnapStart but never asked to be restored");
                }
                return new Run((first.initDoneNanos() - start) / 1e6, (first.responseNanos() - start) / 1e6);
            } catch (Exception e) {
                throw new IllegalStateException(target.name() + " (" + variant.label() + ") did not answer its first event: "
                        + e.getMessage() + "; its output: " + tail(log), e);
            } finally {
                // Killed, not asked to stop: Lambda never runs a function's shutdown hooks between cold
                // starts either, and 170 graceful Micronaut shutdowns would cost the bench a minute. The
                // training runs alone exit normally: the JVM writes its archive or cache at exit.
                if (training) {
                    process.destroy();
                    if (!process.waitFor(20, TimeUnit.SECONDS)) {
                        process.destroyForcibly().waitFor();
                    }
                } else {
                    process.destroyForcibly().waitFor();
                }
            }
        }
    }

    /** The first response, or a failure as soon as the process ends without one (a JVM that could not start). */
    private static RuntimeApiServer.FirstResponse firstResponse(RuntimeApiServer api, Process process, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            try {
                return api.firstResponse().get(200, TimeUnit.MILLISECONDS);
            } catch (TimeoutException notYet) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the process exited with " + process.exitValue() + " before answering");
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("no answer within " + seconds + " s");
                }
            }
        }
    }

    private Path log(Target target) {
        return work.resolve(target.name() + ".output.log");
    }

    /** $LAMBDA_TASK_ROOT as Lambda unpacks a jar deployment: the jar under lib/. */
    private Path taskRoot(Target target) throws IOException {
        Path root = work.resolve("task-" + target.name());
        Files.createDirectories(root.resolve("lib"));
        Files.copy(target.jar(), root.resolve("lib").resolve(target.jar().getFileName()), StandardCopyOption.REPLACE_EXISTING);
        return root;
    }

    private static String tail(Path log) {
        try {
            String text = Files.exists(log) ? Files.readString(log) : "";
            return text.length() > 2000 ? text.substring(text.length() - 2000) : text;
        } catch (IOException e) {
            return e.toString();
        }
    }

    static Map<String, String> copy(Map<String, String> env) {
        return new LinkedHashMap<>(env);
    }
}
