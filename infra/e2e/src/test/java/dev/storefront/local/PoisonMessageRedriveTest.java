package dev.storefront.local;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An operator's night, through the running system: an order's item is lost (deleted by accident),
 * so the partner's {@code fulfilment.accepted} for it fails fulfilment five times and rests in the
 * fulfilment-updates dead-letter queue; the operator sees it on {@code GET /admin/dead-letters},
 * restores the item (as from the table's point-in-time backup), redrives the queue, and the update
 * applies: the order is ACCEPTED, with the partner's event in its timeline.
 */
class PoisonMessageRedriveTest {

    static final Duration PATIENCE = Duration.ofSeconds(120);

    final LocalRuntime runtime = SharedRuntime.get();
    final ApiClient api = new ApiClient(runtime.baseUrl());

    @Test
    void a_poison_update_is_seen_on_the_dead_letter_page_redriven_after_the_fix_and_applied() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String admin = runtime.token("ops-" + suffix, "admin");
        String shopper = runtime.token("poison-" + suffix);
        String orderId = placedOrder(admin, shopper, suffix);
        await().atMost(PATIENCE).until(() -> "FULFILMENT_REQUESTED".equals(api.send("GET", "/orders/" + orderId, null, shopper).json().path("status").asText()));

        String orders = runtime.resources().tableName("OrdersTable");
        Map<String, AttributeValue> key = Map.of("orderId", AttributeValue.fromS(orderId));
        Map<String, AttributeValue> backup = runtime.dynamo().getItem(r -> r.tableName(orders).key(key).consistentRead(true)).item();
        runtime.dynamo().deleteItem(r -> r.tableName(orders).key(key));

        String updates = runtime.resources().queueUrl("FulfilmentUpdatesQueue");
        String visibility = runtime.sqs().getQueueAttributes(r -> r.queueUrl(updates).attributeNames(QueueAttributeName.VISIBILITY_TIMEOUT))
                .attributes().get(QueueAttributeName.VISIBILITY_TIMEOUT);
        // The five receives in seconds rather than five visibility timeouts (see FulfilmentScenarios' poison test).
        runtime.sqs().setQueueAttributes(r -> r.queueUrl(updates).attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "1")));
        String eventId = UUID.randomUUID().toString();
        try {
            runtime.sqs().sendMessage(r -> r.queueUrl(updates).messageGroupId(orderId).messageDeduplicationId(eventId)
                    .messageBody(FulfilmentScenarios.update(orderId, "fulfilment.accepted", eventId, "{}")));

            await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                    assertThat(deadUpdate(admin, eventId)).as("the update on the dead-letter page").isNotNull());
        } finally {
            runtime.sqs().setQueueAttributes(r -> r.queueUrl(updates).attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, visibility)));
        }
        JsonNode sample = deadUpdate(admin, eventId);
        assertThat(sample.path("receiveCount").asInt()).isGreaterThanOrEqualTo(5);
        assertThat(sample.path("body").path("orderId").asText()).isEqualTo(orderId);

        runtime.dynamo().putItem(r -> r.tableName(orders).item(backup));
        ApiClient.Response redrive = api.send("POST", "/admin/dead-letters/fulfilment-updates/redrive", null, admin);
        assertThat(redrive.status()).as(redrive.body()).isEqualTo(200);
        assertThat(redrive.json().path("moved").asLong()).isGreaterThanOrEqualTo(1);

        await().atMost(PATIENCE).until(() -> "ACCEPTED".equals(api.send("GET", "/orders/" + orderId, null, shopper).json().path("status").asText()));
        JsonNode story = api.send("GET", "/admin/orders/" + orderId, null, admin).json();
        assertThat(story.path("timeline")).anySatisfy(e -> {
            assertThat(e.path("summary").asText()).isEqualTo("FULFILMENT_REQUESTED → ACCEPTED");
            assertThat(e.path("actor").asText()).isEqualTo("partner");
            assertThat(e.path("detail").asText()).contains(eventId);
        });
        assertThat(deadUpdate(admin, eventId)).as("no longer dead").isNull();
    }

    /** The dead-letter page's sample of the partner update with this event id, or null. */
    private JsonNode deadUpdate(String admin, String eventId) {
        ApiClient.Response page = api.send("GET", "/admin/dead-letters", null, admin);
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        for (JsonNode queue : page.json().path("items")) {
            if (queue.path("queue").asText().equals("fulfilment-updates")) {
                for (JsonNode sample : queue.path("samples")) {
                    if (eventId.equals(sample.path("body").path("eventId").asText())) {
                        return sample;
                    }
                }
            }
        }
        return null;
    }

    private String placedOrder(String admin, String shopper, String suffix) {
        String productId = "poison-" + suffix;
        String sku = productId.toUpperCase();
        assertThat(api.put("/admin/products/" + productId, "{\"name\":\"Poison\",\"category\":\"e2e\",\"variants\":[{\"sku\":\"" + sku
                + "\",\"price\":{\"amount\":900,\"currency\":\"EUR\"}}]}", admin).status()).isEqualTo(201);
        assertThat(api.put("/admin/inventory/" + sku, "{\"available\":3}", admin).status()).isEqualTo(200);
        String cartId = api.send("POST", "/carts", null, shopper).json().path("cartId").asText();
        api.send("POST", "/carts/" + cartId + "/items", "{\"sku\":\"" + sku + "\",\"quantity\":1}", shopper);
        ApiClient.Response order = api.send("POST", "/carts/" + cartId + "/checkout", CheckoutScenarios.BODY.formatted("tok_visa"), shopper,
                "idempotency-key", "poison-" + suffix);
        assertThat(order.status()).as(order.body()).isEqualTo(201);
        return order.json().path("orderId").asText();
    }
}
