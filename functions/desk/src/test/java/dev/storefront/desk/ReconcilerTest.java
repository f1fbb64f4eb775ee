package dev.storefront.desk;

import com.fasterxml.jackson.databind.JsonNode;
import dev.storefront.domain.Money;
import dev.storefront.domain.order.Order;
import dev.storefront.domain.order.OrderStatus;
import dev.storefront.payments.SandboxPaymentGateway;
import dev.storefront.samlocal.ScheduledEvents;
import dev.storefront.testsupport.FunctionHarness;
import dev.storefront.testsupport.HttpCall;
import dev.storefront.testsupport.HttpResult;
import dev.storefront.testsupport.TestStack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The scheduled reconciler on the template's tables, read back through GET /admin/reconciliation:
 * a seeded case of each kind is found (each way an order is stuck, each way payment disagrees), a
 * set of consistent orders and stock is not, and the next run replaces the last one's findings.
 * Other tests share the tables, so a clean set is judged by its own orders and SKU appearing nowhere
 * in the findings.
 */
class ReconcilerTest {

    static FunctionHarness desk;
    static FunctionHarness reconciler;

    @BeforeAll
    static void start() {
        desk = FunctionHarness.start("DeskFunction");
        reconciler = FunctionHarness.start("ReconcilerFunction");
    }

    static String run() {
        String event = ScheduledEvents.event(ScheduledEvents.ruleArn("us-east-1", "reconciler"), "us-east-1", Instant.now());
        return reconciler.invoke(event, UUID.randomUUID().toString());
    }

    static JsonNode lastRun() {
        HttpResult answer = desk.http(HttpCall.get("/admin/reconciliation").as("desk-admin", "admin"));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer.json();
    }

    static List<JsonNode> findings(JsonNode run) {
        List<JsonNode> findings = new ArrayList<>();
        run.path("findings").forEach(findings::add);
        return findings;
    }

