package dev.storefront.checkout;

import com.fasterxml.jackson.databind.JsonNode;
import dev.storefront.domain.webhook.WebhookSignature;
import dev.storefront.payments.SandboxIssuer;
import dev.storefront.testsupport.FunctionHarness;
import dev.storefront.testsupport.HttpCall;
import dev.storefront.testsupport.HttpResult;
import dev.storefront.testsupport.TestStack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 3-D Secure: the order waits for the bank, holding its stock; the processor's signed webhook and
 * the shopper's confirm call settle it, whichever comes first, exactly once.
 */
class ThreeDSecureCheckoutTest {

    static Shop shop;
    static FunctionHarness sweeper;
    static SandboxIssuer bank;

    @BeforeAll
    static void start() {
        shop = new Shop();
        sweeper = FunctionHarness.start("ReservationSweeperFunction", Map.of("STOREFRONT_CHECKOUT_HOLD_MINUTES", "0"));
        TestStack stack = TestStack.shared();
        // The bank without its webhook sender: each test delivers the event itself, when it wants.
        bank = new SandboxIssuer(stack.emulators().dynamo(), stack.resources().tableName("SandboxPaymentsTable"),
                TestStack.PAYMENT_WEBHOOK_SECRET, null, Clock.systemUTC());
    }

    record Waiting(String orderId, String paymentId, String cartId, String sku) {
    }

    private static Waiting waitingOrder() {
        String sku = shop.stockedProduct(5, 1999)[0];
        String cartId = shop.cart(null, 2, sku);
        HttpResult answer = shop.checkout(cartId, null, UUID.randomUUID().toString(), "tok_threeDSecureRequired");
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        JsonNode payment = answer.json().path("payment");
        return new Waiting(answer.json().path("orderId").asText(), payment.path("paymentId").asText(), cartId, sku);
    }

    private static HttpResult webhook(String event, String signature) {
        HttpCall call = HttpCall.post("/webhooks/payments").json(event);
        return shop.checkout.http(signature == null ? call : call.header("Payment-Signature", signature));
    }

    private static HttpResult signed(String event) {
        return webhook(event, WebhookSignature.header(TestStack.PAYMENT_WEBHOOK_SECRET, Instant.now(), event));
    }

    private static JsonNode order(String orderId) {
        return shop.checkout.http(HttpCall.get("/orders/" + orderId)).json();
    }

    private static long moves(JsonNode order, String to) {
        return StreamSupport.stream(order.path("history").spliterator(), false).filter(h -> h.path("to").asText().equals(to)).count();
    }

    @Test
    void a_three_d_secure_checkout_holds_the_stock_and_answers_where_the_shopper_confirms() {
        Waiting w = waitingOrder();

        JsonNode order = order(w.orderId());
        assertThat(order.path("status").asText()).isEqualTo("PENDING_PAYMENT");
        assertThat(order.path("payment").path("status").asText()).isEqualTo("REQUIRES_ACTION");
        assertThat(order.path("payment").path("nextAction").path("type").asText()).isEqualTo("redirect");
        assertThat(order.path("payment").path("nextAction").path("url").asText()).endsWith("/" + w.paymentId());
        assertThat(Shop.stock(w.sku())).isEqualTo(3);
        assertThat(shop.cartOf(w.cartId(), null).path("status").asText()).isEqualTo("CHECKED_OUT");
    }

