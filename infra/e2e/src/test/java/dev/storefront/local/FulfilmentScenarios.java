package dev.storefront.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.storefront.testsupport.EventSchemas;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Fulfilment through the running system: a checkout over HTTP, the runtime's pollers carrying the
 * order's events (Orders stream → relay → order-events → fulfilment), and the test acting as the
 * partner with a real SQS client on fulfilment-requests.fifo and fulfilment-updates.fifo.
 */
abstract class FulfilmentScenarios {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration PATIENCE = Duration.ofSeconds(60);
    /** Requests the partner (this test) has read, by order: other tests' orders are requested too. */
    static final Map<String, List<JsonNode>> REQUESTS = new ConcurrentHashMap<>();

    abstract LocalRuntime runtime();

    LocalRuntime runtime;
    ApiClient api;
    String alice;

    @BeforeEach
    void connect() {
        runtime = runtime();
        api = new ApiClient(runtime.baseUrl());
        alice = runtime.token("alice-" + UUID.randomUUID());
    }

    String stockedSku(int available) {
        String admin = runtime.token("ops", "admin");
        String id = "ful-" + UUID.randomUUID().toString().substring(0, 8);
        String sku = id.toUpperCase();
        assertThat(api.put("/admin/products/" + id, """
                {"name":"Parcel %s","category":"e2e","variants":[{"sku":"%s","price":{"amount":1900,"currency":"EUR"}}]}""".formatted(id, sku), admin).status()).isEqualTo(201);
        assertThat(api.put("/admin/inventory/" + sku, "{\"available\":" + available + "}", admin).status()).isEqualTo(200);
        return sku;
    }

    long available(String sku) {
        return api.get("/products/" + sku.toLowerCase()).json().at("/variants/0/available").asLong();
    }

    String checkout(String sku, int quantity) {
        String cartId = api.send("POST", "/carts", null, alice).json().path("cartId").asText();
        assertThat(api.send("POST", "/carts/" + cartId + "/items", "{\"sku\":\"" + sku + "\",\"quantity\":" + quantity + "}", alice).status()).isEqualTo(200);
        ApiClient.Response placed = api.send("POST", "/carts/" + cartId + "/checkout", CheckoutScenarios.BODY.formatted("tok_visa"), alice,
                "idempotency-key", UUID.randomUUID().toString());
        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        return placed.json().path("orderId").asText();
    }

    JsonNode order(String orderId) {
        return api.send("GET", "/orders/" + orderId, null, alice).json();
    }

    /** The partner's side: reads fulfilment-requests.fifo until the order's request of that type arrived; deletes what it read. */
    JsonNode awaitRequest(String orderId, String type) {
        return awaitRequest(runtime, orderId, type);
    }

