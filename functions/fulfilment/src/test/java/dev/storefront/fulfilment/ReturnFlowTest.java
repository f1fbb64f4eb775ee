package dev.storefront.fulfilment;

import com.fasterxml.jackson.databind.JsonNode;
import dev.storefront.testsupport.EventSchemas;
import dev.storefront.testsupport.HttpResult;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.storefront.fulfilment.Shop.update;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Returns from the buyer's request (checkout's route) through the partner's messages (fulfilment's
 * handlers) to the refund and the stock, over real German orders with a discount in DynamoDB Local
 * and the real requests queue in ElasticMQ.
 */
class ReturnFlowTest {

    final Shop shop = Shop.get();

    /** Two T-shirts at 29.99 (19 % VAT inside) and a book at 24.90 (7 %), 10 % off, as checkout places them. */
    record German(String customer, String orderId, String shirt, String book) {
    }

    German deliveredOrder(String methodId, String paymentToken) {
        String customer = "ret-" + UUID.randomUUID().toString().substring(0, 8);
        String shirt = shop.stockedSku(10, 2999, "standard");
        String book = shop.stockedSku(10, 2490, "reduced");
        Map<String, Integer> lines = new LinkedHashMap<>();
        lines.put(shirt, 2);
        lines.put(book, 1);
        String orderId = shop.placeGermanOrder(customer, lines, shop.percentCode(10), methodId, paymentToken);
        shop.deliver(orderId, customer);
        return new German(customer, orderId, shirt, book);
    }

    /** The buyer's return, answered 201; the return as answered. */
    JsonNode returned(German order, String linesJson) {
        HttpResult answer = shop.requestReturn(order.orderId(), order.customer(), "{\"lines\":" + linesJson + "}");
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        return answer.json();
    }

    String received(German order, JsonNode returned, String eventId, String linesJson) {
        return update(order.orderId(), "return.received", eventId,
                "{\"returnId\":\"" + returned.path("returnId").asText() + "\",\"lines\":" + linesJson + "}");
    }

    @Test
    void one_line_of_a_discounted_german_order_comes_back_whole_and_refunds_its_price_less_its_discount_share_with_its_vat() {
        // GIVEN subtotal 84.88, 10 % off = 8.49 allocated by line totals: T-shirts 59.98 → 6.00, book 24.90 → 2.49;
        // the goods come to 76.39, so Standard ships free
        German order = deliveredOrder("standard", "tok_visa");
        assertThat(shop.order(order.orderId(), order.customer()).at("/total/amount").asLong()).isEqualTo(7639);

        // WHEN the buyer returns both T-shirts and the partner receives them in resale condition
        JsonNode returned = returned(order, "[{\"sku\":\"" + order.shirt() + "\",\"quantity\":2,\"reason\":\"too small\"}]");
        // THEN the estimate is 59.98 - 6.00 = 53.98, with 53.98 * 19 / 119 = 8.619 → 8.62 VAT in it
        assertThat(returned.at("/refundEstimate/amount").asLong()).isEqualTo(5398);
        assertThat(returned.path("status").asText()).isEqualTo("REQUESTED");
        assertThat(returned.path("rma").asText()).isEqualTo("RMA-" + order.orderId().substring(0, 8).toUpperCase() + "-1");

        // AND the partner is told, once, in the order's group, however often the event arrives
        String requested = Shop.returnRequested(order.orderId(), returned);
        assertThat(shop.deliverOrderEvents(List.of(requested, requested))).isEmpty();
        List<Message> toPartner = shop.requestsFor(order.orderId()).stream().filter(m -> m.body().contains("\"return.requested\"")).toList();
        assertThat(toPartner).hasSize(1);
        EventSchemas.assertValid(toPartner.get(0).body());
        assertThat(toPartner.get(0).attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID)).isEqualTo(order.orderId());

        long shirtsBefore = shop.available(order.shirt());
        String receipt = received(order, returned, UUID.randomUUID().toString(), "[{\"sku\":\"" + order.shirt() + "\",\"quantity\":2,\"condition\":\"RESELLABLE\"}]");
        assertThat(shop.deliverUpdates(List.of(receipt))).isEmpty();

