package dev.storefront.local;

import dev.storefront.samlocal.SamTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The ```sh blocks of docs/PARTNERS.md and docs/CHECKOUT.md, extracted as they stand and run with
 * bash against a local runtime, the ports (3000, 9324) being the only substitution: the guides
 * cannot drift from what the storefront answers. Its own runtime, because the partner guide reads
 * the requests queue (other tests' requests would be taken from them).
 */
class DocSnippetsTest {

    private static final Path ROOT = SamTemplate.findRepoRoot();
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Pattern ORDER_LINE = Pattern.compile("(?m)order ([0-9a-f]{32})$");

    private static LocalRuntime runtime;
    private static ApiClient api;

    @TempDir
    Path work;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(onPath("bash") && onPath("curl"), "bash and curl are needed to run the documented snippets");
        assumeTrue(onPath("jq"), "jq is not installed: the documented snippets use it (apt-get install jq); skipped");
        // Functions cold-start on first use here, as on a fresh deployment: the guides must cope with that.
        runtime = LocalRuntime.start(LocalRuntime.Options.ephemeral(ROOT));
        api = new ApiClient(runtime.baseUrl());
    }

    @AfterAll
    static void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    /** Where uuidgen is missing (Debian's default) and where it prints capitals (macOS). */
    @ParameterizedTest(name = "uuidgen {0}")
    @ValueSource(strings = {"absent", "upper-case"})
    void thePartnerGuideTakesAnOrderToDeliveredAndBack(String uuidgen) throws Exception {
        assumeTrue(onPath("aws"), "the aws CLI is not installed: the partner guide uses it; skipped");
        String output = run(snippets("docs/PARTNERS.md"), uuidgen);

        Matcher order = ORDER_LINE.matcher(output);
        assertThat(order.find()).as("the guide prints the order it placed:%n%s", output).isTrue();
        String orderId = order.group(1);
        assertThat(output).contains("fulfilment.requested " + orderId);
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(api.get("/orders/" + orderId).json().path("status").asText()).isEqualTo("DELIVERED"));
        var delivered = api.get("/orders/" + orderId).json();
        assertThat(delivered.at("/payment/status").asText()).isEqualTo("CAPTURED");
        assertThat(delivered.toString()).contains("JD014600006281234567");
        // and returned: the partner's return.received refunded it
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(api.get("/orders/" + orderId).json().at("/returns/0/status").asText()).isEqualTo("REFUNDED"));
        var returned = api.get("/orders/" + orderId).json();
        assertThat(returned.at("/payment/refundedAmount/amount").asLong()).isEqualTo(returned.at("/total/amount").asLong());
    }

    @Test
    void theCheckoutGuidePlacesAnOrderAndReplaysIt() throws Exception {
        String output = run(snippets("docs/CHECKOUT.md"), "absent");

        assertThat(output).contains("\"status\":\"PLACED\"").contains("HTTP 201");
        assertThat(output.toLowerCase()).contains("idempotent-replayed: true");
    }

    /** Every ```sh block of a guide in order, one script, with the local runtime's ports. */
    private static String snippets(String guide) throws IOException {
        StringBuilder script = new StringBuilder();
        Matcher block = Pattern.compile("(?ms)^```sh\\n(.*?)^```$").matcher(Files.readString(ROOT.resolve(guide)));
        while (block.find()) {
            script.append(block.group(1)).append('\n');
        }
        assertThat(script).as("sh blocks in %s", guide).isNotEmpty();
        return script.toString()
                .replace(":3000", ":" + runtime.baseUrl().getPort())
                .replace(":9324", ":" + runtime.sqsEndpoint().getPort());
    }

    /**
     * Runs a script with bash -e, as a newcomer's shell would: no AWS region or credentials of ours
     * (the guide exports what it needs; no ~/.aws config helps), and a uuidgen that is missing or prints capitals.
     */
    private String run(String script, String uuidgen) throws Exception {
        Path bin = Files.createDirectories(work.resolve("bin"));
        Path stub = bin.resolve("uuidgen");
        Files.writeString(stub, "absent".equals(uuidgen)
                ? "#!/bin/sh\necho 'uuidgen: command not found' >&2\nexit 127\n"
                : "#!/bin/sh\ntr 'a-z' 'A-Z' < /proc/sys/kernel/random/uuid\n");
        stub.toFile().setExecutable(true);
        Path file = work.resolve("snippets.sh");
        Files.writeString(file, script);

        ProcessBuilder bash = new ProcessBuilder("bash", "-e", "-o", "pipefail", file.toString())
                .directory(work.toFile()).redirectErrorStream(true).redirectOutput(work.resolve("output.txt").toFile());
        Map<String, String> env = bash.environment();
        List.of("AWS_REGION", "AWS_DEFAULT_REGION", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_PROFILE",
                "AWS_SESSION_TOKEN").forEach(env::remove);
        env.put("AWS_CONFIG_FILE", work.resolve("no-aws-config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", work.resolve("no-aws-credentials").toString());
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("PATH", bin + ":" + env.get("PATH"));
        Process process = bash.start();
        process.getOutputStream().close();
        boolean finished = process.waitFor(3, TimeUnit.MINUTES);
        if (!finished) {
            process.destroyForcibly().waitFor();
        }
        String output = Files.readString(work.resolve("output.txt"));
        assertThat(finished).as("the snippets finish:%n%s", output).isTrue();
        assertThat(process.exitValue()).as("bash exit status; output:%n%s", output).isZero();
        return output;
    }

    private static boolean onPath(String command) {
        try {
            return new ProcessBuilder("bash", "-c", "command -v " + command).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