    @Test
    void a_missing_garbled_wrong_or_old_signature_is_401_and_changes_nothing() {
        Waiting w = waitingOrder();
        String event = bank.complete(w.paymentId(), true).orElseThrow().event();
        long t = Instant.now().getEpochSecond();

        List<HttpResult> refused = List.of(
                webhook(event, null),
                webhook(event, "v1=deadbeef"),
                webhook(event, "t=" + t + ",v1=" + "0".repeat(64)),
                webhook(event, WebhookSignature.header("another-secret-of-thirty-two-chars!", Instant.now(), event)),
                webhook(event, WebhookSignature.header(TestStack.PAYMENT_WEBHOOK_SECRET, Instant.now().minusSeconds(301), event)),
                webhook(event.replace("\"amount\":", "\"amount\":1"), WebhookSignature.header(TestStack.PAYMENT_WEBHOOK_SECRET, Instant.now(), event)));

        for (HttpResult answer : refused) {
            assertThat(answer.status()).as(answer.toString()).isEqualTo(401);
            assertThat(answer.header("content-type")).startsWith("application/problem+json");
            assertThat(answer.json().path("code").asText()).isEqualTo("WEBHOOK_SIGNATURE_INVALID");
        }
        assertThat(order(w.orderId()).path("status").asText()).isEqualTo("PENDING_PAYMENT");
        assertThat(Shop.stock(w.sku())).isEqualTo(3);
    }

