package dev.storefront.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.storefront.domain.EventIds;
import dev.storefront.testsupport.QueueInbox;
import dev.storefront.testsupport.EventSchemas;
import dev.storefront.testsupport.FunctionHarness;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.storefront.events.OrderItems.fulfilment;
import static dev.storefront.events.OrderItems.moved;
import static dev.storefront.events.OrderItems.payment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The relay's real handler, invoked with DynamoDB stream events as Lambda sends them, publishing to
 * the real order-events queue in ElasticMQ; a consumer's SQS client reads what arrived.
 */
class OrderEventsRelayTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static FunctionHarness relay;

    @BeforeAll
    static void start() {
        relay = FunctionHarness.start("OrderEventsRelayFunction");
    }

    @Test
    void an_order_from_checkout_to_delivery_publishes_one_valid_event_per_status_change() throws IOException {
        String orderId = OrderItems.newOrderId();
        Instant t = OrderItems.CREATED;
        Map<String, AttributeValue> pending = OrderItems.pending(orderId);
        Map<String, AttributeValue> placed = moved(pending, "PLACED", t.plusSeconds(2), Map.of("payment", payment("AUTHORIZED", "auth_1", null)));
        Map<String, AttributeValue> requested = moved(placed, "FULFILMENT_REQUESTED", t.plusSeconds(3), Map.of());
        Map<String, AttributeValue> accepted = moved(requested, "ACCEPTED", t.plusSeconds(60), Map.of());
        Map<String, AttributeValue> shipped = moved(accepted, "SHIPPED", t.plusSeconds(3600), Map.of(
                "payment", payment("CAPTURED", "auth_1", null),
                "fulfilment", fulfilment(Map.of("carrier", "DHL", "trackingNumber", "JD0146000012345"))));
        Map<String, AttributeValue> delivered = moved(shipped, "DELIVERED", t.plusSeconds(86_400), Map.of());

        JsonNode response = invoke(OrderStream.event(OrderStream.insert(pending), OrderStream.modify(pending, placed),
                OrderStream.modify(placed, requested), OrderStream.modify(requested, accepted),
                OrderStream.modify(accepted, shipped), OrderStream.modify(shipped, delivered)));

        assertThat(response.path("batchItemFailures")).isEmpty();
        List<QueueInbox.Received> events = QueueInbox.orderEvents().ofOrder(orderId);
        assertThat(events).extracting(QueueInbox.Received::type).containsExactlyInAnyOrder(
                "order.pending_payment", "order.placed", "order.fulfilment_requested", "order.accepted", "order.shipped", "order.delivered");
        for (QueueInbox.Received event : events) {
            EventSchemas.assertValid(event.body());
            String status = event.event().at("/data/to").asText();
            assertThat(event.eventId()).as(event.type()).isEqualTo(EventIds.of(orderId + ":" + status).toString());
            assertThat(event.attributes()).as("filterable without parsing the body")
                    .containsEntry("type", event.type()).containsEntry("eventId", event.eventId());
            assertThat(event.event().path("version").asInt()).isEqualTo(1);
            assertThat(event.event().path("orderId").asText()).isEqualTo(orderId);
        }
        JsonNode placedEvent = only(events, "order.placed").event();
        assertThat(placedEvent.path("occurredAt").asText()).as("when the history says, not when relayed").isEqualTo("2025-03-01T10:15:32.123Z");
        assertThat(placedEvent.at("/data/from").asText()).isEqualTo("PENDING_PAYMENT");
        assertThat(placedEvent.at("/data/lines")).hasSize(2);
        assertThat(placedEvent.at("/data/lines/0/unitPrice")).isEqualTo(JSON.readTree("{\"amount\":1250,\"currency\":\"EUR\"}"));
        assertThat(placedEvent.at("/data/total/amount").asLong()).isEqualTo(2900);
        assertThat(placedEvent.at("/data/shippingAddress/postalCode").asText()).isEqualTo("SW1Y 4JH");
        assertThat(placedEvent.at("/data/email").asText()).isEqualTo("ada@example.com");
        assertThat(placedEvent.at("/data/payment")).isEqualTo(JSON.readTree("{\"status\":\"AUTHORIZED\",\"authorizationId\":\"auth_1\"}"));
        JsonNode shippedEvent = only(events, "order.shipped").event();
        assertThat(shippedEvent.at("/data/carrier").asText()).isEqualTo("DHL");
        assertThat(shippedEvent.at("/data/trackingNumber").asText()).isEqualTo("JD0146000012345");
        assertThat(shippedEvent.at("/data/payment/status").asText()).isEqualTo("CAPTURED");
        assertThat(only(events, "order.accepted").body()).as("personal data travels in order.placed only")
                .doesNotContain("ada@example.com").doesNotContain("Lovelace");
    }

    @Test
    void every_order_event_also_goes_to_analytics_events_with_the_same_body_and_event_id() {
        String orderId = OrderItems.newOrderId();
        Map<String, AttributeValue> pending = OrderItems.pending(orderId);
        Map<String, AttributeValue> placed = moved(pending, "PLACED", OrderItems.CREATED.plusSeconds(2),
                Map.of("payment", payment("AUTHORIZED", "auth_1", null)));
        Map<String, AttributeValue> cancelled = moved(placed, "CANCELLED", OrderItems.CREATED.plusSeconds(60), Map.of());

        JsonNode response = invoke(OrderStream.event(OrderStream.insert(pending), OrderStream.modify(pending, placed),
                OrderStream.modify(placed, cancelled)));

        assertThat(response.path("batchItemFailures")).isEmpty();
        List<QueueInbox.Received> orderEvents = QueueInbox.orderEvents().ofOrder(orderId);
        List<QueueInbox.Received> analytics = QueueInbox.analyticsEvents().ofOrder(orderId);
        assertThat(orderEvents).hasSize(3);
        assertThat(analytics).extracting(QueueInbox.Received::body)
                .containsExactlyInAnyOrderElementsOf(orderEvents.stream().map(QueueInbox.Received::body).toList());
        assertThat(analytics).allSatisfy(e -> {
            EventSchemas.assertValid(e.body());
            assertThat(e.attributes()).containsEntry("type", e.type()).containsEntry("eventId", e.eventId());
        });
    }

    @Test
    void a_replayed_record_publishes_the_identical_event_again_for_consumers_to_drop() {
        String orderId = OrderItems.newOrderId();
        Map<String, AttributeValue> pending = OrderItems.pending(orderId);
        Map<String, AttributeValue> declined = moved(pending, "PAYMENT_FAILED", OrderItems.CREATED.plusSeconds(1),
                Map.of("payment", payment("FAILED", null, "card_declined")));
        String event = OrderStream.event(OrderStream.modify(pending, declined));

        invoke(event);
        invoke(event);

        List<QueueInbox.Received> events = QueueInbox.orderEvents().ofOrder(orderId);
        assertThat(events).hasSize(2);
        assertThat(events.get(1).body()).as("same id, same time, same data").isEqualTo(events.get(0).body());
        assertThat(events.get(0).eventId()).isEqualTo(EventIds.of(orderId + ":PAYMENT_FAILED").toString());
        assertThat(events.get(0).event().at("/data/payment/declineCode").asText()).isEqualTo("card_declined");
        EventSchemas.assertValid(events.get(0).body());
    }

    @Test
    void changes_that_keep_the_status_and_removals_publish_nothing() {
        String orderId = OrderItems.newOrderId();
        Map<String, AttributeValue> pending = OrderItems.pending(orderId);
        Map<String, AttributeValue> touched = new java.util.HashMap<>(pending);
        touched.put("payment", payment("PENDING", "auth_pending", null));
        Map<String, AttributeValue> expired = moved(touched, "EXPIRED", OrderItems.CREATED.plusSeconds(900), Map.of());

        JsonNode response = invoke(OrderStream.event(OrderStream.modify(pending, touched), OrderStream.modify(expired, expired),
                OrderStream.remove(expired), OrderStream.modify(touched, expired)));

        assertThat(response.path("batchItemFailures")).isEmpty();
        assertThat(QueueInbox.orderEvents().ofOrder(orderId)).extracting(QueueInbox.Received::type).containsExactly("order.expired");
    }

    @Test
    void a_record_that_is_not_an_order_fails_alone_and_stops_the_batch_there() {
        String first = OrderItems.newOrderId();
        String second = OrderItems.newOrderId();
        String third = OrderItems.newOrderId();
        Map<String, AttributeValue> broken = new java.util.HashMap<>(OrderItems.pending(second));
        broken.remove("status");
        Record unreadable = OrderStream.insert(broken);

        JsonNode response = invoke(OrderStream.event(OrderStream.insert(OrderItems.pending(first)), unreadable,
                OrderStream.insert(OrderItems.pending(third))));

        assertThat(response.path("batchItemFailures")).hasSize(1);
        assertThat(response.at("/batchItemFailures/0/itemIdentifier").asText()).isEqualTo(OrderStream.sequenceNumber(unreadable));
        assertThat(QueueInbox.orderEvents().ofOrder(first)).hasSize(1);
        assertThat(QueueInbox.orderEvents().ofOrder(second)).isEmpty();
        assertThat(QueueInbox.orderEvents().ofOrder(third)).as("Lambda retries from the failed record: later ones wait for it").isEmpty();
    }

    @Test
    void an_aws_fixture_event_is_relayed() throws IOException {
        String orderId = OrderItems.newOrderId();
        String fixture = new String(getClass().getResourceAsStream("/events/orders-stream-placed.json").readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                .replace("0123456789abcdef0123456789abcdef", orderId);

        assertThat(invoke(fixture).path("batchItemFailures")).isEmpty();

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(QueueInbox.orderEvents().ofOrder(orderId)).hasSize(1));
        QueueInbox.Received placed = QueueInbox.orderEvents().ofOrder(orderId).get(0);
        assertThat(placed.type()).isEqualTo("order.placed");
        EventSchemas.assertValid(placed.body());
    }

    static QueueInbox.Received only(List<QueueInbox.Received> events, String type) {
        List<QueueInbox.Received> ofType = events.stream().filter(e -> e.type().equals(type)).toList();
        assertThat(ofType).as(type).hasSize(1);
        return ofType.get(0);
    }

    static JsonNode invoke(String event) {
        try {
            return JSON.readTree(relay.invoke(event, UUID.randomUUID().toString()));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