    static JsonNode awaitRequest(LocalRuntime runtime, String orderId, String type) {
        String url = runtime.resources().queueUrl("FulfilmentRequestsQueue");
        await().atMost(PATIENCE).until(() -> {
            for (Message message : runtime.sqs().receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1)
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages()) {
                EventSchemas.assertValid(message.body());
                JsonNode request = JSON.readTree(message.body());
                assertThat(message.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID)).isEqualTo(request.path("orderId").asText());
                REQUESTS.computeIfAbsent(request.path("orderId").asText(), o -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(request);
                runtime.sqs().deleteMessage(r -> r.queueUrl(url).receiptHandle(message.receiptHandle()));
            }
            return REQUESTS.getOrDefault(orderId, List.of()).stream().anyMatch(r -> r.path("type").asText().equals(type));
        });
        return REQUESTS.get(orderId).stream().filter(r -> r.path("type").asText().equals(type)).findFirst().orElseThrow();
    }

    static String update(String orderId, String type, String eventId, String dataJson) {
        try {
            ObjectNode update = JSON.createObjectNode();
            update.put("eventId", eventId).put("type", type).put("version", 1).put("occurredAt", Instant.now().toString()).put("orderId", orderId);
            update.set("data", JSON.readTree(dataJson));
            return update.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The partner sends an update: group = the order, deduplication id fresh (a partner's retry with a new one). */
    void send(String orderId, String body) {
        String url = runtime.resources().queueUrl("FulfilmentUpdatesQueue");
        runtime.sqs().sendMessage(r -> r.queueUrl(url).messageBody(body).messageGroupId(orderId)
                .messageDeduplicationId(UUID.randomUUID().toString()));
    }

    long ledgerCalls(String key) {
        Map<String, AttributeValue> item = runtime.dynamo().getItem(r -> r.tableName(runtime.resources().tableName("SandboxPaymentsTable"))
                .key(Map.of("idempotencyKey", AttributeValue.fromS(key)))).item();
        return item == null || item.isEmpty() ? 0 : Long.parseLong(item.get("calls").n());
    }

    long ignoredUpdates(String orderId) {
        Map<String, AttributeValue> item = runtime.dynamo().getItem(r -> r.tableName(runtime.resources().tableName("OrdersTable"))
                .key(Map.of("orderId", AttributeValue.fromS(orderId)))).item();
        return item.containsKey("ignoredUpdates") ? Long.parseLong(item.get("ignoredUpdates").n()) : 0;
    }

    void awaitStatus(String orderId, String status) {
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(order(orderId).path("status").asText()).isEqualTo(status));
    }

    static String id() {
        return UUID.randomUUID().toString();
    }

    @Test
    void a_three_d_secure_checkout_is_placed_by_the_banks_webhook_once_and_reaches_the_partner() {
        String sku = stockedSku(3);
        String cartId = api.send("POST", "/carts", null, alice).json().path("cartId").asText();
        api.send("POST", "/carts/" + cartId + "/items", "{\"sku\":\"" + sku + "\",\"quantity\":1}", alice);
        ApiClient.Response answer = api.send("POST", "/carts/" + cartId + "/checkout", CheckoutScenarios.BODY.formatted("tok_threeDSecureRequired"),
                alice, "idempotency-key", UUID.randomUUID().toString());
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        String orderId = answer.json().path("orderId").asText();
        JsonNode payment = answer.json().path("payment");
        assertThat(answer.json().path("status").asText()).isEqualTo("PENDING_PAYMENT");
        assertThat(payment.path("status").asText()).isEqualTo("REQUIRES_ACTION");
        String paymentId = payment.path("paymentId").asText();
        assertThat(payment.at("/nextAction/url").asText()).isEqualTo(runtime.baseUrl() + "/local/payments/" + paymentId);
        assertThat(available(sku)).isEqualTo(2);

        // The shopper passes 3-D Secure on the issuer's page; the sandbox's webhook (sent later, twice) places the order.
        ApiClient.Response completed = api.send("POST", "/local/payments/" + paymentId + "/complete", "{\"outcome\":\"succeed\"}", null);
        assertThat(completed.status()).as(completed.body()).isEqualTo(200);
        JsonNode request = awaitRequest(orderId, "fulfilment.requested");
        assertThat(request.at("/data/items/0/sku").asText()).isEqualTo(sku);
        // The shopper comes back after the webhook: the same order, placed once.
        ApiClient.Response confirmed = api.send("POST", "/orders/" + orderId + "/payment/confirm", null, alice);
        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
        // The duplicate delivery is acknowledged as one: wait until it was, then count.
        await().atMost(PATIENCE).until(() -> eventRepeats("evt_" + paymentId.substring(3) + "_succeeded") >= 1);

        JsonNode order = order(orderId);
        assertThat(order.at("/payment/status").asText()).isEqualTo("AUTHORIZED");
        List<String> path = new ArrayList<>();
        order.path("history").forEach(h -> path.add(h.path("to").asText()));
        assertThat(path).containsExactly("PENDING_PAYMENT", "PLACED", "FULFILMENT_REQUESTED");
        assertThat(REQUESTS.get(orderId).stream().filter(r -> r.path("type").asText().equals("fulfilment.requested"))).hasSize(1);
        assertThat(ledgerCalls("order:" + orderId + ":authorize")).isEqualTo(1);
        assertThat(available(sku)).isEqualTo(2);
    }

    @Test
    void an_outbound_webhook_whose_receiver_fails_twice_gets_three_logged_attempts_and_one_success() throws Exception {
        String admin = runtime.token("ops", "admin");
        String webhookId = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
        String sku = stockedSku(2);
        java.util.Set<String> ours = ConcurrentHashMap.newKeySet();
        List<Integer> answers = new java.util.concurrent.CopyOnWriteArrayList<>();
        com.sun.net.httpserver.HttpServer receiver = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 8);
        receiver.createContext("/hook", exchange -> {
            JsonNode event = JSON.readTree(exchange.getRequestBody().readAllBytes());
            // Other tests' orders are placed meanwhile: only this test's order meets the failing receiver.
            int status = 200;
            if (ours.contains(event.path("orderId").asText())) {
                status = answers.size() < 2 ? 500 : 200;
                answers.add(status);
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
        try {
            ApiClient.Response created = api.put("/admin/webhooks/" + webhookId, "{\"url\":\"http://127.0.0.1:" + receiver.getAddress().getPort()
                    + "/hook\",\"events\":[\"order.placed\"]}", admin);
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            assertThat(created.json().path("secret").asText()).startsWith("whsec_");
            String cartId = api.send("POST", "/carts", null, alice).json().path("cartId").asText();
            api.send("POST", "/carts/" + cartId + "/items", "{\"sku\":\"" + sku + "\",\"quantity\":1}", alice);
            ApiClient.Response placed = api.send("POST", "/carts/" + cartId + "/checkout", CheckoutScenarios.BODY.formatted("tok_visa"), alice,
                    "idempotency-key", UUID.randomUUID().toString());
            ours.add(placed.json().path("orderId").asText());

            await().atMost(PATIENCE).until(() -> answers.contains(200));
            List<JsonNode> attempts = new ArrayList<>();
            await().atMost(PATIENCE).untilAsserted(() -> {
                attempts.clear();
                api.send("GET", "/admin/webhooks/" + webhookId + "/deliveries?limit=100", null, admin).json().path("items").forEach(attempts::add);
                assertThat(attempts.stream().filter(a -> a.path("outcome").asText().equals("SUCCEEDED")).count()).isGreaterThanOrEqualTo(1);
            });
            assertThat(answers).containsExactly(500, 500, 200);
            String eventId = attempts.stream().filter(a -> a.path("responseCode").asInt() == 500).findFirst().orElseThrow().path("eventId").asText();
            assertThat(attempts.stream().filter(a -> a.path("eventId").asText().equals(eventId)))
                    .extracting(a -> a.path("attempt").asInt() + ":" + a.path("responseCode").asInt())
                    .containsExactly("3:200", "2:500", "1:500");
        } finally {
            api.put("/admin/webhooks/" + webhookId, "{\"url\":\"http://127.0.0.1:9/off\",\"events\":[\"order.placed\"],\"active\":false}", admin);
            receiver.stop(0);
        }
    }

    /** How often the checkout function received a payment event it had handled already (noted beside the Idempotency-Keys). */
    long eventRepeats(String eventId) {
        Map<String, AttributeValue> item = runtime.dynamo().getItem(r -> r.tableName(runtime.resources().tableName("IdempotencyTable"))
                .key(Map.of("key", AttributeValue.fromS("payment-event:" + eventId)))).item();
        return item == null || !item.containsKey("repeats") ? 0 : Long.parseLong(item.get("repeats").n());
    }

    @Test
    void a_checkout_is_requested_accepted_shipped_and_delivered_with_tracking_and_one_capture_despite_a_duplicate() {
        String sku = stockedSku(4);
        String orderId = checkout(sku, 2);

        JsonNode request = awaitRequest(orderId, "fulfilment.requested");
        assertThat(request.at("/data/items/0/sku").asText()).isEqualTo(sku);
        assertThat(request.at("/data/items/0/quantity").asInt()).isEqualTo(2);
        assertThat(request.at("/data/shippingAddress/postalCode").asText()).isEqualTo("SW1Y 4JH");
        awaitStatus(orderId, "FULFILMENT_REQUESTED");

        String shipped = update(orderId, "fulfilment.shipped", id(), "{\"carrier\":\"DHL\",\"trackingNumber\":\"JD014600006281234567\"}");
        send(orderId, update(orderId, "fulfilment.accepted", id(), "{}"));
        send(orderId, shipped);
        send(orderId, shipped);  // the partner's retry: same eventId, new deduplication id
        send(orderId, update(orderId, "fulfilment.delivered", id(), "{}"));

        awaitStatus(orderId, "DELIVERED");
        JsonNode order = order(orderId);
        assertThat(order.at("/fulfilment/carrier").asText()).isEqualTo("DHL");
        assertThat(order.at("/fulfilment/trackingNumber").asText()).isEqualTo("JD014600006281234567");
        assertThat(order.at("/payment/status").asText()).isEqualTo("CAPTURED");
        List<String> path = new ArrayList<>();
        order.path("history").forEach(h -> path.add(h.path("to").asText()));
        assertThat(path).containsExactly("PENDING_PAYMENT", "PLACED", "FULFILMENT_REQUESTED", "ACCEPTED", "SHIPPED", "DELIVERED");
        assertThat(order.path("history")).allSatisfy(h -> assertThat(h.path("eventId").asText()).isNotBlank());
        assertThat(ledgerCalls("order:" + orderId + ":capture")).isEqualTo(1);
        assertThat(available(sku)).isEqualTo(2);
    }

    @Test
    void a_delivered_order_is_returned_the_partner_receives_it_over_the_real_queues_and_the_money_and_resellable_stock_come_back_once() {
        // GIVEN 2 x 19.00 to GB (VAT inside, Tracked shipping charged), delivered through the partner's updates
        String sku = stockedSku(5);
        String orderId = checkout(sku, 2);
        awaitRequest(orderId, "fulfilment.requested");
        awaitStatus(orderId, "FULFILMENT_REQUESTED");
        send(orderId, update(orderId, "fulfilment.accepted", id(), "{}"));
        send(orderId, update(orderId, "fulfilment.shipped", id(), "{\"carrier\":\"DHL\",\"trackingNumber\":\"JD014600006281234567\"}"));
        send(orderId, update(orderId, "fulfilment.delivered", id(), "{}"));
        awaitStatus(orderId, "DELIVERED");

        // WHEN the buyer returns both units
        ApiClient.Response returned = api.send("POST", "/orders/" + orderId + "/returns",
                "{\"lines\":[{\"sku\":\"" + sku + "\",\"quantity\":2,\"reason\":\"wrong size\"}]}", alice);
        assertThat(returned.status()).as(returned.body()).isEqualTo(201);
        long total = order(orderId).at("/total/amount").asLong();
        assertThat(returned.json().at("/refundEstimate/amount").asLong()).as("every unit back: the shipping too").isEqualTo(total);

        // THEN the partner is asked to expect them, in the order's group
        JsonNode asked = awaitRequest(orderId, "return.requested");
        assertThat(asked.at("/data/returnId").asText()).isEqualTo(returned.json().path("returnId").asText());
        assertThat(asked.at("/data/rma").asText()).isEqualTo(returned.json().path("rma").asText());

        // WHEN the partner receives one resellable and one damaged unit, and sends the receipt twice
        String receipt = update(orderId, "return.received", id(), "{\"returnId\":\"" + asked.at("/data/returnId").asText() + "\",\"lines\":["
                + "{\"sku\":\"" + sku + "\",\"quantity\":1,\"condition\":\"RESELLABLE\"},{\"sku\":\"" + sku + "\",\"quantity\":1,\"condition\":\"DAMAGED\"}]}");
        send(orderId, receipt);
        send(orderId, receipt);

        // THEN everything is refunded once and only the resellable unit is back on sale
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(order(orderId).at("/returns/0/status").asText()).isEqualTo("REFUNDED"));
        JsonNode order = order(orderId);
        assertThat(order.path("refunds")).hasSize(1);
        assertThat(order.at("/refunds/0/amount/amount").asLong()).isEqualTo(total);
        assertThat(order.at("/payment/refundedAmount/amount").asLong()).isEqualTo(total);
        assertThat(ledgerCalls("refund:" + order.at("/refunds/0/refundId").asText())).as("one refund, the duplicate receipt made none").isEqualTo(1);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(ledgerCalls("order:" + orderId + ":capture")).isEqualTo(1));
        assertThat(available(sku)).isEqualTo(4);
        assertThat(api.send("POST", "/orders/" + orderId + "/returns", "{\"lines\":[{\"sku\":\"" + sku + "\",\"quantity\":1}]}", alice).json()
                .path("code").asText()).isEqualTo("RETURN_QUANTITY_EXCEEDED");
    }

    @Test
    void a_rejection_gives_the_stock_back_and_voids_the_authorization_once() {
        String sku = stockedSku(3);
        String orderId = checkout(sku, 3);
        awaitRequest(orderId, "fulfilment.requested");
        assertThat(available(sku)).isZero();
        String rejected = update(orderId, "fulfilment.rejected", id(), "{\"reason\":\"warehouse flooded\"}");

        send(orderId, rejected);
        send(orderId, rejected);

        awaitStatus(orderId, "REJECTED");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(available(sku)).isEqualTo(3));
        assertThat(order(orderId).at("/payment/status").asText()).isEqualTo("VOIDED");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(ledgerCalls("order:" + orderId + ":void")).isEqualTo(1));
        assertThat(ledgerCalls("order:" + orderId + ":capture")).isZero();
    }

    @Test
    void shipped_before_accepted_is_acknowledged_and_ignored() {
        String orderId = checkout(stockedSku(1), 1);
        awaitRequest(orderId, "fulfilment.requested");

        send(orderId, update(orderId, "fulfilment.shipped", id(), "{\"carrier\":\"UPS\",\"trackingNumber\":\"1Z999AA10123456784\"}"));
        send(orderId, update(orderId, "fulfilment.accepted", id(), "{}"));

        awaitStatus(orderId, "ACCEPTED");
        assertThat(ignoredUpdates(orderId)).isEqualTo(1);
        assertThat(ledgerCalls("order:" + orderId + ":capture")).isZero();
        assertThat(order(orderId).at("/fulfilment/trackingNumber").isNull() || order(orderId).at("/fulfilment/trackingNumber").isMissingNode()).isTrue();
    }

    @Test
    void a_poison_update_ends_in_the_dead_letter_queue_while_its_nine_neighbours_apply() {
        String updates = runtime.resources().queueUrl("FulfilmentUpdatesQueue");
        String dlq = runtime.resources().queueUrl("FulfilmentUpdatesDLQ");
        // Operator's shortcut: a 1 s visibility timeout makes the five receives take seconds, not 5 x 60 s. Set
        // before the orders are placed: SQS may take up to 60 s to apply it, and moto keeps the old timeout for
        // a long poll that was under way (the runtime's poller is always in one), so the first receive may
        // still hide the poison for 60 s: hence the longer patience for the dead-letter queue.
        runtime.sqs().setQueueAttributes(r -> r.queueUrl(updates).attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "1")));
        try {
            String sku = stockedSku(9);
            List<String> orders = new ArrayList<>();
            for (int i = 0; i < 9; i++) {
                String orderId = checkout(sku, 1);
                orders.add(orderId);
            }
            orders.forEach(o -> awaitRequest(o, "fulfilment.requested"));
            orders.forEach(o -> awaitStatus(o, "FULFILMENT_REQUESTED"));
            List<SendMessageBatchRequestEntry> batch = new ArrayList<>();
            for (int i = 0; i < 9; i++) {
                String orderId = orders.get(i);
                batch.add(SendMessageBatchRequestEntry.builder().id("u" + i).messageGroupId(orderId).messageDeduplicationId(id())
                        .messageBody(update(orderId, "fulfilment.accepted", id(), "{}")).build());
            }
            String poisonGroup = "poison-" + id();
            batch.add(4, SendMessageBatchRequestEntry.builder().id("poison").messageGroupId(poisonGroup).messageDeduplicationId(id())
                    .messageBody("{\"type\":\"fulfilment.shipped\",\"orderId\":\"" + orders.get(0) + "\",\"data\":").build());
            assertThat(runtime.sqs().sendMessageBatch(r -> r.queueUrl(updates).entries(batch)).failed()).isEmpty();

            orders.forEach(o -> awaitStatus(o, "ACCEPTED"));
            List<String> dead = new ArrayList<>();
            await().atMost(PATIENCE.plusSeconds(30)).until(() -> {
                runtime.sqs().receiveMessage(r -> r.queueUrl(dlq).maxNumberOfMessages(10).waitTimeSeconds(1)).messages().forEach(m -> {
                    dead.add(m.body());
                    runtime.sqs().deleteMessage(r -> r.queueUrl(dlq).receiptHandle(m.receiptHandle()));
                });
                return !dead.isEmpty();
            });
            assertThat(dead).singleElement().asString().startsWith("{\"type\":\"fulfilment.shipped\"");
        } finally {
            runtime.sqs().setQueueAttributes(r -> r.queueUrl(updates).attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "60")));
        }
    }
}