    @Test
    void the_webhook_places_the_order_once_and_a_repeated_event_is_acknowledged_without_effect() {
        Waiting w = waitingOrder();
        String event = bank.complete(w.paymentId(), true).orElseThrow().event();

        HttpResult first = signed(event);
        HttpResult again = signed(event);

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.json().path("outcome").asText()).isEqualTo("APPLIED");
        assertThat(again.json().path("outcome").asText()).isEqualTo("DUPLICATE");
        JsonNode order = order(w.orderId());
        assertThat(order.path("status").asText()).isEqualTo("PLACED");
        assertThat(order.path("payment").path("status").asText()).isEqualTo("AUTHORIZED");
        assertThat(order.path("payment").has("nextAction")).isFalse();
        assertThat(moves(order, "PLACED")).isEqualTo(1);
        assertThat(Shop.stock(w.sku())).isEqualTo(3);
        assertThat(Shop.processorCalls("order:" + w.orderId() + ":authorize")).isEqualTo(1);
    }

    @Test
    void a_failed_authentication_gives_the_stock_back_and_reopens_the_cart() {
        Waiting w = waitingOrder();
        String event = bank.complete(w.paymentId(), false).orElseThrow().event();

        assertThat(signed(event).status()).isEqualTo(200);

        JsonNode order = order(w.orderId());
        assertThat(order.path("status").asText()).isEqualTo("PAYMENT_FAILED");
        assertThat(order.path("payment").path("declineCode").asText()).isEqualTo("authentication_failed");
        assertThat(Shop.stock(w.sku())).isEqualTo(5);
        assertThat(shop.cartOf(w.cartId(), null).path("status").asText()).isEqualTo("OPEN");
    }

    @Test
    void the_shopper_confirming_first_and_the_webhook_after_place_the_order_once() {
        Waiting w = waitingOrder();
        HttpResult early = shop.checkout.http(HttpCall.post("/orders/" + w.orderId() + "/payment/confirm"));
        assertThat(early.json().path("status").asText()).as("still with the bank").isEqualTo("PENDING_PAYMENT");
        String event = bank.complete(w.paymentId(), true).orElseThrow().event();

        HttpResult confirmed = shop.checkout.http(HttpCall.post("/orders/" + w.orderId() + "/payment/confirm"));
        HttpResult late = signed(event);

        assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(200);
        assertThat(confirmed.json().path("status").asText()).isEqualTo("PLACED");
        assertThat(late.status()).isEqualTo(200);
        assertThat(moves(order(w.orderId()), "PLACED")).isEqualTo(1);
    }

    @Test
    void the_webhook_first_and_the_shopper_after_place_the_order_once() {
        Waiting w = waitingOrder();
        String event = bank.complete(w.paymentId(), true).orElseThrow().event();

        signed(event);
        HttpResult confirmed = shop.checkout.http(HttpCall.post("/orders/" + w.orderId() + "/payment/confirm"));

        assertThat(confirmed.json().path("status").asText()).isEqualTo("PLACED");
        assertThat(moves(order(w.orderId()), "PLACED")).isEqualTo(1);
    }

    @Test
    void webhooks_and_confirm_calls_at_the_same_moment_place_the_order_once() throws Exception {
        Waiting w = waitingOrder();
        String event = bank.complete(w.paymentId(), true).orElseThrow().event();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<HttpResult>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            boolean viaWebhook = i % 2 == 0;
            calls.add(pool.submit(() -> {
                go.await();
                return viaWebhook ? signed(event) : shop.checkout.http(HttpCall.post("/orders/" + w.orderId() + "/payment/confirm"));
            }));
        }
        go.countDown();
        for (Future<HttpResult> call : calls) {
            assertThat(call.get().status()).as(call.get().toString()).isEqualTo(200);
        }
        pool.shutdown();

        JsonNode order = order(w.orderId());
        assertThat(order.path("status").asText()).isEqualTo("PLACED");
        assertThat(moves(order, "PLACED")).isEqualTo(1);
        assertThat(Shop.stock(w.sku())).isEqualTo(3);
    }

    @Test
    void a_webhook_that_arrives_before_checkout_has_answered_places_the_order_once() {
        String sku = shop.stockedProduct(5, 1999)[0];
        String cartId = shop.cart(null, 1, sku);
        String key = UUID.randomUUID().toString();
        WebhookFirstGateway.nextBankAnswer = true;

        HttpResult answer = shop.checkout(cartId, null, key, "tok_threeDSecureRequired");
        HttpResult replay = shop.checkout(cartId, null, key, "tok_threeDSecureRequired");

        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        assertThat(answer.json().path("status").asText()).isEqualTo("PLACED");
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replay.json().path("status").asText()).isEqualTo("PLACED");
        String orderId = answer.json().path("orderId").asText();
        assertThat(moves(order(orderId), "PLACED")).isEqualTo(1);
        assertThat(Shop.stock(sku)).isEqualTo(4);
    }

    @Test
    void an_event_about_a_payment_the_shop_does_not_know_is_acknowledged_and_ignored() {
        String event = """
                {"id":"evt_unknown_%s","type":"payment_intent.succeeded","created":1764669600,"data":{"object":{"id":"pi_not_ours",\
                "object":"payment_intent","status":"requires_capture","amount":100,"currency":"eur","metadata":{"orderId":"%s"}}}}"""
                .formatted(UUID.randomUUID().toString().replace("-", ""), UUID.randomUUID().toString().replace("-", ""));

        HttpResult answer = signed(event);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.json().path("outcome").asText()).isEqualTo("IGNORED");
    }

    @Test
    void the_sweeper_places_an_order_the_bank_authorized_when_no_webhook_or_shopper_came_back() {
        Waiting w = waitingOrder();
        bank.complete(w.paymentId(), true);  // its webhook is lost

        sweeper.invoke(OrdersTest.scheduledEvent(), "sweep-paid-3ds");

        JsonNode order = order(w.orderId());
        assertThat(order.path("status").asText()).isEqualTo("PLACED");
        assertThat(moves(order, "PLACED")).isEqualTo(1);
        assertThat(Shop.stock(w.sku())).isEqualTo(3);
    }

    @Test
    void a_payment_that_succeeds_after_its_order_expired_is_voided_at_once() {
        Waiting w = waitingOrder();
        sweeper.invoke(OrdersTest.scheduledEvent(), "sweep-3ds");
        assertThat(order(w.orderId()).path("status").asText()).isEqualTo("EXPIRED");
        assertThat(Shop.stock(w.sku())).isEqualTo(5);
        String event = bank.complete(w.paymentId(), true).orElseThrow().event();

        assertThat(signed(event).status()).isEqualTo(200);
        shop.checkout.http(HttpCall.post("/orders/" + w.orderId() + "/payment/confirm"));

        JsonNode order = order(w.orderId());
        assertThat(order.path("status").asText()).isEqualTo("EXPIRED");
        assertThat(order.path("payment").path("status").asText()).isEqualTo("VOIDED");
        assertThat(Shop.processorCalls("order:" + w.orderId() + ":void")).isEqualTo(1);
        assertThat(Shop.stock(w.sku())).isEqualTo(5);
    }
}
