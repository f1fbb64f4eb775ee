package dev.storefront.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.storefront.local.demo.DemoDay;
import dev.storefront.local.partner.PartnerQueues;
import dev.storefront.samlocal.SamTemplate;
import dev.storefront.samlocal.ScheduledEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * `make demo`, then the reconciler: a simulated day of shoppers and a partner (DemoDay, through the
 * HTTP API only) on a runtime of its own leaves books that agree, so a run finds nothing. The
 * runtime judges payment at once (PaymentSettleMinutes=0 instead of 15), so every order of the day
 * is judged, not only those older than a quarter of an hour; the run is repeated until the last
 * capture has caught up with its delivery (asynchronous, via the stream), and a finding that stays
 * fails the test. Then one stock count changed behind the ledger and one delivered order's capture
 * undone are each found, so the clean run was a judgement and not a run that read nothing.
 */
class DemoDayReconciliationTest {

    static final Duration PATIENCE = Duration.ofSeconds(60);

    @Test
    void after_a_demo_day_the_reconciler_finds_nothing_and_then_finds_a_drifted_count_and_an_uncaptured_delivery(@TempDir Path data)
            throws Exception {
        LocalRuntime.Options options = LocalRuntime.Options.ephemeral(SamTemplate.findRepoRoot())
                .withParameters(Map.of("PaymentSettleMinutes", "0"));
        try (LocalRuntime runtime = LocalRuntime.start(options)) {
            ApiClient api = new ApiClient(runtime.baseUrl());
            String admin = runtime.token("recon-ops", "admin");
            DemoDay.Day day = DemoDay.run(runtime.baseUrl(), PartnerQueues.on(runtime.sqs()), data, 16, 20261202L);
            assertThat(day.placedOrders()).as("the day's orders").hasSizeGreaterThanOrEqualTo(3);
            assertThat(day.settledOrders()).as("the partner settled every order").containsAll(day.placedOrders());

            await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                JsonNode run = reconcile(runtime, api, admin);
                assertThat(run.path("total").asInt()).as("findings after the demo day: %s", run).isZero();
            });

            String drifted = day.skus().get(0);
            runtime.dynamo().updateItem(r -> r.tableName(runtime.resources().tableName("InventoryTable"))
                    .key(Map.of("sku", AttributeValue.fromS(drifted)))
                    .updateExpression("ADD available :three").expressionAttributeValues(Map.of(":three", AttributeValue.fromN("3"))));
            String delivered = day.placedOrders().stream()
                    .filter(id -> api.send("GET", "/admin/orders/" + id, null, admin).json().path("status").asText().equals("DELIVERED"))
                    .findFirst().orElseThrow(() -> new AssertionError("no order of the day was delivered: " + day));
            runtime.dynamo().updateItem(r -> r.tableName(runtime.resources().tableName("OrdersTable"))
                    .key(Map.of("orderId", AttributeValue.fromS(delivered)))
                    .updateExpression("SET payment.#status = :authorized")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":authorized", AttributeValue.fromS("AUTHORIZED"))));

            JsonNode run = reconcile(runtime, api, admin);
            List<JsonNode> findings = toList(run.path("findings"));
            assertThat(findings).as(run.toString())
                    .extracting(f -> f.path("kind").asText(), f -> f.path("sku").asText(null), f -> f.path("orderId").asText(null))
                    .containsExactlyInAnyOrder(tuple("STOCK_DRIFT", drifted, null), tuple("PAYMENT_MISMATCH", null, delivered));
        }
    }

    /** One run now, as the schedule would start it; the stored run as operators read it. */
    private static JsonNode reconcile(LocalRuntime runtime, ApiClient api, String admin) throws Exception {
        runtime.invoke("ReconcilerFunction", ScheduledEvents.event(ScheduledEvents.ruleArn("us-east-1", "reconciler"), "us-east-1", Instant.now()));
        ApiClient.Response answer = api.send("GET", "/admin/reconciliation", null, admin);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    private static List<JsonNode> toList(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items;
    }
}
