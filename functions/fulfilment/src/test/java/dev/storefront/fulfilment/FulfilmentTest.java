package dev.storefront.fulfilment;

import com.fasterxml.jackson.databind.JsonNode;
import dev.storefront.domain.EventIds;
import dev.storefront.testsupport.EventSchemas;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static dev.storefront.fulfilment.Shop.orderEvent;
import static dev.storefront.fulfilment.Shop.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Fulfilment's two handlers with SQS events as Lambda sends them, over real orders (placed by the
 * catalog, cart and checkout jars) in DynamoDB Local and the real requests queue in ElasticMQ.
 */
class FulfilmentTest {

    final Shop shop = Shop.get();

    static String id() {
        return UUID.randomUUID().toString();
    }

    /** A placed order that the consumer has turned into a fulfilment request. */
    String requestedOrder(String sku, int quantity) {
        String orderId = shop.placeOrder(sku, quantity);
        assertThat(shop.deliverOrderEvents(List.of(orderEvent(orderId, "order.placed", "PLACED")))).isEmpty();
        return orderId;
    }

    @Test
    void a_placed_order_when_order_placed_arrives_twice_then_one_valid_request_goes_to_the_partner_and_the_order_is_requested() {
        String sku = shop.stockedSku(5);
        String orderId = shop.placeOrder(sku, 2);
        String placed = orderEvent(orderId, "order.placed", "PLACED");

        assertThat(shop.deliverOrderEvents(List.of(placed))).isEmpty();
        assertThat(shop.deliverOrderEvents(List.of(placed, orderEvent(orderId, "order.fulfilment_requested", "FULFILMENT_REQUESTED")))).isEmpty();

        JsonNode order = shop.order(orderId);
        assertThat(order.path("status").asText()).isEqualTo("FULFILMENT_REQUESTED");
        JsonNode last = order.path("history").get(order.path("history").size() - 1);
        assertThat(last.path("from").asText()).isEqualTo("PLACED");
        assertThat(last.path("eventId").asText()).as("the order.placed it came from").isEqualTo(EventIds.of(orderId + ":PLACED").toString());
        List<Message> requests = shop.requestsFor(orderId);
        assertThat(requests).hasSize(1);
        Message request = requests.get(0);
        EventSchemas.assertValid(request.body());
        JsonNode body = Shop.JSON.valueToTree(parse(request.body()));
        assertThat(body.path("type").asText()).isEqualTo("fulfilment.requested");
        assertThat(body.path("eventId").asText()).isEqualTo(EventIds.of(orderId + ":fulfilment.requested").toString());
        assertThat(body.at("/data/items/0/sku").asText()).isEqualTo(sku);
        assertThat(body.at("/data/items/0/quantity").asInt()).isEqualTo(2);
        assertThat(body.at("/data/shippingAddress/country").asText()).isEqualTo("GB");
        // From order.placed version 2: how it ships and what the parcel weighs.
        assertThat(body.at("/data/shipping/methodId").asText()).isEqualTo("tracked");
        assertThat(body.at("/data/shipping/carrier").asText()).isEqualTo("Royal Mail");
        assertThat(body.at("/data/weightGrams").asLong()).isEqualTo(900);
        assertThat(request.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID)).isEqualTo(orderId);
        assertThat(request.attributes().get(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID)).isEqualTo(body.path("eventId").asText());
    }

    @Test
    void an_order_placed_of_version_1_still_becomes_a_valid_request_without_method_and_weight() {
        String orderId = shop.placeOrder(shop.stockedSku(5), 1);

        assertThat(shop.deliverOrderEvents(List.of(orderEvent(orderId, "order.placed", "PLACED", "order.placed.v1")))).isEmpty();

        List<Message> requests = shop.requestsFor(orderId);
        assertThat(requests).hasSize(1);
        EventSchemas.assertValid(requests.get(0).body());
        JsonNode body = Shop.JSON.valueToTree(parse(requests.get(0).body()));
        assertThat(body.at("/data/items/0/quantity").asInt()).isEqualTo(1);
        assertThat(body.path("data").has("shipping")).isFalse();
        assertThat(body.path("data").has("weightGrams")).isFalse();
    }

    @Test
    void a_requested_order_when_the_partner_accepts_ships_twice_and_delivers_then_it_is_delivered_with_tracking_and_captured_once() {
        String sku = shop.stockedSku(5);
        String orderId = requestedOrder(sku, 1);
        String accepted = update(orderId, "fulfilment.accepted", id(), "{}");
        String shipped = update(orderId, "fulfilment.shipped", id(), "{\"carrier\":\"DHL\",\"trackingNumber\":\"JD0146000062\"}");
        String delivered = update(orderId, "fulfilment.delivered", id(), "{}");

        assertThat(shop.deliverUpdates(List.of(accepted, shipped))).isEmpty();
        assertThat(shop.deliverUpdates(List.of(shipped))).as("a duplicate is acknowledged").isEmpty();
        assertThat(shop.deliverUpdates(List.of(delivered, delivered))).isEmpty();

        JsonNode order = shop.order(orderId);
        assertThat(order.path("status").asText()).isEqualTo("DELIVERED");
        assertThat(order.at("/fulfilment/carrier").asText()).isEqualTo("DHL");
        assertThat(order.at("/fulfilment/trackingNumber").asText()).isEqualTo("JD0146000062");
        assertThat(order.at("/payment/status").asText()).isEqualTo("CAPTURED");
        List<String> path = new ArrayList<>();
        order.path("history").forEach(h -> path.add(h.path("to").asText()));
        assertThat(path).containsExactly("PENDING_PAYMENT", "PLACED", "FULFILMENT_REQUESTED", "ACCEPTED", "SHIPPED", "DELIVERED");
        assertThat(shop.ledgerCalls("order:" + orderId + ":capture")).isEqualTo(1);
        assertThat(shop.ledgerCalls("order:" + orderId + ":void")).isZero();
        assertThat(shop.available(sku)).as("shipped stock stays sold").isEqualTo(4);
        assertThat(shop.ignoredUpdates(orderId)).isZero();
    }

    @Test
    void a_requested_order_when_the_partner_rejects_it_twice_then_the_stock_comes_back_and_the_authorization_is_voided_once() {
        String sku = shop.stockedSku(5);
        String orderId = requestedOrder(sku, 3);
        assertThat(shop.available(sku)).isEqualTo(2);
        String rejected = update(orderId, "fulfilment.rejected", id(), "{\"reason\":\"out of stock at the warehouse\"}");

        assertThat(shop.deliverUpdates(List.of(rejected))).isEmpty();
        assertThat(shop.deliverUpdates(List.of(rejected))).isEmpty();

        JsonNode order = shop.order(orderId);
        assertThat(order.path("status").asText()).isEqualTo("REJECTED");
        assertThat(order.at("/payment/status").asText()).isEqualTo("VOIDED");
        assertThat(shop.available(sku)).isEqualTo(5);
        assertThat(shop.ledgerCalls("order:" + orderId + ":void")).isEqualTo(1);
        assertThat(shop.ledgerCalls("order:" + orderId + ":capture")).isZero();
    }

    @Test
    void updates_that_do_not_fit_the_order_then_they_are_acknowledged_ignored_counted_and_answered() {
        String sku = shop.stockedSku(5);
        String orderId = requestedOrder(sku, 1);

        // Shipped before accepted.
        String early = id();
        assertThat(shop.deliverUpdates(List.of(update(orderId, "fulfilment.shipped", early, "{\"carrier\":\"UPS\",\"trackingNumber\":\"1Z999\"}")))).isEmpty();
        assertThat(shop.order(orderId).path("status").asText()).isEqualTo("FULFILMENT_REQUESTED");
        assertThat(shop.ledgerCalls("order:" + orderId + ":capture")).isZero();

        // Anything for a cancelled order; the partner is told to stop.
        assertThat(shop.cancel(orderId)).isEqualTo(202);
        assertThat(shop.deliverOrderEvents(List.of(orderEvent(orderId, "order.cancelled", "CANCELLED")))).isEmpty();
        String late = id();
        String lateUpdate = update(orderId, "fulfilment.accepted", late, "{}");
        assertThat(shop.deliverUpdates(List.of(lateUpdate))).isEmpty();
        assertThat(shop.deliverUpdates(List.of(lateUpdate))).as("a redelivery").isEmpty();

        JsonNode order = shop.order(orderId);
        assertThat(order.path("status").asText()).isEqualTo("CANCELLED");
        assertThat(shop.ignoredUpdates(orderId)).isEqualTo(3);
        List<String> types = shop.requestsFor(orderId).stream().map(m -> Shop.JSON.valueToTree(parse(m.body())).path("type").asText()).toList();
        assertThat(types).as("the redelivery's answer has the same id: deduplicated by the FIFO queue")
                .containsExactly("fulfilment.requested", "fulfilment.update_ignored", "fulfilment.cancel_requested", "fulfilment.update_ignored");
        shop.requestsFor(orderId).forEach(m -> EventSchemas.assertValid(m.body()));
        assertThat(answers(orderId)).extracting(a -> a.at("/data/updateEventId").asText(), a -> a.at("/data/reason").asText(),
                        a -> a.at("/data/status").asText(), a -> a.at("/data/updateType").asText())
                .containsExactly(tuple(early, "NOT_APPLICABLE", "FULFILMENT_REQUESTED", "fulfilment.shipped"),
                        tuple(late, "NOT_APPLICABLE", "CANCELLED", "fulfilment.accepted"));
        Message answer = shop.requestsFor(orderId).get(3);
        assertThat(answer.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID)).isEqualTo(orderId);
        assertThat(answer.attributes().get(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID))
                .isEqualTo(EventIds.of(late + ":fulfilment.update_ignored").toString());
    }

    /** The fulfilment.update_ignored answers on the requests queue for an order, in order. */
    List<JsonNode> answers(String orderId) {
        return shop.requestsFor(orderId).stream().map(m -> (JsonNode) Shop.JSON.valueToTree(parse(m.body())))
                .filter(m -> m.path("type").asText().equals("fulfilment.update_ignored")).toList();
    }

    @Test
    void a_delivered_order_when_delivered_comes_again_with_another_id_then_it_is_ignored() {
        String orderId = requestedOrder(shop.stockedSku(2), 1);
        assertThat(shop.deliverUpdates(List.of(update(orderId, "fulfilment.accepted", id(), "{}"),
                update(orderId, "fulfilment.shipped", id(), "{\"carrier\":\"DHL\",\"trackingNumber\":\"T1\"}"),
                update(orderId, "fulfilment.delivered", id(), "{}"),
                update(orderId, "fulfilment.delivered", id(), "{}")))).isEmpty();

        assertThat(shop.order(orderId).path("status").asText()).isEqualTo("DELIVERED");
        assertThat(shop.ignoredUpdates(orderId)).isEqualTo(1);
        assertThat(answers(orderId)).singleElement().satisfies(a -> assertThat(a.at("/data/status").asText()).isEqualTo("DELIVERED"));
    }

    @Test
    void a_batch_of_ten_with_one_poison_message_then_only_it_is_reported_failed_and_the_nine_others_apply() {
        String sku = shop.stockedSku(20);
        List<String> orders = new ArrayList<>();
        List<String> batch = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            String orderId = requestedOrder(sku, 1);
            orders.add(orderId);
            batch.add(update(orderId, "fulfilment.accepted", id(), "{}"));
        }
        String poison = id();
        batch.add(4, update(orders.get(0), "fulfilment.shipped", poison, "{\"carrier\":\"DHL\"}"));  // no trackingNumber: schema-invalid

        assertThat(shop.deliverUpdates(batch)).containsExactly("4");
        orders.forEach(o -> assertThat(shop.order(o).path("status").asText()).isEqualTo("ACCEPTED"));
        assertThat(answers(orders.get(0))).singleElement().satisfies(a -> {
            assertThat(a.at("/data/updateEventId").asText()).isEqualTo(poison);
            assertThat(a.at("/data/reason").asText()).isEqualTo("INVALID");
            assertThat(a.at("/data/detail").asText()).contains("trackingNumber");
        });

        String unknown = "0123456789abcdef0123456789abcdef";
        assertThat(shop.deliverUpdates(List.of("not json", update(orders.get(1), "fulfilment.requested", id(), "{}"),
                update(unknown, "fulfilment.accepted", id(), "{}"))))
                .as("unparseable, not a partner update, an unknown order").containsExactly("0", "1", "2");
        assertThat(answers(orders.get(1))).singleElement().satisfies(a -> assertThat(a.at("/data/reason").asText()).isEqualTo("INVALID"));
        assertThat(answers(unknown)).singleElement().satisfies(a -> {
            assertThat(a.at("/data/reason").asText()).isEqualTo("UNKNOWN_ORDER");
            assertThat(a.at("/data").has("status")).isFalse();
        });
        List.of(orders.get(0), orders.get(1), unknown).forEach(o -> shop.requestsFor(o).forEach(m -> EventSchemas.assertValid(m.body())));
    }

    @Test
    void a_shipment_whose_capture_was_cut_short_when_the_update_is_redelivered_then_the_capture_is_completed_with_the_same_key() {
        String orderId = requestedOrder(shop.stockedSku(2), 1);
        String shipped = update(orderId, "fulfilment.shipped", id(), "{\"carrier\":\"DHL\",\"trackingNumber\":\"T2\"}");
        assertThat(shop.deliverUpdates(List.of(update(orderId, "fulfilment.accepted", id(), "{}"), shipped))).isEmpty();
        // A crash after SHIPPED was written and before the processor answered leaves the capture owed.
        shop.owePayment(orderId, "capture");

        assertThat(shop.deliverUpdates(List.of(shipped))).isEmpty();
        assertThat(shop.deliverUpdates(List.of(shipped))).isEmpty();

        assertThat(shop.order(orderId).path("status").asText()).isEqualTo("SHIPPED");
        assertThat(shop.ledgerCalls("order:" + orderId + ":capture")).as("called again once, with the same key: money moves once").isEqualTo(2);
        assertThat(shop.paymentOwed(orderId)).isNull();
    }

    @Test
    void an_order_cancelled_before_fulfilment_when_its_order_placed_arrives_then_nothing_is_sent_and_it_stays_cancelled() {
        String sku = shop.stockedSku(2);
        String orderId = shop.placeOrder(sku, 2);
        assertThat(shop.cancel(orderId)).isEqualTo(202);

        assertThat(shop.deliverOrderEvents(List.of(orderEvent(orderId, "order.placed", "PLACED"),
                orderEvent(orderId, "order.cancelled", "CANCELLED")))).isEmpty();

        assertThat(shop.order(orderId).path("status").asText()).isEqualTo("CANCELLED");
        assertThat(shop.requestsFor(orderId)).isEmpty();
        assertThat(shop.available(sku)).isEqualTo(2);
    }

    @Test
    void a_cancellation_whose_void_the_processor_did_not_take_when_order_cancelled_arrives_then_it_is_retried_until_voided_once() {
        String sku = shop.stockedSku(3);
        // tok_voidProcessingError: the processor fails this authorization's first two voids, then takes them.
        String orderId = shop.placeOrder(sku, 1, "tok_voidProcessingError");
        String paid = shop.placeOrder(sku, 1);
        String voidKey = "order:" + orderId + ":void";
        assertThat(shop.cancel(orderId)).as("the cancellation stands").isEqualTo(202);
        assertThat(shop.cancel(paid)).isEqualTo(202);
        assertThat(shop.paymentOwed(orderId)).as("the void failed at cancel time").isEqualTo("void");
        assertThat(shop.ledgerCalls(voidKey)).isZero();
        String cancelled = orderEvent(orderId, "order.cancelled", "CANCELLED");

        assertThat(shop.deliverOrderEvents(List.of(cancelled, orderEvent(paid, "order.cancelled", "CANCELLED"))))
                .as("the processor still refuses: that message alone fails, to be redelivered").containsExactly("0");
        assertThat(shop.paymentOwed(orderId)).isEqualTo("void");
        assertThat(shop.ledgerCalls(voidKey)).isZero();
        assertThat(shop.ledgerCalls("order:" + paid + ":void")).as("nothing owed: no call").isEqualTo(1);

        assertThat(shop.deliverOrderEvents(List.of(cancelled))).as("the redelivery, the processor back").isEmpty();
        assertThat(shop.deliverOrderEvents(List.of(cancelled))).as("a duplicate").isEmpty();

        JsonNode order = shop.order(orderId);
        assertThat(order.path("status").asText()).isEqualTo("CANCELLED");
        assertThat(order.at("/payment/status").asText()).isEqualTo("VOIDED");
        assertThat(shop.paymentOwed(orderId)).isNull();
        assertThat(shop.ledgerCalls(voidKey)).as("voided once; the duplicate made no call").isEqualTo(1);
        assertThat(shop.available(sku)).isEqualTo(3);
    }

    private static Object parse(String json) {
        try {
            return Shop.JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
