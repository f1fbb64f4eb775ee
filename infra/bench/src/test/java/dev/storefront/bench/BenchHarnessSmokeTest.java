package dev.storefront.bench;

import dev.storefront.samlocal.AwsClients;
import dev.storefront.samlocal.HttpApiEvents;
import dev.storefront.samlocal.LambdaEnvironment;
import dev.storefront.samlocal.SamFunction;
import dev.storefront.samlocal.SamTemplate;
import dev.storefront.testsupport.TestStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * One iteration of the benchmark harness, fast enough for `make test`: a cold start through the
 * Lambda runtime interface client, and a round trip counted by the capacity proxy. The benchmarks
 * themselves run with `make bench`.
 */
class BenchHarnessSmokeTest {

    @Test
    void a_cold_start_through_the_runtime_interface_client_answers_its_first_event(@TempDir Path work) throws Exception {
        List<ColdStart.Run> runs = harness(work).measure(floor(TestStack.shared().emulators().dynamoEndpoint()),
                new ColdStart.Variant("smoke", "-XX:TieredStopAtLevel=1", ColdStart.Cache.NONE), 1);

        assertThat(runs).hasSize(1);
        assertThat(runs.get(0).initMs()).isPositive().isLessThan(runs.get(0).firstResponseMs());
    }

    /** JDK 25 refuses the AOT flags beside -Xshare: a JVM that does not start must fail the run at once, not wait it out. */
    @Test
    void with_an_aot_cache_from_a_training_run_the_floor_starts_and_answers(@TempDir Path work) throws Exception {
        assumeTrue(ColdStart.available(new ColdStart.Variant("aot", "-XX:TieredStopAtLevel=1", ColdStart.Cache.AOT)), "needs JDK 24+");
        List<ColdStart.Run> runs = harness(work).measure(floor(TestStack.shared().emulators().dynamoEndpoint()),
                new ColdStart.Variant("aot", "-XX:TieredStopAtLevel=1", ColdStart.Cache.AOT), 1);

        assertThat(runs).hasSize(1);
        assertThat(work.toFile().list((dir, name) -> name.endsWith(".aot"))).as("the cache the training run wrote").isNotEmpty();
    }

    @Test
    void a_cold_starts_classes_are_counted_by_where_they_come_from(@TempDir Path work) throws Exception {
        ColdStart harness = harness(work);
        ColdStart.ClassCounts counts = harness.classes(harness.prepare(floor(TestStack.shared().emulators().dynamoEndpoint()),
                new ColdStart.Variant("smoke", "-XX:TieredStopAtLevel=1", ColdStart.Cache.NONE)));

        // The floor's own classes and the SDK's come from its jar; the JVM's from the JDK; the poll loop from the client.
        assertThat(counts.atInit().get("JDK")).isGreaterThan(500);
        assertThat(counts.atInit().get("runtime client")).isPositive();
        assertThat(counts.atInit().get("function jar")).isGreaterThan(100);
        assertThat(counts.duringFirstRequest()).as("the first GetItem loads classes of its own").isPositive();
    }

    @Test
    void started_as_for_snapstart_the_floor_runs_its_priming_hook_and_then_the_event(@TempDir Path work) throws Exception {
        try (CapacityProxy proxy = new CapacityProxy(TestStack.shared().emulators().dynamoEndpoint())) {
            List<ColdStart.Run> runs = harness(work).measure(floor(proxy.endpoint()),
                    ColdStart.Variant.snapStartProxy("smoke", "-XX:TieredStopAtLevel=1"), 1);

            assertThat(runs.get(0).firstRequestMs()).isPositive();
            // The priming's GetItem of a missing key, then the event's own GetItem of a missing product.
            assertThat(proxy.calls()).extracting(CapacityProxy.Call::operation).containsExactly("GetItem", "GetItem");
        }
    }

    @Test
    void the_capacity_proxy_counts_round_trips_and_units_without_changing_answers() throws Exception {
        TestStack stack = TestStack.shared();
        String products = stack.resources().tableName("ProductsTable");
        try (CapacityProxy proxy = new CapacityProxy(stack.emulators().dynamoEndpoint());
             DynamoDbClient metered = AwsClients.dynamo(proxy.endpoint(), stack.emulators().region())) {
            // No index attribute: a small item outside both indexes costs exactly 1 WCU.
            metered.putItem(r -> r.tableName(products).item(Map.of("id", AttributeValue.fromS("smoke-" + System.nanoTime()))));
            metered.getItem(r -> r.tableName(products).key(Map.of("id", AttributeValue.fromS("no-such-product"))));

            assertThat(proxy.calls()).extracting(CapacityProxy.Call::operation).containsExactly("PutItem", "GetItem");
            assertThat(proxy.calls().get(0).writeUnits()).isEqualTo(1.0);
            assertThat(proxy.calls().get(1).readUnits()).isEqualTo(0.5);
        }
    }

    @Test
    void samples_report_nearest_rank_percentiles() {
        Samples samples = new Samples();
        for (int i = 1; i <= 100; i++) {
            samples.add(i);
        }
        assertThat(samples.min()).isEqualTo(1);
        assertThat(samples.median()).isEqualTo(50);
        assertThat(samples.percentile(99)).isEqualTo(99);
        assertThat(samples.max()).isEqualTo(100);
    }

    @Test
    void the_generated_block_replaces_itself_and_keeps_the_hand_written_text() {
        Report report = new Report(Shop.JSON.createObjectNode().put("benchSeconds", 1.0));
        report.section("A figure", "make bench", "| x |\n|---|\n| 1 |");
        String first = report.markdown("# Benchmarks\n\nWhy the numbers are what they are.\n");
        String again = report.markdown(first.replace("Why the numbers", "Why, again, the numbers"));

        assertThat(again).contains("Why, again, the numbers").containsOnlyOnce(Report.BEGIN).containsOnlyOnce("### A figure");
    }

    private static ColdStart harness(Path work) {
        return new ColdStart(SamTemplate.findRepoRoot().resolve("infra/bench/target/lambda-runtime"), work);
    }

    /** The plain floor as a cold-start target whose DynamoDB is {@code dynamo}, its first event a missing product. */
    private static ColdStart.Target floor(java.net.URI dynamo) {
        TestStack stack = TestStack.shared();
        SamFunction floor = Bench.floor(SamTemplate.findRepoRoot(), stack.template());
        Map<String, String> env = LambdaEnvironment.of(floor, stack.resources(), dynamo, stack.emulators().sqsEndpoint(), stack.emulators().region());
        return new ColdStart.Target("PlainFloor", floor.handler(), floor.codeUri(), env, BenchHarnessSmokeTest::missingProduct);
    }

    /** The floor's first event: GET /products/{productId} of a product that does not exist (one GetItem). */
    private static String missingProduct() {
        return HttpApiEvents.event(new HttpApiEvents.Request("GET", "/products/no-such-product", null,
                Map.of("host", List.of("api.storefront.test")), null, "198.51.100.10", Instant.now()),
                "GET /products/{productId}", Map.of("productId", "no-such-product"), null, "smoke");
    }
}
