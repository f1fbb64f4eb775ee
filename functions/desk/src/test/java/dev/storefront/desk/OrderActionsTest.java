package dev.storefront.desk;

import com.fasterxml.jackson.databind.JsonNode;
import dev.storefront.domain.order.Order;
import dev.storefront.domain.order.OrderStatus;
import dev.storefront.domain.order.PartnerMessages;
import dev.storefront.testsupport.EventSchemas;
import dev.storefront.testsupport.FunctionHarness;
import dev.storefront.testsupport.HttpCall;
import dev.storefront.testsupport.HttpResult;
import dev.storefront.testsupport.QueueInbox;
import dev.storefront.testsupport.TestStack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The operators' actions on one order, over the template's real tables and queues: cancel (stock
 * back, void owed for fulfilment to make), notes, and the fulfilment request resent with its first
 * eventId; each an audit entry and a line of the order's timeline.
 */
class OrderActionsTest {

    static FunctionHarness desk;
    static final String ADMIN = "ops-" + UUID.randomUUID().toString().substring(0, 6);

    @BeforeAll
    static void start() {
        desk = FunctionHarness.start("DeskFunction");
    }

    static HttpResult post(String path, String json) {
        HttpCall call = HttpCall.post(path).as(ADMIN, "admin");
        return desk.http(json == null ? call : call.json(json));
    }

    static JsonNode story(String orderId) {
        HttpResult answer = desk.http(HttpCall.get("/admin/orders/" + orderId).as(ADMIN, "admin"));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer.json();
    }

    static List<String> timeline(JsonNode story) {
        List<String> entries = new ArrayList<>();
        story.path("timeline").forEach(e -> entries.add(e.path("kind").asText() + ":" + e.path("actor").asText() + ":" + e.path("summary").asText()));
        return entries;
    }

    static long available(String sku) {
        TestStack stack = TestStack.shared();
        var item = stack.emulators().dynamo().getItem(r -> r.tableName(stack.resources().tableName("InventoryTable"))
                .key(Map.of("sku", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(sku))).consistentRead(true)).item();
        return item == null || !item.containsKey("available") ? 0 : Long.parseLong(item.get("available").n());
    }

    @Test
    void an_accepted_order_is_cancelled_its_stock_comes_back_and_its_void_is_owed_to_the_order_cancelled_event() {
        Order order = StoredOrders.store(OrderStatus.ACCEPTED, "cancel@example.com", Instant.parse("2014-02-01T10:00:00Z"));
        long before = available("SKU-DESK");

        HttpResult answer = post("/admin/orders/" + order.orderId() + "/cancel", null);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(202);
        assertThat(answer.json().path("status").asText()).isEqualTo("CANCELLED");
        assertThat(available("SKU-DESK")).as("the order's 2 units are back").isEqualTo(before + 2);
        // The audit entry is written as the answer leaves: the next read shows who cancelled.
        assertThat(timeline(story(order.orderId()))).contains("STATUS:" + ADMIN + ":ACCEPTED → CANCELLED",
                "PAYMENT:payment:void owed: the processor has not confirmed it yet", "ADMIN:" + ADMIN + ":POST /admin/orders/{orderId}/cancel");

        HttpResult again = post("/admin/orders/" + order.orderId() + "/cancel", null);
        assertThat(again.status()).as("a cancelled order stays so").isEqualTo(202);
        assertThat(available("SKU-DESK")).as("given back once").isEqualTo(before + 2);
    }

