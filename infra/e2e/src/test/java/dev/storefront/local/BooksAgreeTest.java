package dev.storefront.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.storefront.local.chaos.Chaos;
import dev.storefront.local.demo.DemoDay;
import dev.storefront.local.partner.PartnerQueues;
import dev.storefront.samlocal.SamTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * The reconciler as the judge, on a runtime of their own (faults possible, none until asked;
 * payment judged at once, PaymentSettleMinutes=0 instead of 15, so every order is judged, not only
 * those older than a quarter of an hour). Each test leaves the books agreeing.
 * <ul>
 *   <li>`make demo`'s simulated day (DemoDay, through the HTTP API only) leaves books that agree:
 *       a run finds nothing (repeated until the last capture has caught up with its delivery, via the
 *       stream); then a count changed behind the ledger and a delivered order's capture undone are
 *       each found, so the clean run was a judgement and not a run that read nothing.</li>
 *   <li>`make chaos` in short: its four phases (calm, throttling 20 %, timeouts 5 %, errors and cut
 *       connections 3 % each) of 6 s instead of 60, shoppers, partner, returns and refunds retrying as
 *       the docs say; then no finding, no 500, no unit lost or oversold, no payment captured twice,
 *       every order settled.</li>
 * </ul>
 */
class BooksAgreeTest {

    static final Duration PATIENCE = Duration.ofSeconds(60);

    static LocalRuntime runtime;
    static ApiClient api;
    static String admin;

    @BeforeAll
    static void start() throws Exception {
        runtime = LocalRuntime.start(Chaos.options(SamTemplate.findRepoRoot()));
        api = new ApiClient(runtime.baseUrl());
        admin = runtime.token("books-ops", "admin");
    }

    @AfterAll
    static void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    void after_a_demo_day_the_reconciler_finds_nothing_and_then_finds_a_drifted_count_and_an_uncaptured_delivery(@TempDir Path data)
            throws Exception {
        DemoDay.Day day = DemoDay.run(runtime.baseUrl(), PartnerQueues.on(runtime.sqs()), data, 16, 20261202L);
        assertThat(day.placedOrders()).as("the day's orders").hasSizeGreaterThanOrEqualTo(3);
        assertThat(day.settledOrders()).as("the partner settled every order").containsAll(day.placedOrders());

        await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            JsonNode run = reconcile();
            assertThat(run.path("total").asInt()).as("findings after the demo day: %s", run).isZero();
        });

        String drifted = day.skus().get(0);
        String delivered = day.placedOrders().stream()
                .filter(id -> api.send("GET", "/admin/orders/" + id, null, admin).json().path("status").asText().equals("DELIVERED"))
                .findFirst().orElseThrow(() -> new AssertionError("no order of the day was delivered: " + day));
        addBehindTheLedger(drifted, 3);
        paymentOnTheOrder(delivered, "AUTHORIZED");
        try {
            JsonNode run = reconcile();
            assertThat(findings(run)).as(run.toString())
                    .extracting(f -> f.path("kind").asText(), f -> f.path("sku").asText(null), f -> f.path("orderId").asText(null))
                    .containsExactlyInAnyOrder(tuple("STOCK_DRIFT", drifted, null), tuple("PAYMENT_MISMATCH", null, delivered));
        } finally {
            addBehindTheLedger(drifted, -3);
            paymentOnTheOrder(delivered, "CAPTURED");
        }
        assertThat(reconcile().path("total").asInt()).as("the books agree again").isZero();
    }

    @Test
    void under_throttling_timeouts_errors_and_cut_connections_the_books_still_agree() throws Exception {
        Chaos.Verdict verdict = Chaos.run(runtime, Duration.ofSeconds(6));
        System.out.println(verdict.report());
        assertThat(verdict.clean()).as(verdict.report()).isTrue();
        assertThat(verdict.faultsInjected()).as("faults injected").isGreaterThan(0);
        assertThat(verdict.orders()).as("orders placed").isGreaterThan(0);
    }

    /** One run now, as the schedule would start it; the stored run as operators read it. */
    private static JsonNode reconcile() throws Exception {
        runtime.runScheduled("ReconcilerFunction");
        ApiClient.Response answer = api.send("GET", "/admin/reconciliation", null, admin);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    private static List<JsonNode> findings(JsonNode run) {
        List<JsonNode> items = new ArrayList<>();
        run.path("findings").forEach(items::add);
        return items;
    }

    private static void addBehindTheLedger(String sku, int units) {
        runtime.dynamo().updateItem(r -> r.tableName(runtime.resources().tableName("InventoryTable"))
                .key(Map.of("sku", AttributeValue.fromS(sku)))
                .updateExpression("ADD available :n").expressionAttributeValues(Map.of(":n", AttributeValue.fromN(Integer.toString(units)))));
    }

    private static void paymentOnTheOrder(String orderId, String status) {
        runtime.dynamo().updateItem(r -> r.tableName(runtime.resources().tableName("OrdersTable"))
                .key(Map.of("orderId", AttributeValue.fromS(orderId)))
                .updateExpression("SET payment.#status = :status")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":status", AttributeValue.fromS(status))));
    }
}
