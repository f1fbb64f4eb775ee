package dev.storefront.fulfilment;

import com.fasterxml.jackson.databind.JsonNode;
import dev.storefront.testsupport.HttpCall;
import dev.storefront.testsupport.HttpResult;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import static dev.storefront.fulfilment.ReturnFlowTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** Admins' refunds (checkout's admin route) on orders delivered through fulfilment, so their payment is captured. */
class AdminRefundTest {

    final Shop shop = Shop.get();

    /** A delivered German order of 3 x 25.00 (75.00, Standard ships free), paid with the token. */
    String deliveredOrder(String customer, String paymentToken) {
        String sku = shop.stockedSku(10, 2500, "standard");
        String orderId = shop.placeGermanOrder(customer, Map.of(sku, 3), null, "standard", paymentToken);
        shop.deliver(orderId, customer);
        return orderId;
    }

    HttpResult refund(String orderId, String key, String body) {
        HttpCall call = HttpCall.post("/admin/orders/" + orderId + "/refunds").as("ops", "admin").json(body);
        return shop.checkout.http(key == null ? call : call.header("Idempotency-Key", key));
    }

    @Test
    void ten_concurrent_refunds_of_30_00_on_a_75_00_order_refund_two_and_refuse_the_rest_so_the_sum_never_exceeds_the_capture() {
        String customer = "refund-" + UUID.randomUUID().toString().substring(0, 8);
        String orderId = deliveredOrder(customer, "tok_visa");

        ExecutorService pool = Executors.newFixedThreadPool(10);
        List<HttpResult> answers;
        try {
            answers = IntStream.range(0, 10).mapToObj(i -> CompletableFuture.supplyAsync(() ->
                    refund(orderId, UUID.randomUUID().toString(), "{\"amount\":3000,\"reason\":\"goodwill\"}"), pool)).toList()
                    .stream().map(CompletableFuture::join).toList();
        } finally {
            pool.shutdown();
        }

        assertThat(answers.stream().filter(a -> a.status() == 201)).hasSize(2);
        assertThat(answers.stream().filter(a -> a.status() != 201)).hasSize(8)
                .allSatisfy(a -> assertProblem(a, 422, "REFUND_EXCEEDS_CAPTURED"));
        JsonNode order = shop.order(orderId, customer);
        assertThat(order.path("refunds")).hasSize(2).allSatisfy(r -> assertThat(r.path("status").asText()).isEqualTo("SUCCEEDED"));
        assertThat(order.at("/payment/refundedAmount/amount").asLong()).isEqualTo(6000).isLessThanOrEqualTo(order.at("/total/amount").asLong());
        order.path("refunds").forEach(r -> assertThat(shop.ledgerCalls("refund:" + r.path("refundId").asText())).isEqualTo(1));
    }

    @Test
    void the_same_key_and_body_replay_the_refund_another_body_is_refused_and_no_key_is_a_400() {
        String customer = "refund-" + UUID.randomUUID().toString().substring(0, 8);
        String orderId = deliveredOrder(customer, "tok_visa");
        String key = UUID.randomUUID().toString();

        HttpResult first = refund(orderId, key, "{\"amount\":1500,\"reason\":\"late\"}");
        HttpResult again = refund(orderId, key, "{\"amount\":1500,\"reason\":\"late\"}");

        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(first.json().at("/amount/amount").asLong()).isEqualTo(1500);
        // 15.00 of 75.00 with 11.97 VAT in it: 2.39 of it is tax
        assertThat(first.json().at("/tax/amount").asLong()).isEqualTo(239);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.body()).isEqualTo(first.body());
        assertProblem(refund(orderId, key, "{\"amount\":1600,\"reason\":\"late\"}"), 422, "IDEMPOTENCY_KEY_REUSED");
        assertProblem(refund(orderId, null, "{\"amount\":100,\"reason\":\"late\"}"), 400, "VALIDATION_FAILED");
        assertProblem(refund(orderId, UUID.randomUUID().toString(), "{\"amount\":0,\"reason\":\"late\"}"), 400, "VALIDATION_FAILED");
        assertProblem(refund(orderId, UUID.randomUUID().toString(), "{\"amount\":100}"), 400, "VALIDATION_FAILED");
        assertProblem(refund("0".repeat(32), UUID.randomUUID().toString(), "{\"amount\":100,\"reason\":\"x\"}"), 404, "NOT_FOUND");
        assertProblem(shop.checkout.http(HttpCall.post("/admin/orders/" + orderId + "/refunds").as(customer)
                .header("Idempotency-Key", UUID.randomUUID().toString()).json("{\"amount\":100,\"reason\":\"x\"}")), 403, "FORBIDDEN");
        assertThat(shop.order(orderId, customer).path("refunds")).hasSize(1);
        assertThat(shop.order(orderId, customer).at("/payment/refundedAmount/amount").asLong()).isEqualTo(1500);
    }

    @Test
    void a_refund_the_processor_refuses_is_answered_failed_after_its_retries_and_the_amount_can_be_refunded_again() {
        String customer = "refund-" + UUID.randomUUID().toString().substring(0, 8);
        String orderId = deliveredOrder(customer, "tok_refundFails");

        HttpResult failed = refund(orderId, UUID.randomUUID().toString(), "{\"amount\":7500,\"reason\":\"lost parcel\"}");

        assertThat(failed.status()).as(failed.toString()).isEqualTo(201);
        assertThat(failed.json().path("status").asText()).isEqualTo("FAILED");
        assertThat(shop.ledgerFailedCalls("outage:refund:" + failed.json().path("refundId").asText())).isEqualTo(3);
        JsonNode order = shop.order(orderId, customer);
        assertThat(order.at("/payment/refundedAmount/amount").asLong()).isZero();
        // The failed refund holds nothing: the whole amount may be tried again.
        assertThat(refund(orderId, UUID.randomUUID().toString(), "{\"amount\":7500,\"reason\":\"lost parcel\"}").json().path("status").asText())
                .isEqualTo("FAILED");
    }
}
