package dev.storefront.local;

import dev.storefront.local.sources.EventSourceMappings;
import dev.storefront.local.sources.Invocable;
import dev.storefront.samlocal.AwsClients;
import dev.storefront.samlocal.EmulatorOptions;
import dev.storefront.samlocal.FaultProxy;
import dev.storefront.samlocal.DevIssuer;
import dev.storefront.samlocal.DevSecret;
import dev.storefront.payments.SandboxIssuer;
import dev.storefront.samlocal.Emulators;
import dev.storefront.samlocal.IntrinsicResolver;
import dev.storefront.samlocal.IsolatedFunction;
import dev.storefront.samlocal.IssuerServer;
import dev.storefront.samlocal.LambdaEnvironment;
import dev.storefront.samlocal.LambdaInvoker;
import dev.storefront.samlocal.SamFunction;
import dev.storefront.samlocal.SamTemplate;
import dev.storefront.samlocal.ScratchFolders;
import dev.storefront.samlocal.ScheduledEvents;
import dev.storefront.samlocal.StackResources;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * `make run`: the whole of template.yaml on one machine. Emulators (or LocalStack), the tables
 * and queues the template declares, every function from its own jar, and the HTTP API routed as
 * the template says. Nothing here names a function: a function added to the template is served.
 */
public final class LocalRuntime implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalRuntime.class);
    /** Template parameters the local runtime sets itself (see template.yaml). */
    static final String PAYMENT_WEBHOOK_SECRET = "PaymentWebhookSecret";
    static final String PAYMENT_ISSUER_URL = "PaymentIssuerUrl";

    /**
     * @param httpPort      0 picks a free port
     * @param dataDir       where DynamoDB data, the dev issuer's keys and function overlays live;
     *                      null keeps everything in memory and in a temp dir
     * @param localstack    when set, DynamoDB and SQS at this endpoint instead of embedded emulators
     * @param seed          a folder of admin requests that load demo data when the data is new ({@link Seed})
     * @param coldStartOnFirstInvocation  true (tests, the bench, `make chaos`): a function cold-starts on its first
     *                             invocation only, as on Lambda, so a runtime spends nothing on functions it never
     *                             calls; false (`make run`): every function also warms up in the background, and one
     *                             that cannot start says so at once
     * @param parameters    template parameters given as `sam deploy --parameter-overrides` would (tests: a shorter limit)
     * @param faults        the functions reach DynamoDB and SQS through a {@link FaultProxy} each ({@link #faults()}:
     *                      `make chaos`); event sources and the gateway, AWS's side, do not
     */
    public record Options(Path templateFile, int httpPort, int dynamoPort, int sqsPort, Path dataDir,
                          URI localstack, Path seed, String region, boolean coldStartOnFirstInvocation, Map<String, String> parameters,
                          boolean faults) {

        public Options {
            parameters = Map.copyOf(parameters);
        }

        public Options(Path templateFile, int httpPort, int dynamoPort, int sqsPort, Path dataDir,
                       URI localstack, Path seed, String region, boolean coldStartOnFirstInvocation) {
            this(templateFile, httpPort, dynamoPort, sqsPort, dataDir, localstack, seed, region, coldStartOnFirstInvocation, Map.of(), false);
        }

        /** For tests: everything on free ports, in memory, seeded; each function cold-starts on its first invocation. */
        public static Options ephemeral(Path repoRoot) {
            return new Options(repoRoot.resolve("template.yaml"), 0, 0, 0, null, null,
                    repoRoot.resolve("infra/local/seed"), EmulatorOptions.DEFAULT_REGION, true);
        }

        public Options withLocalstack(URI endpoint) {
            return new Options(templateFile, httpPort, dynamoPort, sqsPort, dataDir, endpoint, seed, region, coldStartOnFirstInvocation, parameters, faults);
        }

        public Options withDataDir(Path directory) {
            return new Options(templateFile, httpPort, dynamoPort, sqsPort, directory, localstack, seed, region, coldStartOnFirstInvocation, parameters, faults);
        }

        public Options withParameters(Map<String, String> overrides) {
            return new Options(templateFile, httpPort, dynamoPort, sqsPort, dataDir, localstack, seed, region, coldStartOnFirstInvocation, overrides, faults);
        }

        public Options withFaults() {
            return new Options(templateFile, httpPort, dynamoPort, sqsPort, dataDir, localstack, seed, region, coldStartOnFirstInvocation, parameters, true);
        }
    }

    private final Options options;
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final Emulators emulators;
    private final DynamoDbClient dynamo;
    private final SqsClient sqs;
    private final StackResources resources;
    private final List<FunctionHost> functions = new ArrayList<>();
    /** The functions' DynamoDB and SQS, with faults on purpose; null unless {@link Options#faults}. */
    private final Faults faults;
    /** Set as a stop begins: functions still warming up are then not started, and one failing to start is not news. */
    private volatile boolean closing;
    private final HttpGateway gateway;
    /** The folder made for an ephemeral runtime, deleted on close; null when the options named one. */
    private Path scratch;
    private final EventSourceMappings eventSources;
    private final boolean seeded;
    /** The data folder when the data is on disk (`make run`); null when it is in memory (tests). */
    private Path dataFolder;

    private LocalRuntime(Options options) throws Exception {
        try {
            this.options = options;
            // An ephemeral runtime's folder (tests, the bench) goes with it: it holds every function's unpacked jar.
            Path dataDir = options.dataDir() != null ? options.dataDir() : (scratch = ScratchFolders.create("storefront-local"));
            closeables.add(DataFolderLock.acquire(dataDir));  // first taken, last released
            long t0 = System.nanoTime();
            IsolatedFunction.activate();
            if (options.localstack() == null) {
                emulators = Emulators.start(new EmulatorOptions(options.dynamoPort(), options.sqsPort(),
                        options.dataDir() == null ? null : dataDir.resolve("dynamodb"), options.region()));
                closeables.add(emulators);
                dynamo = emulators.dynamo();
                sqs = emulators.sqs();
            } else {
                emulators = null;
                dynamo = AwsClients.dynamo(options.localstack(), options.region());
                sqs = AwsClients.sqs(options.localstack(), options.region());
                closeables.add(dynamo);
                closeables.add(sqs);
            }
            long t1 = System.nanoTime();
            SamTemplate template = SamTemplate.load(options.templateFile());
            gateway = new HttpGateway(options.httpPort(), DevIssuer.keysIn(dataDir));
            closeables.add(gateway);
            gateway.serve(new ApiReference(options.templateFile().resolveSibling("docs").resolve("openapi.yaml")));
            // The template's Cognito parameters point at the local issuer, so functions verify its tokens.
            // The payment webhook secret is made up per data folder; the sandbox bank's page is served here.
            String webhookSecret = DevSecret.in(dataDir, "payment-webhook");
            resources = StackResources.create(template, dynamo, sqs, IntrinsicResolver.forTemplate(template, options.region())
                    .withParameterOverrides(parameters(webhookSecret)));
            // The sandbox bank's page, where the template has the sandbox's ledger (not in fixture templates).
            if (resources.physicalIds().containsKey("SandboxPaymentsTable")) {
                LocalIssuerPage issuerPage = new LocalIssuerPage(new SandboxIssuer(dynamo, resources.tableName("SandboxPaymentsTable"),
                        webhookSecret, baseUrl().resolve("/webhooks/payments"), Clock.systemUTC()));
                closeables.add(issuerPage);
                gateway.serve(issuerPage);
            }
            long t2 = System.nanoTime();
            if (options.faults()) {
                faults = new Faults(FaultProxy.inFrontOf(dynamoEndpoint(), 7), FaultProxy.inFrontOf(sqsEndpoint(), 11));
                closeables.add(faults.dynamo());
                closeables.add(faults.sqs());
            } else {
                faults = null;
            }
            URI functionsDynamo = faults == null ? dynamoEndpoint() : faults.dynamo().endpoint();
            URI functionsSqs = faults == null ? sqsEndpoint() : faults.sqs().endpoint();
            for (SamFunction function : template.functions()) {
                functions.add(new FunctionHost(function, LambdaEnvironment.of(function, resources, functionsDynamo, functionsSqs,
                        options.region()), dataDir.resolve("functions")));
            }
            CompletableFuture<Void> warm = options.coldStartOnFirstInvocation() ? null : warmUp();
            long t3 = System.nanoTime();
            for (FunctionHost function : functions) {
                function.function().httpRoutes().forEach(route -> gateway.route(route, function));
            }
            gateway.routesReady();
            // SQS, stream and schedule events, as Lambda's event-source mappings and EventBridge run them.
            Map<String, Invocable> targets = new LinkedHashMap<>();
            functions.forEach(f -> targets.put(f.name(), ConsoleLog.logged(f.name(), f::invoke)));
            eventSources = EventSourceMappings.start(resources, targets, sqs, dynamoEndpoint(), dataDir.resolve("event-sources"));
            closeables.add(eventSources);  // closed first: pollers stop before functions and emulators
            SeedMarker marker = SeedMarker.of(dataDir, options.localstack(), resources);
            seeded = options.seed() != null && !marker.present();
            if (seeded) {
                long seedStart = System.nanoTime();
                int requests = ConsoleLog.muted(new Seed(options.seed(), baseUrl(), token("seed", "admin"))::load);
                LOG.info("Seeded the demo data: {} admin requests in {} ms", requests, (System.nanoTime() - seedStart) / 1_000_000);
                marker.write();
            }
            long t4 = System.nanoTime();
            if (options.dataDir() != null) {
                new ServedPorts(gateway.port(), sqsEndpoint().getPort(), dynamoEndpoint().getPort()).writeTo(dataDir);
                dataFolder = dataDir;
            }
            LOG.info("Started: emulators {} ms, tables {} ms, seed {} ms, functions {}", (t1 - t0) / 1_000_000,
                    (t2 - t1) / 1_000_000, (t4 - t3) / 1_000_000, warm == null ? "start on their first invocation"
                            : warm.isDone() ? "all warm after " + (System.nanoTime() - t2) / 1_000_000 + " ms" : "warming in the background");
        } catch (Exception e) {
            closeOnFailure(e);
            throw e;
        }
    }

    public static LocalRuntime start(Options options) throws Exception {
        return new LocalRuntime(options);
    }

    /** The template parameters set here, then the options' own (which win). */
    private Map<String, String> parameters(String webhookSecret) {
        Map<String, String> parameters = new LinkedHashMap<>(Map.of(IssuerServer.ISSUER_PARAMETER, gateway.issuer().issuer(),
                IssuerServer.AUDIENCE_PARAMETER, DevIssuer.AUDIENCE,
                PAYMENT_WEBHOOK_SECRET, webhookSecret,
                PAYMENT_ISSUER_URL, baseUrl().resolve(LocalIssuerPage.PREFIX).toString(),
                // Webhook receivers on this machine (http, localhost) may be tried; retries come quickly.
                "WebhooksAllowPrivateTargets", "true", "WebhookBackoffBaseSeconds", "1"));
        parameters.putAll(options.parameters());
        return parameters;
    }

    /** What is already started when a later step fails: closed again, so a failed start leaves no ports taken. */
    private void closeOnFailure(Exception failure) {
        try {
            close();
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /**
     * Cold-starts every function in the background, those serving HTTP first, two at a time. The
     * gateway and the seed do not wait: a request to a function still starting waits for it, as
     * on Lambda. A function that cannot start (a class missing from its jar) is logged at once and
     * answers every invocation with that failure.
     */
    private CompletableFuture<Void> warmUp() {
        ExecutorService pool = Executors.newFixedThreadPool(2, r -> {
            Thread thread = new Thread(r, "warm-up");
            thread.setDaemon(true);
            return thread;
        });
        CompletableFuture<?>[] starts = functions.stream()
                .sorted(Comparator.comparing((FunctionHost f) -> f.function().httpRoutes().isEmpty()))
                .map(function -> CompletableFuture.runAsync(() -> {
                    if (stopping()) {
                        return;
                    }
                    try {
                        function.started();
                    } catch (RuntimeException e) {
                        if (stopping()) {
                            return; // Ctrl-C during a cold start: Micronaut cannot add its shutdown hook any more
                        }
                        LOG.error("{} cannot start: {}", function.name(), e.getMessage(), e);
                        throw e;
                    }
                }, pool))
                .toArray(CompletableFuture[]::new);
        pool.shutdown();
        return CompletableFuture.allOf(starts);
    }


    /**
     * Cold-starts every function not started yet, one after the other, and names those that
     * cannot start (a class missing from a jar, a bean that fails): a test's proof that every jar
     * starts, where the runtime starts functions only on their first invocation. Returns how many
     * functions the template has.
     */
    public int startEveryFunction() {
        List<String> failed = new ArrayList<>();
        for (FunctionHost function : functions) {
            try {
                function.started();
            } catch (RuntimeException e) {
                failed.add(function.name() + ": " + e.getMessage());
            }
        }
        if (!failed.isEmpty()) {
            throw new IllegalStateException("functions that cannot start: " + failed);
        }
        return functions.size();
    }

    public URI baseUrl() {
        return URI.create("http://localhost:" + gateway.port());
    }

    public URI dynamoEndpoint() {
        return emulators != null ? emulators.dynamoEndpoint() : options.localstack();
    }

    public URI sqsEndpoint() {
        return emulators != null ? emulators.sqsEndpoint() : options.localstack();
    }

    public DynamoDbClient dynamo() {
        return dynamo;
    }

    public SqsClient sqs() {
        return sqs;
    }

    public StackResources resources() {
        return resources;
    }

    /** A dev token as the local issuer signs it; with group "admin" it passes the admin routes. */
    public String token(String subject, String... groups) {
        return gateway.issuer().issue(subject, List.of(groups));
    }

    /** The proxies between the functions and DynamoDB and SQS: where `make chaos` injects its faults. */
    public record Faults(FaultProxy dynamo, FaultProxy sqs) {
    }

    public Optional<Faults> faults() {
        return Optional.ofNullable(faults);
    }

    /**
     * Invokes one function of the template with an event, as `sam local invoke` does (a scheduled
     * job run now instead of at its next firing); its answer, or the handler's failure.
     */
    public String invoke(String logicalId, String event) throws LambdaInvoker.HandlerFailure {
        return functions.stream().filter(f -> f.name().equals(logicalId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no function " + logicalId + " in " + options.templateFile()))
                .invoke(event, UUID.randomUUID().toString());
    }

    /** Runs a scheduled function now, with the event its schedule would send (EventBridge's, in this runtime's region). */
    public String runScheduled(String logicalId) throws LambdaInvoker.HandlerFailure {
        return invoke(logicalId, ScheduledEvents.event(ScheduledEvents.ruleArn(options.region(), logicalId), options.region(), Instant.now()));
    }

    /** The local Cognito stand-in; tests sign odd tokens with it. */
    public DevIssuer issuer() {
        return gateway.issuer();
    }

    String banner() {
        String customer = token("alice");
        String admin = token("admin", "admin");
        StringBuilder out = new StringBuilder();
        out.append("\nStorefront is running").append(seeded ? " (demo catalog loaded)" : "").append('\n');
        out.append("  HTTP API    ").append(baseUrl()).append('\n');
        out.append("  API docs    ").append(baseUrl()).append(ApiReference.PAGE_PATH).append(" (the spec: ")
                .append(baseUrl()).append(ApiReference.SPEC_PATH).append(")\n");
        out.append("  DynamoDB    ").append(dynamoEndpoint()).append('\n');
        out.append("  SQS         ").append(sqsEndpoint()).append('\n');
        resources.physicalIds().forEach((logicalId, physical) -> {
            if (physical.startsWith("http")) {
                out.append("  queue       ").append(logicalId).append(": ").append(physical).append('\n');
            }
        });
        out.append("  functions   ").append(String.join(", ", functions.stream().map(FunctionHost::name).toList())).append('\n');
        eventSources.describe().forEach(source -> out.append("  events      ").append(source).append('\n'));
        out.append("  data        ").append(dataFolder == null ? "in memory (gone on stop)"
                : dataFolder + " (STOREFRONT_DATA_DIR; `make reset` empties it)").append('\n');
        if (options.seed() != null) {
            out.append("  discounts   ").append(String.join(", ", Seed.names(options.seed(), "/admin/discounts/"))).append('\n');
            out.append("  segments    ").append(String.join(", ", Seed.names(options.seed(), "/admin/segments/"))).append('\n');
        }
        out.append("\nDev tokens (12 h; mint more with `make token SUB=bob` or POST /local/token):\n");
        out.append("  customer alice: ").append(customer).append('\n');
        out.append("  admin:          ").append(admin).append('\n');
        out.append("\nTry:\n");
        out.append("  curl -s ").append(baseUrl()).append("/products?limit=2\n");
        out.append("  curl -s '").append(baseUrl()).append("/products?category=shoes'\n");
        out.append("  curl -s -X PUT ").append(baseUrl()).append("/admin/inventory/TRAIL-RUNNER-42 \\\n")
                .append("       -H 'authorization: Bearer ").append(admin).append("' \\\n")
                .append("       -H 'content-type: application/json' -d '{\"available\": 7}'\n");
        out.append("A guest's checkout (docs/CHECKOUT.md):\n");
        out.append("  CART=$(curl -s -X POST ").append(baseUrl()).append("/carts | sed -E 's/.*\"cartId\":\"([0-9a-f]+)\".*/\\1/')\n");
        out.append("  curl -s -X POST ").append(baseUrl()).append("/carts/$CART/items -H 'content-type: application/json' -d '{\"sku\":\"TRAIL-RUNNER-44\",\"quantity\":1}'\n");
        out.append("  curl -s -X POST ").append(baseUrl()).append("/carts/$CART/checkout -H 'content-type: application/json' \\\n")
                .append("       -H \"idempotency-key: $(uuidgen 2>/dev/null || cat /proc/sys/kernel/random/uuid)\" \\\n")
                .append("       -d '{\"email\":\"ada@example.com\",\"paymentToken\":\"tok_visa\",\"shippingAddress\":{\"name\":\"Ada Lovelace\",")
                .append("\"line1\":\"12 St James Sq\",\"city\":\"London\",\"postalCode\":\"SW1Y 4JH\",\"country\":\"GB\"}}'\n");
        out.append("\nCtrl-C stops; the data stays until `make reset`. STOREFRONT_LOG=json prints the functions' JSON log lines.\n");
        return out.toString();
    }

    /** A stop has begun: this runtime's close, or the JVM's shutdown (whose hooks may not have reached close yet). */
    private boolean stopping() {
        if (closing) {
            return true;
        }
        Thread probe = new Thread(() -> { });
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException shutdownInProgress) {
            return true;
        }
    }

    @Override
    public void close() {
        closing = true;
        if (dataFolder != null) {
            ServedPorts.removeFrom(dataFolder);
        }
        for (int i = closeables.size() - 1; i >= 0; i--) {
            try {
                closeables.get(i).close();
            } catch (Exception e) {
                LOG.warn("Closing {} failed: {}", closeables.get(i), e.toString());
            }
        }
        if (scratch != null) {
            ScratchFolders.delete(scratch);
        }
    }

    public static void main(String[] args) throws Exception {
        long started = System.nanoTime();
        Path root = Path.of(System.getenv().getOrDefault("STOREFRONT_ROOT", ".")).toAbsolutePath().normalize();
        Options options = new Options(root.resolve("template.yaml"),
                intEnv("STOREFRONT_HTTP_PORT", 3000), intEnv("STOREFRONT_DYNAMODB_PORT", 8000), intEnv("STOREFRONT_SQS_PORT", 9324),
                root.resolve(System.getenv().getOrDefault("STOREFRONT_DATA_DIR", ".local")),
                "localstack".equalsIgnoreCase(System.getenv("BACKEND"))
                        ? URI.create(System.getenv().getOrDefault("LOCALSTACK_ENDPOINT", "http://localhost:4566")) : null,
                root.resolve("infra/local/seed"),
                System.getenv().getOrDefault("AWS_REGION", EmulatorOptions.DEFAULT_REGION), false);
        Optional<String> taken = LocalPorts.firstTaken(LocalPorts.of(options));
        if (taken.isPresent()) {
            System.err.println(taken.get());
            System.exit(1);
        }
        if (!"json".equalsIgnoreCase(System.getenv().getOrDefault("STOREFRONT_LOG", ""))) {
            ConsoleLog.install(System.out);
        }
        LocalRuntime runtime;
        try {
            runtime = start(options);
        } catch (DataFolderLock.InUse e) {
            System.err.println(e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // From here the console shows only the last line: a function caught mid cold start logs its failure to start.
            ConsoleLog.quiet();
            Thread deadline = new Thread(LocalRuntime::haltAfterStopDeadline, "stop-deadline");
            deadline.setDaemon(true);
            deadline.start();
            runtime.close();
            // Ctrl-C is how a developer ends `make run`, not a failure: status 0, and no other hook
            // (the emulators' own only log that the JVM is going down). The data is on disk by now.
            stopped();
        }, "shutdown"));
        System.out.println(runtime.banner());
        System.out.flush();
        System.out.printf("Ready in %.1f s%n", (System.nanoTime() - started) / 1e9);
    }

    /**
     * A stop takes at most 2 s: whatever has not closed by then (an invocation still running, slow on
     * a busy machine) is halted, as Lambda ends an instance mid-invocation; each write is already durable.
     */
    private static void haltAfterStopDeadline() {
        try {
            Thread.sleep(2_000);
        } catch (InterruptedException e) {
            return;
        }
        stopped();
    }

    private static final java.util.concurrent.atomic.AtomicBoolean STOPPED = new java.util.concurrent.atomic.AtomicBoolean();

    /** The one line a stop prints, by whichever of the close and the deadline comes first; then status 0. */
    private static void stopped() {
        if (STOPPED.compareAndSet(false, true)) {
            ConsoleLog.lastLine("Stopped.");
            Runtime.getRuntime().halt(0);
        }
    }

    private static int intEnv(String name, int fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }
}
