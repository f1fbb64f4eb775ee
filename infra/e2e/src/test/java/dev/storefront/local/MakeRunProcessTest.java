package dev.storefront.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.storefront.samlocal.AwsClients;
import dev.storefront.samlocal.EmulatorOptions;
import dev.storefront.samlocal.FreePorts;
import dev.storefront.samlocal.IntrinsicResolver;
import dev.storefront.samlocal.SamTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * `make run` as a process, what a developer's terminal shows: the runtime's main class on a data
 * folder, its stdout and stderr read line by line.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MakeRunProcessTest {

    private static final Path ROOT = SamTemplate.findRepoRoot();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration START = Duration.ofMinutes(4);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    static Path data;

    private static RunningProcess run;

    /** One `make run` process on free ports; its output in a file. */
    record RunningProcess(Process process, Path output, int httpPort, int sqsPort) {

        static RunningProcess start(String name) throws IOException {
            int http = FreePorts.pick();
            int sqs = FreePorts.pick();
            Path output = data.resolve(name + ".log");
            // The JVM flags of the Makefile's `run`.
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Dlogback.configurationFile=storefront-logback.xml"));
            if (Runtime.version().feature() >= 24) {
                // As the Makefile's `run` passes them on JDK 25: SQLite loaded natively, Pekko's sun.misc.Unsafe.
                command.addAll(List.of("--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"));
            }
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), LocalRuntime.class.getName()));
            ProcessBuilder java = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
            java.environment().remove("STOREFRONT_LOG");
            java.environment().put("STOREFRONT_ROOT", ROOT.toString());
            java.environment().put("STOREFRONT_DATA_DIR", data.resolve("data").toString());
            java.environment().put("STOREFRONT_HTTP_PORT", Integer.toString(http));
            java.environment().put("STOREFRONT_SQS_PORT", Integer.toString(sqs));
            java.environment().put("STOREFRONT_DYNAMODB_PORT", Integer.toString(FreePorts.pick()));
            java.environment().put("AWS_REGION", EmulatorOptions.DEFAULT_REGION);
            RunningProcess running = new RunningProcess(java.start(), output, http, sqs);
            try {
                running.awaitReady();
            } catch (RuntimeException | AssertionError e) {
                running.process.destroyForcibly();  // a failed start must not leave a runtime behind the test JVM
                throw e;
            }
            return running;
        }

        /** Ready as the banner says; polling GET /products as a storefront would while it starts. */
        private void awaitReady() {
            // A storefront polling a starting runtime: refused connections, 503s, then 200s; never a 404 for a route it has.
            List<Integer> whileStarting = new ArrayList<>();
            await().atMost(START).pollInterval(Duration.ofMillis(200)).until(() -> {
                assertThat(process.isAlive()).as("the runtime is still running:%n%s", text()).isTrue();
                try {
                    // Not the API client: a starting gateway's own answers are not the API's contract.
                    whileStarting.add(HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + httpPort + "/products"))
                            .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.discarding()).statusCode());
                } catch (IOException refused) {
                    // the gateway is not listening yet
                }
                return text().contains("\nReady in ");
            });
            assertThat(whileStarting).as("GET /products while the runtime started").doesNotContain(404);
        }

        String text() {
            try {
                return Files.readString(output);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        List<String> lines() {
            return text().lines().toList();
        }

        ApiClient api() {
            return new ApiClient(URI.create("http://localhost:" + httpPort));
        }
    }

    @BeforeAll
    static void start() throws IOException {
        run = RunningProcess.start("first");
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (run != null && run.process.isAlive()) {
            run.process.destroyForcibly().waitFor();
        }
    }

    @Test
    @Order(1)
    void startingPrintsTheBannerAndOneSeedLineNoFunctionJson() {
        String start = run.text();
        assertThat(start).doesNotContain("{\"timestamp\"").doesNotContain("Initializing DynamoDB Local");
        assertThat(run.lines()).filteredOn(l -> l.contains("Seeded the demo data")).hasSize(1);
        // Before the banner, besides the access lines of the GETs this test sent while the runtime started.
        assertThat(run.lines().stream().takeWhile(l -> !l.startsWith("Storefront is running")).filter(l -> !l.contains(" GET /products ")))
                .hasSizeLessThan(6);
    }

    @Test
    @Order(2)
    void oneBrowseCartCheckoutShipCyclePrintsFewerThan30ShortLines() {
        int before = run.lines().size();
        ApiClient api = run.api();
        assertThat(api.get("/products?limit=2").status()).isEqualTo(200);
        assertThat(api.get("/products/trail-runner").status()).isEqualTo(200);
        String cartId = api.post("/carts", null).json().path("cartId").asText();
        assertThat(api.post("/carts/" + cartId + "/items", "{\"sku\":\"TRAIL-RUNNER-44\",\"quantity\":1}").status()).isEqualTo(200);
        ApiClient.Response placed = api.send("POST", "/carts/" + cartId + "/checkout", CheckoutScenarios.BODY.formatted("tok_visa"), null,
                "idempotency-key", UUID.randomUUID().toString());
        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        String orderId = placed.json().path("orderId").asText();

        actAsPartner(orderId);
        String poll = "GET /orders/" + orderId + " ";
        await().atMost(Duration.ofSeconds(60)).until(() -> api.get("/orders/" + orderId).json().path("status").asText().equals("DELIVERED"));

        // The polls above are the test's, not a shopper's: one GET of the order counts.
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<String> cycle = run.lines().subList(before, run.lines().size()).stream().filter(l -> !l.contains(poll)).toList();
            assertThat(cycle.size() + 1).as("lines of one cycle:%n%s", String.join("\n", cycle)).isLessThan(30);
            assertThat(cycle).noneMatch(l -> l.startsWith("{") || l.length() > 200);
        });
        System.out.printf("one cycle printed %d lines:%n%s%n", run.lines().size() - before,
                String.join("\n", run.lines().subList(before, run.lines().size())));
        assertThat(run.lines()).anyMatch(l -> l.contains("POST /carts/" + cartId + "/checkout 201 ") && l.contains("CheckoutFunction"))
                .anyMatch(l -> l.contains("PartnerUpdatesConsumerFunction") && l.contains("order=" + orderId));
    }

    /**
     * Stopping: SIGTERM here, which runs the same shutdown hook as Ctrl-C's SIGINT (a test cannot
     * send SIGINT to a child whose parent ignores it, as a backgrounded Maven does).
     */
    @Test
    @Order(3)
    void stoppingTakesUnder3SecondsSaysOneLineExitsZeroAndKeepsACartWrittenJustBefore() throws Exception {
        ApiClient api = run.api();
        String cartId = api.post("/carts", null).json().path("cartId").asText();
        assertThat(api.post("/carts/" + cartId + "/items", "{\"sku\":\"ROAD-RACER-43\",\"quantity\":2}").status()).isEqualTo(200);
        int before = run.lines().size();

        long signalled = System.nanoTime();
        run.process.destroy();
        assertThat(run.process.waitFor(3, TimeUnit.SECONDS)).as("stopped within 3 s:%n%s", run.text()).isTrue();
        long millis = (System.nanoTime() - signalled) / 1_000_000;
        assertThat(run.process.exitValue()).isZero();
        List<String> stopping = run.lines().subList(before, run.lines().size());
        // Silent: the one line, after whatever invocation was finishing as the signal came.
        assertThat(stopping).as("stopped in %d ms", millis).endsWith("Stopped.")
                .noneMatch(l -> l.matches("(?i).*(warn|error|exception|could not|couldn't).*"));

        run = RunningProcess.start("restarted");
        ApiClient.Response cart = run.api().get("/carts/" + cartId);
        assertThat(cart.status()).isEqualTo(200);
        assertThat(cart.json().at("/lines/0/sku").asText()).isEqualTo("ROAD-RACER-43");
        assertThat(cart.json().at("/lines/0/quantity").asInt()).isEqualTo(2);
        assertThat(run.text()).doesNotContain("Seeded");
    }

    /** A partner on the runtime's queues: takes the order's request, accepts, ships, delivers. */
    private static void actAsPartner(String orderId) {
        try (SqsClient sqs = AwsClients.sqs(URI.create("http://127.0.0.1:" + run.sqsPort), EmulatorOptions.DEFAULT_REGION)) {
            String stack = IntrinsicResolver.DEFAULT_STACK_NAME;
            String requests = sqs.getQueueUrl(r -> r.queueName(stack + "-fulfilment-requests.fifo")).queueUrl();
            String updates = sqs.getQueueUrl(r -> r.queueName(stack + "-fulfilment-updates.fifo")).queueUrl();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (Message message : sqs.receiveMessage(r -> r.queueUrl(requests).maxNumberOfMessages(10).waitTimeSeconds(1)).messages()) {
                    sqs.deleteMessage(r -> r.queueUrl(requests).receiptHandle(message.receiptHandle()));
                    if (JSON.readTree(message.body()).path("orderId").asText().equals(orderId)) {
                        return true;
                    }
                }
                return false;
            });
            for (String[] update : new String[][] {{"fulfilment.accepted", "{}"},
                    {"fulfilment.shipped", "{\"carrier\":\"DHL\",\"trackingNumber\":\"JD014600006281234567\"}"}, {"fulfilment.delivered", "{}"}}) {
                String eventId = UUID.randomUUID().toString();
                String body = "{\"eventId\":\"" + eventId + "\",\"type\":\"" + update[0] + "\",\"version\":1,\"occurredAt\":\""
                        + Instant.now() + "\",\"orderId\":\"" + orderId + "\",\"data\":" + update[1] + "}";
                sqs.sendMessage(r -> r.queueUrl(updates).messageGroupId(orderId).messageDeduplicationId(eventId).messageBody(body));
            }
        }
    }
}