    static String sku(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    @Test
    void one_case_of_each_kind_is_found_a_consistent_set_is_not_and_the_next_run_replaces_the_findings() {
        Instant now = Instant.now();
        Order stuck = StoredOrders.store(OrderStatus.PLACED, "stuck@example.com", now.minus(Duration.ofMinutes(10)));
        Order capturedUnshipped = StoredOrders.store(OrderStatus.ACCEPTED, now.minus(Duration.ofHours(2)), Order.PaymentStatus.CAPTURED);
        Order awaitingPayment = StoredOrders.store(OrderStatus.PENDING_PAYMENT, "waiting@example.com", now.minus(Duration.ofMinutes(30)));
        Order shippedUnpaid = StoredOrders.store(OrderStatus.SHIPPED, now.minus(Duration.ofDays(40)), Order.PaymentStatus.AUTHORIZED);
        String drifting = sku("DRIFT");
        StoredStock.productStocked("recon-" + drifting.toLowerCase(), drifting, 10);
        StoredStock.countChangedBehindTheLedger(drifting, 7);

        List<Order> clean = List.of(
                StoredOrders.store(OrderStatus.PLACED, "fresh@example.com", now.minus(Duration.ofMinutes(2))),
                StoredOrders.store(OrderStatus.ACCEPTED, "accepted@example.com", now.minus(Duration.ofHours(1))),
                StoredOrders.store(OrderStatus.SHIPPED, "shipped@example.com", now.minus(Duration.ofDays(10))),
                StoredOrders.store(OrderStatus.DELIVERED, "delivered@example.com", now.minus(Duration.ofDays(40))),
                StoredOrders.store(OrderStatus.CANCELLED, "cancelled@example.com", now.minus(Duration.ofHours(3))));
        String steady = sku("STEADY");
        StoredStock.productStocked("recon-" + steady.toLowerCase(), steady, 25);

        assertThat(run()).contains("findings");
        JsonNode first = lastRun();
        assertThat(Instant.parse(first.path("checkedAt").asText())).isAfterOrEqualTo(now);
        List<JsonNode> found = findings(first);
        assertThat(first.path("total").asInt()).isEqualTo(found.size());
        assertThat(found).extracting(f -> f.path("kind").asText(), f -> f.path("orderId").asText(null), f -> f.path("sku").asText(null))
                .contains(tuple("ORDER_STUCK", stuck.orderId(), null),
                        tuple("PAYMENT_MISMATCH", capturedUnshipped.orderId(), null),
                        tuple("STOCK_DRIFT", null, drifting),
                        tuple("ORDER_STUCK", awaitingPayment.orderId(), null),
                        tuple("ORDER_STUCK", shippedUnpaid.orderId(), null),
                        tuple("PAYMENT_MISMATCH", shippedUnpaid.orderId(), null));
        assertThat(found).filteredOn(f -> f.path("sku").asText("").equals(drifting)).singleElement()
                .satisfies(f -> assertThat(f.path("detail").asText()).isEqualTo("available 7 but the inventory ledger adds up to 10"));
        assertThat(found).filteredOn(f -> f.path("orderId").asText("").equals(stuck.orderId())).singleElement()
                .satisfies(f -> assertThat(f.path("detail").asText()).startsWith("PLACED since"));

        HttpResult story = desk.http(HttpCall.get("/admin/orders/" + stuck.orderId()).as("desk-admin", "admin"));
        assertThat(story.status()).as(story.toString()).isEqualTo(200);
        assertThat(story.json().path("timeline").findValuesAsText("kind")).as("the finding in the order's timeline").last().isEqualTo("RECONCILIATION");
        JsonNode last = story.json().path("timeline").path(story.json().path("timeline").size() - 1);
        assertThat(last.path("summary").asText()).isEqualTo("ORDER_STUCK");
        assertThat(last.path("actor").asText()).isEqualTo("reconciler");
        assertThat(last.path("at").asText()).isEqualTo(first.path("checkedAt").asText());

        Set<String> cleanIds = Set.copyOf(clean.stream().map(Order::orderId).toList());
        assertThat(found).as("the consistent orders and stock").noneMatch(f -> cleanIds.contains(f.path("orderId").asText(""))
                || f.path("sku").asText("").equals(steady));

        StoredStock.countChangedBehindTheLedger(drifting, 10);
        run();
        JsonNode second = lastRun();
        assertThat(Instant.parse(second.path("checkedAt").asText())).isAfterOrEqualTo(Instant.parse(first.path("checkedAt").asText()));
        assertThat(findings(second)).as("the repaired stock's finding is closed").noneMatch(f -> f.path("sku").asText("").equals(drifting))
                .anyMatch(f -> f.path("orderId").asText("").equals(stuck.orderId()));
    }

    @Test
    void payments_the_processor_still_holds_are_judged_against_the_orders_they_name() {
        Instant now = Instant.now();
        TestStack stack = TestStack.shared();
        SandboxPaymentGateway processorAnHourAgo = new SandboxPaymentGateway(stack.emulators().dynamo(),
                stack.resources().tableName("SandboxPaymentsTable"), null, "http://localhost/pay", Clock.fixed(now.minus(Duration.ofHours(1)), ZoneOffset.UTC));
        SandboxPaymentGateway processorNow = new SandboxPaymentGateway(stack.emulators().dynamo(),
                stack.resources().tableName("SandboxPaymentsTable"), null, "http://localhost/pay");
        Money total = new Money(2500, "EUR");

        String noSuchOrder = "o-none-" + UUID.randomUUID();
        String orphan = processorAnHourAgo.authorize(UUID.randomUUID().toString(), noSuchOrder, "tok_visa", total).authorizationId();
        Order cancelled = StoredOrders.store(OrderStatus.CANCELLED, "held@example.com", now.minus(Duration.ofHours(2)));
        String notVoided = processorAnHourAgo.authorize(UUID.randomUUID().toString(), cancelled.orderId(), "tok_visa", total).authorizationId();
        StoredOrders.holding(cancelled, notVoided);

        Order accepted = StoredOrders.store(OrderStatus.ACCEPTED, "awaiting-shipment@example.com", now.minus(Duration.ofHours(2)));
        StoredOrders.holding(accepted, processorAnHourAgo.authorize(UUID.randomUUID().toString(), accepted.orderId(), "tok_visa", total).authorizationId());
        Order voided = StoredOrders.store(OrderStatus.CANCELLED, "voided@example.com", now.minus(Duration.ofHours(2)));
        String voidedPayment = processorAnHourAgo.authorize(UUID.randomUUID().toString(), voided.orderId(), "tok_visa", total).authorizationId();
        processorAnHourAgo.voidAuthorization(UUID.randomUUID().toString(), voidedPayment);
        StoredOrders.holding(voided, voidedPayment);
        Order delivered = StoredOrders.store(OrderStatus.DELIVERED, "delivered-held@example.com", now.minus(Duration.ofHours(2)));
        String capturedPayment = processorAnHourAgo.authorize(UUID.randomUUID().toString(), delivered.orderId(), "tok_visa", total).authorizationId();
        processorAnHourAgo.capture(UUID.randomUUID().toString(), capturedPayment, total);
        StoredOrders.holding(delivered, capturedPayment);
        String justAuthorized = "o-new-" + UUID.randomUUID();
        processorNow.authorize(UUID.randomUUID().toString(), justAuthorized, "tok_visa", total);

        run();
        List<JsonNode> found = findings(lastRun());
        assertThat(found).filteredOn(f -> f.path("orderId").asText("").equals(noSuchOrder)).singleElement()
                .satisfies(f -> assertThat(f.path("detail").asText()).isEqualTo("payment " + orphan + " belongs to no order"));
        assertThat(found).filteredOn(f -> f.path("orderId").asText("").equals(cancelled.orderId())).singleElement()
                .satisfies(f -> assertThat(f.path("detail").asText())
                        .isEqualTo("payment " + notVoided + " is still held at the processor but the order is CANCELLED with its payment VOIDED"));
        Set<String> agreeing = Set.of(accepted.orderId(), voided.orderId(), delivered.orderId(), justAuthorized);
        assertThat(found).as("payments that agree with their orders, and one too new to judge")
                .noneMatch(f -> agreeing.contains(f.path("orderId").asText("")));
    }

    @Test
    void the_last_run_is_for_admins_only() {
        assertThat(desk.http(HttpCall.get("/admin/reconciliation").as("shopper")).status()).isEqualTo(403);
        assertThat(desk.http(HttpCall.get("/admin/reconciliation")).status()).isEqualTo(401);
    }
}
