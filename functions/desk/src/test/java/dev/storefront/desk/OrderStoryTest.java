package dev.storefront.desk;

import dev.storefront.stockledger.InventoryLedger;
import dev.storefront.stockledger.LedgerTables;

import com.fasterxml.jackson.databind.JsonNode;
import dev.storefront.audit.AuditEntry;
import dev.storefront.audit.AuditLog;
import dev.storefront.audit.AuditTables;
import dev.storefront.domain.order.Order;
import dev.storefront.domain.order.OrderNote;
import dev.storefront.domain.order.OrderStatus;
import dev.storefront.domain.order.PartnerMessages;
import dev.storefront.orderstore.OrderRepository;
import dev.storefront.orderstore.OrderTables;
import dev.storefront.stockledger.InventoryLedger;
import dev.storefront.stockledger.LedgerTables;
import dev.storefront.testsupport.FunctionHarness;
import dev.storefront.testsupport.HttpCall;
import dev.storefront.testsupport.HttpResult;
import dev.storefront.testsupport.TestStack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** GET /admin/orders/{orderId}: the order and its timeline from what the tables hold (history, marks, notes, audit entries). */
class OrderStoryTest {

    static FunctionHarness desk;
    static OrderRepository orders;
    static AuditLog audit;

    @BeforeAll
    static void start() {
        desk = FunctionHarness.start("DeskFunction");
        TestStack stack = TestStack.shared();
        orders = new OrderRepository(stack.emulators().dynamo(),
                new OrderTables(stack.resources().tableName("OrdersTable"), stack.resources().tableName("InventoryTable")),
                new InventoryLedger(stack.emulators().dynamo(), new LedgerTables(stack.resources().tableName("InventoryLedgerTable"))));
        audit = new AuditLog(stack.emulators().dynamo(), new AuditTables(stack.resources().tableName("AuditTable")));
    }

    static HttpResult get(String orderId) {
        return desk.http(HttpCall.get("/admin/orders/" + orderId).as("desk-admin", "admin"));
    }

    @Test
    void a_shipped_order_shows_every_kind_of_entry_in_time_order() {
        Instant created = Instant.parse("2013-05-01T08:00:00Z");
        Order order = StoredOrders.store(OrderStatus.SHIPPED, "story@example.com", created);
        orders.markSent(order.orderId(), PartnerMessages.eventId(order.orderId(), PartnerMessages.REQUESTED));
        assertThat(orders.addNote(order.orderId(), new OrderNote(created.plusSeconds(150), "ops-note", "parcel looked damp"))).isTrue();
        audit.record(new AuditEntry(created.plusSeconds(170), "ops-resend", "POST /admin/orders/{orderId}/fulfilment/resend",
                "/admin/orders/" + order.orderId() + "/fulfilment/resend", UUID.randomUUID().toString(), null, "{}"));

        HttpResult answer = get(order.orderId());

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        JsonNode body = answer.json();
        assertThat(body.path("status").asText()).isEqualTo("SHIPPED");
        assertThat(body.path("shippingAddress").path("city").asText()).isEqualTo("London");
        assertThat(body.path("fulfilment").path("trackingNumber").asText()).startsWith("TRACK-");
        List<String> kinds = new ArrayList<>();
        List<String> at = new ArrayList<>();
        body.path("timeline").forEach(e -> {
            kinds.add(e.path("kind").asText() + ":" + e.path("actor").asText());
            at.add(e.path("at").asText());
        });
        assertThat(kinds).containsExactly("STATUS:guest", "STATUS:payment", "PAYMENT:payment", "STATUS:system", "PARTNER:system",
                "NOTE:ops-note", "ADMIN:ops-resend", "STATUS:partner", "STATUS:partner", "PAYMENT:payment");
        assertThat(at.stream().map(Instant::parse).toList()).isSorted();
        assertThat(body.path("timeline").get(5).path("detail").asText()).isEqualTo("parcel looked damp");
    }

    @Test
    void an_unknown_or_malformed_order_id_is_404_and_only_admins_may_look() {
        assertThat(get("0123456789abcdef0123456789abcdef").status()).isEqualTo(404);
        assertThat(get("not-an-order").json().path("code").asText()).isEqualTo("NOT_FOUND");
        Order order = StoredOrders.store(OrderStatus.PLACED, "story@example.com", Instant.parse("2013-05-02T08:00:00Z"));
        assertThat(desk.http(HttpCall.get("/admin/orders/" + order.orderId()).as("shopper")).status()).isEqualTo(403);
        assertThat(desk.http(HttpCall.get("/admin/orders/" + order.orderId())).status()).isEqualTo(401);
    }
}
