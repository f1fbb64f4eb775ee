package dev.storefront.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.storefront.domain.webhook.WebhookSignature;
import dev.storefront.samlocal.SamTemplate;
import dev.storefront.samlocal.SqsEvents;
import dev.storefront.testsupport.FunctionHarness;
import dev.storefront.testsupport.HttpCall;
import dev.storefront.testsupport.HttpResult;
import dev.storefront.testsupport.TestStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

/**
 * Outbound webhooks through the three functions over the real table and queues: an admin registers
 * a receiver, an order event is fanned out, and the deliverer POSTs it (the test plays Lambda's
 * event source on the deliveries queue, so SQS's delays are the real ones).
 */
class WebhookDeliveryTest {

    static final ObjectMapper JSON = new ObjectMapper();
    /** Local receivers are on 127.0.0.1 over http, as under make run; retries 1 s, 2 s, ... apart. */
    static final Map<String, String> LOCAL = Map.of("STOREFRONT_WEBHOOKS_ALLOW_PRIVATE_TARGETS", "true",
            "STOREFRONT_WEBHOOKS_BACKOFF_BASE_SECONDS", "1");

    static FunctionHarness admin;
    static FunctionHarness fanout;
    static FunctionHarness deliverer;
    static HttpServer receiver;
    /** Each webhook id's receiver answers its first {@code failFirst} requests with 500. */
    static final Map<String, AtomicInteger> FAIL_FIRST = new java.util.concurrent.ConcurrentHashMap<>();
    static final Map<String, List<Received>> RECEIVED = new java.util.concurrent.ConcurrentHashMap<>();

    record Received(Map<String, String> headers, String body, int answered) {
    }