    @Test
    void a_shipped_order_cannot_be_cancelled_and_the_refusal_is_no_audit_entry() {
        Order order = StoredOrders.store(OrderStatus.SHIPPED, "cancel@example.com", Instant.parse("2014-02-02T10:00:00Z"));

        HttpResult answer = post("/admin/orders/" + order.orderId() + "/cancel", null);

        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.json().path("code").asText()).isEqualTo("ORDER_NOT_CANCELLABLE");
        assertThat(timeline(story(order.orderId()))).noneMatch(e -> e.startsWith("ADMIN:"));
        assertThat(post("/admin/orders/0123456789abcdef0123456789abcdef/cancel", null).status()).isEqualTo(404);
    }

    @Test
    void a_note_is_kept_as_written_and_bad_notes_are_400_problems() {
        Order order = StoredOrders.store(OrderStatus.PLACED, "notes@example.com", Instant.parse("2014-02-03T10:00:00Z"));
        String text = "Shopper called <script>alert('x')</script>\nwants gift wrap";

        HttpResult answer = post("/admin/orders/" + order.orderId() + "/notes", "{\"text\":" + quote(text) + "}");

        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        assertThat(answer.json().path("text").asText()).isEqualTo(text);
        assertThat(answer.json().path("actor").asText()).isEqualTo(ADMIN);
        JsonNode story = story(order.orderId());
        assertThat(story.path("timeline")).anySatisfy(e -> {
            assertThat(e.path("kind").asText()).isEqualTo("NOTE");
            assertThat(e.path("detail").asText()).isEqualTo(text);
        });
        assertThat(timeline(story)).contains("ADMIN:" + ADMIN + ":POST /admin/orders/{orderId}/notes");
        assertThat(post("/admin/orders/" + order.orderId() + "/notes", "{\"text\":\"" + "x".repeat(2000) + "\"}").status()).isEqualTo(201);

        for (String bad : new String[] {"{\"text\":\"" + "x".repeat(2001) + "\"}", "{\"text\":\"  \"}", "{}", "{\"text\":42}",
                "{\"text\":\"hi\",\"pinned\":true}", "{\"text\":", "[]"}) {
            HttpResult refused = post("/admin/orders/" + order.orderId() + "/notes", bad);
            assertThat(refused.status()).as(bad.substring(0, Math.min(40, bad.length())) + " " + refused).isEqualTo(400);
            assertThat(refused.header("content-type")).startsWith("application/problem+json");
        }
        assertThat(post("/admin/orders/0123456789abcdef0123456789abcdef/notes", "{\"text\":\"hi\"}").status()).isEqualTo(404);
    }

    @Test
    void a_resent_fulfilment_request_carries_its_first_event_id_so_the_partner_keeps_one() {
        Order order = StoredOrders.store(OrderStatus.FULFILMENT_REQUESTED, "resend@example.com", Instant.parse("2014-02-04T10:00:00Z"));
        String eventId = PartnerMessages.eventId(order.orderId(), PartnerMessages.REQUESTED);

        HttpResult first = post("/admin/orders/" + order.orderId() + "/fulfilment/resend", null);
        HttpResult second = post("/admin/orders/" + order.orderId() + "/fulfilment/resend", null);

        assertThat(first.status()).as(first.toString()).isEqualTo(202);
        assertThat(first.json().path("eventId").asText()).isEqualTo(eventId);
        assertThat(second.json().path("eventId").asText()).isEqualTo(eventId);
        QueueInbox partner = QueueInbox.of("FulfilmentRequestsQueue");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(partner.ofOrder(order.orderId())).isNotEmpty());
        List<QueueInbox.Received> sent = partner.ofOrder(order.orderId());
        assertThat(sent).allSatisfy(m -> {
            assertThat(m.eventId()).isEqualTo(eventId);
            assertThat(m.type()).isEqualTo("fulfilment.requested");
            assertThat(m.text("occurredAt")).isEqualTo(order.reached(OrderStatus.FULFILMENT_REQUESTED).orElseThrow().at().toString());
            assertThat(m.data().path("items").get(0).path("sku").asText()).isEqualTo("SKU-DESK");
            assertThat(m.data().path("shippingAddress").path("postalCode").asText()).isEqualTo("N1 1AA");
            EventSchemas.assertValid(m.body());
        });
        assertThat(sent.stream().map(QueueInbox.Received::body).distinct()).as("every copy the same message").hasSize(1);
        assertThat(timeline(story(order.orderId()))).contains("PARTNER:system:fulfilment request sent to the partner",
                "ADMIN:" + ADMIN + ":POST /admin/orders/{orderId}/fulfilment/resend");
    }

    @Test
    void an_order_the_partner_was_not_asked_about_or_has_shipped_has_nothing_to_resend() {
        for (OrderStatus status : List.of(OrderStatus.PLACED, OrderStatus.SHIPPED, OrderStatus.CANCELLED)) {
            Order order = StoredOrders.store(status, "resend@example.com", Instant.parse("2014-02-05T10:00:00Z"));
            HttpResult answer = post("/admin/orders/" + order.orderId() + "/fulfilment/resend", null);
            assertThat(answer.status()).as(status + " " + answer).isEqualTo(409);
            assertThat(answer.json().path("code").asText()).isEqualTo("CONFLICT");
        }
    }

    @Test
    void every_action_is_for_admins_only() {
        Order order = StoredOrders.store(OrderStatus.PLACED, "guard@example.com", Instant.parse("2014-02-06T10:00:00Z"));
        for (String action : new String[] {"/cancel", "/notes", "/fulfilment/resend"}) {
            String path = "/admin/orders/" + order.orderId() + action;
            assertThat(desk.http(HttpCall.post(path).as("shopper").json("{\"text\":\"hi\"}")).status()).as(action).isEqualTo(403);
            assertThat(desk.http(HttpCall.post(path).json("{\"text\":\"hi\"}")).status()).as(action).isEqualTo(401);
        }
        assertThat(story(order.orderId()).path("status").asText()).isEqualTo("PLACED");
    }

    static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