        JsonNode after = shop.order(order.orderId(), order.customer());
        assertThat(after.at("/returns/0/status").asText()).isEqualTo("REFUNDED");
        assertThat(after.at("/refunds/0/amount/amount").asLong()).isEqualTo(5398);
        assertThat(after.at("/refunds/0/tax/amount").asLong()).isEqualTo(862);
        assertThat(after.at("/refunds/0/status").asText()).isEqualTo("SUCCEEDED");
        assertThat(after.at("/payment/refundedAmount/amount").asLong()).isEqualTo(5398);
        assertThat(shop.available(order.shirt())).isEqualTo(shirtsBefore + 2);
        assertThat(shop.ledgerCalls("refund:" + after.at("/refunds/0/refundId").asText())).isEqualTo(1);

        // AND a duplicated receipt has no second effect
        assertThat(shop.deliverUpdates(List.of(receipt))).isEmpty();
        JsonNode again = shop.order(order.orderId(), order.customer());
        assertThat(again.path("refunds")).hasSize(1);
        assertThat(shop.available(order.shirt())).isEqualTo(shirtsBefore + 2);
        assertThat(shop.ledgerCalls("refund:" + after.at("/refunds/0/refundId").asText())).isEqualTo(1);
    }

    @Test
    void the_whole_order_back_refunds_every_cent_shipping_too_and_only_resellable_units_go_back_into_stock() {
        // GIVEN the same order shipped Express (9.90, never free): total 76.39 + 9.90 = 86.29
        German order = deliveredOrder("express", "tok_visa");
        assertThat(shop.order(order.orderId(), order.customer()).at("/total/amount").asLong()).isEqualTo(8629);
        long shirts = shop.available(order.shirt());
        long books = shop.available(order.book());

        JsonNode returned = returned(order, "[{\"sku\":\"" + order.shirt() + "\",\"quantity\":2},{\"sku\":\"" + order.book() + "\",\"quantity\":1}]");
        assertThat(returned.at("/refundEstimate/amount").asLong()).as("every unit back: shipping too").isEqualTo(8629);

        // WHEN one T-shirt comes back damaged, the other and the book resellable
        assertThat(shop.deliverUpdates(List.of(received(order, returned, UUID.randomUUID().toString(), "["
                + "{\"sku\":\"" + order.shirt() + "\",\"quantity\":1,\"condition\":\"RESELLABLE\"},"
                + "{\"sku\":\"" + order.shirt() + "\",\"quantity\":1,\"condition\":\"DAMAGED\"},"
                + "{\"sku\":\"" + order.book() + "\",\"quantity\":1,\"condition\":\"RESELLABLE\"}]")))).isEmpty();

        // THEN everything charged is refunded and the damaged T-shirt stays out of stock
        JsonNode after = shop.order(order.orderId(), order.customer());
        assertThat(after.at("/refunds/0/amount/amount").asLong()).isEqualTo(8629);
        assertThat(after.at("/payment/refundedAmount/amount").asLong()).isEqualTo(after.at("/total/amount").asLong());
        assertThat(after.at("/refunds/0/tax/amount").asLong()).isEqualTo(after.at("/tax/amount/amount").asLong());
        assertThat(shop.available(order.shirt())).isEqualTo(shirts + 1);
        assertThat(shop.available(order.book())).isEqualTo(books + 1);
        // AND nothing more can be returned
        assertProblem(shop.requestReturn(order.orderId(), order.customer(), "{\"lines\":[{\"sku\":\"" + order.book() + "\",\"quantity\":1}]}"),
                422, "RETURN_QUANTITY_EXCEEDED");
    }

    @Test
    void a_refund_the_processor_keeps_refusing_is_retried_then_recorded_failed_and_its_amount_is_free_again() {
        German order = deliveredOrder("standard", "tok_refundFails");
        JsonNode returned = returned(order, "[{\"sku\":\"" + order.book() + "\",\"quantity\":1}]");

        assertThat(shop.deliverUpdates(List.of(received(order, returned, UUID.randomUUID().toString(),
                "[{\"sku\":\"" + order.book() + "\",\"quantity\":1,\"condition\":\"DAMAGED\"}]")))).as("acknowledged, not lost in a DLQ").isEmpty();

        JsonNode after = shop.order(order.orderId(), order.customer());
        JsonNode refund = after.at("/refunds/0");
        assertThat(refund.path("status").asText()).isEqualTo("FAILED");
        assertThat(refund.path("failure").asText()).contains("processing_error");
        // 24.90 - 2.49 = 22.41
        assertThat(refund.at("/amount/amount").asLong()).isEqualTo(2241);
        assertThat(after.at("/returns/0/status").asText()).as("received, not refunded").isEqualTo("RECEIVED");
        assertThat(after.at("/payment/refundedAmount/amount").asLong()).isZero();
        assertThat(shop.ledgerFailedCalls("outage:refund:" + refund.path("refundId").asText())).as("retried").isEqualTo(3);
    }

    @Test
    void returns_are_refused_before_delivery_after_the_window_above_the_units_for_unknown_skus_and_for_other_customers() {
        German order = deliveredOrder("standard", "tok_visa");
        String shirt = "[{\"sku\":\"" + order.shirt() + "\",\"quantity\":1}]";

        assertProblem(shop.requestReturn(order.orderId(), order.customer(), "{\"lines\":[{\"sku\":\"" + order.shirt() + "\",\"quantity\":3}]}"),
                422, "RETURN_QUANTITY_EXCEEDED");
        assertProblem(shop.requestReturn(order.orderId(), order.customer(), "{\"lines\":[{\"sku\":\"NOT-BOUGHT-1\",\"quantity\":1}]}"), 422, "SKU_NOT_IN_ORDER");
        assertProblem(shop.requestReturn(order.orderId(), "mallory", "{\"lines\":" + shirt + "}"), 404, "NOT_FOUND");
        assertProblem(shop.requestReturn(order.orderId(), null, "{\"lines\":" + shirt + "}"), 404, "NOT_FOUND");
        assertProblem(shop.requestReturn(order.orderId(), order.customer(), "{\"lines\":[{\"sku\":\"" + order.shirt() + "\",\"quantity\":0}]}"),
                400, "VALIDATION_FAILED");
        assertProblem(shop.requestReturn(order.orderId(), order.customer(), "{\"lines\":" + shirt + ",\"refund\":100}"), 400, "VALIDATION_FAILED");
        assertThat(shop.order(order.orderId(), order.customer()).path("returns")).as("nothing recorded").isEmpty();

        shop.deliveredDaysAgo(order.orderId(), order.customer(), 31);
        assertProblem(shop.requestReturn(order.orderId(), order.customer(), "{\"lines\":" + shirt + "}"), 422, "RETURN_WINDOW_CLOSED");

        String placed = shop.placeGermanOrder(order.customer(), Map.of(order.shirt(), 1), null, "standard", "tok_visa");
        assertProblem(shop.requestReturn(placed, order.customer(), "{\"lines\":" + shirt + "}"), 409, "ORDER_NOT_RETURNABLE");
    }

    @Test
    void a_stale_receipt_for_a_return_already_received_or_with_more_units_than_asked_changes_nothing_and_is_answered() {
        German order = deliveredOrder("standard", "tok_visa");
        JsonNode returned = returned(order, "[{\"sku\":\"" + order.book() + "\",\"quantity\":1}]");
        String tooMany = received(order, returned, UUID.randomUUID().toString(), "[{\"sku\":\"" + order.book() + "\",\"quantity\":2,\"condition\":\"RESELLABLE\"}]");
        long books = shop.available(order.book());

        assertThat(shop.deliverUpdates(List.of(tooMany))).isEmpty();
        assertThat(shop.order(order.orderId(), order.customer()).at("/returns/0/status").asText()).isEqualTo("REQUESTED");

        assertThat(shop.deliverUpdates(List.of(received(order, returned, UUID.randomUUID().toString(),
                "[{\"sku\":\"" + order.book() + "\",\"quantity\":1,\"condition\":\"RESELLABLE\"}]")))).isEmpty();
        String stale = received(order, returned, UUID.randomUUID().toString(), "[{\"sku\":\"" + order.book() + "\",\"quantity\":1,\"condition\":\"RESELLABLE\"}]");
        assertThat(shop.deliverUpdates(List.of(stale))).isEmpty();

        JsonNode after = shop.order(order.orderId(), order.customer());
        assertThat(after.path("refunds")).hasSize(1);
        assertThat(shop.available(order.book())).isEqualTo(books + 1);
        assertThat(shop.requestsFor(order.orderId()).stream().filter(m -> m.body().contains("fulfilment.update_ignored")).count())
                .as("the too-many and the stale receipt answered").isEqualTo(2);
        assertThat(shop.ignoredUpdates(order.orderId())).isEqualTo(2);
    }

    static void assertProblem(HttpResult result, int status, String code) {
        assertThat(result.status()).as(result.toString()).isEqualTo(status);
        assertThat(result.json().path("code").asText()).as(result.toString()).isEqualTo(code);
    }
}