    @BeforeAll
    static void start() throws Exception {
        admin = FunctionHarness.start("WebhooksAdminFunction", LOCAL);
        fanout = FunctionHarness.start("WebhookFanoutFunction", LOCAL);
        deliverer = FunctionHarness.start("WebhookDeliveryFunction", LOCAL);
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        receiver.createContext("/hooks/", exchange -> {
            String webhookId = exchange.getRequestURI().getPath().substring("/hooks/".length());
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status = FAIL_FIRST.computeIfAbsent(webhookId, w -> new AtomicInteger()).getAndDecrement() > 0 ? 500 : 200;
            Map<String, String> headers = new java.util.HashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
            RECEIVED.computeIfAbsent(webhookId, w -> new CopyOnWriteArrayList<>()).add(new Received(headers, body, status));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterAll
    static void stop() {
        receiver.stop(0);
    }

    static String url(String webhookId) {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks/" + webhookId;
    }

    static String register(String webhookId, String events) {
        HttpResult created = admin.http(HttpCall.put("/admin/webhooks/" + webhookId).as("ops", "admin")
                .json("{\"url\":\"" + url(webhookId) + "\",\"events\":" + events + "}"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().path("secret").asText();
    }

    static String orderEvent(String type) throws Exception {
        ObjectNode event = (ObjectNode) JSON.readTree(Files.readString(SamTemplate.findRepoRoot().resolve("docs/events/examples/order.placed.json")));
        event.put("eventId", UUID.randomUUID().toString()).put("type", type);
        return event.toString();
    }

    static void fanOut(String eventBody) {
        TestStack stack = TestStack.shared();
        String response = fanout.invoke(SqsEvents.event(stack.resources().queueArn("WebhookEventsQueue"), stack.emulators().region(),
                List.of(SqsEvents.message(eventBody))), UUID.randomUUID().toString());
        assertThat(response).doesNotContain("itemIdentifier\":\"");
    }

    /** Lambda's event source on webhook-deliveries: what is visible now goes to the deliverer, then is deleted. */
    static void pollDeliveries() {
        TestStack stack = TestStack.shared();
        String queue = stack.resources().queueUrl("WebhookDeliveriesQueue");
        List<Message> messages = stack.emulators().sqs().receiveMessage(r -> r.queueUrl(queue).maxNumberOfMessages(5).waitTimeSeconds(1)).messages();
        if (messages.isEmpty()) {
            return;
        }
        deliverer.invoke(SqsEvents.event(stack.resources().queueArn("WebhookDeliveriesQueue"), stack.emulators().region(), messages),
                UUID.randomUUID().toString());
        messages.forEach(m -> stack.emulators().sqs().deleteMessage(r -> r.queueUrl(queue).receiptHandle(m.receiptHandle())));
    }

    static JsonNode deliveries(String webhookId) {
        return admin.http(HttpCall.get("/admin/webhooks/" + webhookId + "/deliveries").as("ops", "admin")).json().path("items");
    }

    @Test
    void a_receiver_that_fails_twice_then_succeeds_gets_three_signed_attempts_all_logged_and_one_effect() throws Exception {
        String webhookId = "erp-" + UUID.randomUUID().toString().substring(0, 8);
        String secret = register(webhookId, "[\"order.placed\"]");
        FAIL_FIRST.put(webhookId, new AtomicInteger(2));
        String event = orderEvent("order.placed");

        fanOut(event);
        fanOut(event);  // the relay's retry sent the event twice: one job
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ZERO).until(() -> {
            pollDeliveries();
            return RECEIVED.getOrDefault(webhookId, List.of()).stream().anyMatch(r -> r.answered() == 200);
        });

        List<Received> received = RECEIVED.get(webhookId);
        assertThat(received).extracting(Received::answered).containsExactly(500, 500, 200);
        for (Received r : received) {
            assertThatCode(() -> WebhookSignature.verify(secret, r.headers().get("storefront-signature"), r.body(), Instant.now()))
                    .doesNotThrowAnyException();
            assertThat(r.headers().get("storefront-event-id")).isEqualTo(JSON.readTree(event).path("eventId").asText());
        }
        JsonNode log = deliveries(webhookId);
        assertThat(log).hasSize(3);
        assertThat(log.get(0).path("outcome").asText()).isEqualTo("SUCCEEDED");
        assertThat(log.get(0).path("responseCode").asInt()).isEqualTo(200);
        assertThat(log.get(0).path("attempt").asInt()).isEqualTo(3);
        assertThat(log.get(1).path("outcome").asText()).isEqualTo("FAILED");
        assertThat(log.get(1).path("responseCode").asInt()).isEqualTo(500);
        assertThat(log.get(2).path("nextAttemptAt").asText()).isNotBlank();
        assertThat(log).allSatisfy(a -> assertThat(a.path("latencyMs").asLong()).isNotNegative());
        JsonNode webhook = admin.http(HttpCall.get("/admin/webhooks/" + webhookId).as("ops", "admin")).json();
        assertThat(webhook.has("secret")).as("the secret is shown once").isFalse();
        assertThat(webhook.path("consecutiveFailures").asLong()).isZero();
    }

    @Test
    void an_event_type_the_webhook_did_not_ask_for_is_not_sent() throws Exception {
        String webhookId = "ship-" + UUID.randomUUID().toString().substring(0, 8);
        register(webhookId, "[\"order.shipped\"]");

        fanOut(orderEvent("order.placed"));
        pollDeliveries();

        assertThat(RECEIVED.getOrDefault(webhookId, List.of())).isEmpty();
        assertThat(deliveries(webhookId)).isEmpty();
    }

    @Test
    void the_fiftieth_failure_in_a_row_disables_the_webhook() throws Exception {
        String webhookId = "flaky-" + UUID.randomUUID().toString().substring(0, 8);
        register(webhookId, "[\"*\"]");
        FAIL_FIRST.put(webhookId, new AtomicInteger(1_000));
        TestStack stack = TestStack.shared();
        // 49 failures already counted (as 49 earlier deliveries would have).
        stack.emulators().dynamo().updateItem(r -> r.tableName(stack.resources().tableName("WebhooksTable"))
                .key(Map.of("webhookId", AttributeValue.fromS(webhookId), "sk", AttributeValue.fromS("SUBSCRIPTION")))
                .updateExpression("SET consecutiveFailures = :n").expressionAttributeValues(Map.of(":n", AttributeValue.fromN("49"))));

        fanOut(orderEvent("order.placed"));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ZERO).until(() -> {
            pollDeliveries();
            return !RECEIVED.getOrDefault(webhookId, List.of()).isEmpty();
        });

        JsonNode webhook = admin.http(HttpCall.get("/admin/webhooks/" + webhookId).as("ops", "admin")).json();
        assertThat(webhook.path("active").asBoolean()).isFalse();
        assertThat(webhook.path("disabledReason").asText()).contains("50");
        assertThat(deliveries(webhookId).get(0).has("nextAttemptAt")).as("no retry once disabled").isFalse();
    }

    @Test
    void a_cursor_naming_this_webhook_but_outside_its_delivery_log_is_400_not_500() {
        String webhookId = "pages-" + UUID.randomUUID().toString().substring(0, 8);
        register(webhookId, "[\"order.placed\"]");
        String forged = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString((webhookId + "\u001fSUBSCRIPTION").getBytes(StandardCharsets.UTF_8));

        HttpResult page = admin.http(HttpCall.get("/admin/webhooks/" + webhookId + "/deliveries?cursor=" + forged).as("ops", "admin"));

        assertThat(page.status()).as(page.toString()).isEqualTo(400);
        assertThat(page.json().path("code").asText()).isEqualTo("VALIDATION_FAILED");
    }

    @Test
    void a_url_that_is_not_http_or_does_not_resolve_is_400_and_admins_only() {
        for (String url : List.of("ftp://files.example.com/x", "https://no-such-host.invalid/hook", "javascript:alert(1)")) {
            HttpResult refused = admin.http(HttpCall.put("/admin/webhooks/bad").as("ops", "admin")
                    .json("{\"url\":\"" + url + "\",\"events\":[\"order.placed\"]}"));
            assertThat(refused.status()).as(url + ": " + refused).isEqualTo(400);
            assertThat(refused.json().path("code").asText()).isEqualTo("VALIDATION_FAILED");
        }
        assertThat(admin.http(HttpCall.put("/admin/webhooks/bad").as("alice")
                .json("{\"url\":\"" + url("bad") + "\",\"events\":[\"order.placed\"]}")).status()).isEqualTo(403);
        assertThat(admin.http(HttpCall.get("/admin/webhooks/none-such").as("ops", "admin")).status()).isEqualTo(404);
    }
}
