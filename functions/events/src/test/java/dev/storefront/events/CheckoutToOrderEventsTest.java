package dev.storefront.events;

import dev.storefront.testsupport.QueueInbox;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.storefront.domain.EventIds;
import dev.storefront.samlocal.AwsClients;
import dev.storefront.samlocal.DynamodbEvents;
import dev.storefront.testsupport.EventSchemas;
import dev.storefront.testsupport.FunctionHarness;
import dev.storefront.testsupport.ShopSettingsFixture;
import dev.storefront.testsupport.HttpCall;
import dev.storefront.testsupport.HttpResult;
import dev.storefront.testsupport.TestStack;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The contract between checkout and the relay, end to end: a real checkout and cancellation (the
 * catalog, cart and checkout functions from their deployable jars) write the Orders table; the
 * records DynamoDB Local's stream really holds for that order are handed to the relay as Lambda
 * would; what reaches the order-events queue is one valid event per status change.
 */
class CheckoutToOrderEventsTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void a_checkout_and_a_cancellation_become_pending_payment_placed_and_cancelled_events() throws Exception {
        ShopSettingsFixture.seed();
        FunctionHarness relay = FunctionHarness.start("OrderEventsRelayFunction");
        // Cold-started side by side, as the local runtime does.
        CompletableFuture<FunctionHarness> adminStart = CompletableFuture.supplyAsync(() -> FunctionHarness.fromJar("CatalogAdminFunction"));
        CompletableFuture<FunctionHarness> cartsStart = CompletableFuture.supplyAsync(() -> FunctionHarness.fromJar("CartFunction"));
        FunctionHarness checkout = FunctionHarness.fromJar("CheckoutFunction");
        FunctionHarness admin = adminStart.join();
        FunctionHarness carts = cartsStart.join();
        String product = "relay-" + UUID.randomUUID().toString().substring(0, 8);
        String sku = product.toUpperCase() + "-1";
        assertThat(admin.http(HttpCall.put("/admin/products/" + product).as("ops", "admin").json("""
                {"name":"Relay Lamp","category":"relay-test","variants":[{"sku":"%s","price":{"amount":4200,"currency":"EUR"}}]}"""
                .formatted(sku))).status()).isEqualTo(201);
        assertThat(admin.http(HttpCall.put("/admin/inventory/" + sku).as("ops", "admin").json("{\"available\":5}")).status()).isEqualTo(200);
        String cartId = carts.http(HttpCall.post("/carts").as("alice")).json().path("cartId").asText();
        assertThat(carts.http(HttpCall.post("/carts/" + cartId + "/items").as("alice").json("{\"sku\":\"" + sku + "\",\"quantity\":2}")).status()).isEqualTo(200);
        HttpResult placed = checkout.http(HttpCall.post("/carts/" + cartId + "/checkout").as("alice").header("Idempotency-Key", UUID.randomUUID().toString())
                .json("""
                        {"email":"ada@example.com","paymentToken":"tok_visa","shippingAddress":
                         {"name":"Ada Lovelace","line1":"12 St James's Square","city":"London","postalCode":"SW1Y 4JH","country":"GB"}}"""));
        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        String orderId = placed.json().path("orderId").asText();
        assertThat(checkout.http(HttpCall.post("/orders/" + orderId + "/cancel").as("alice")).status()).isEqualTo(202);

        List<Record> records = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            records.clear();
            records.addAll(streamRecordsOf(orderId));
            // Created, placed, cancelled (the void owed with it), the void settled.
            assertThat(records).extracting(r -> r.eventNameAsString()).containsExactly("INSERT", "MODIFY", "MODIFY", "MODIFY");
        });
        TestStack stack = TestStack.shared();
        JsonNode response = JSON.readTree(relay.invoke(DynamodbEvents.event(stack.resources().streamArn("OrdersTable"),
                stack.emulators().region(), records), UUID.randomUUID().toString()));

        assertThat(response.path("batchItemFailures")).isEmpty();
        List<QueueInbox.Received> events = QueueInbox.orderEvents().ofOrder(orderId);
        assertThat(events).extracting(QueueInbox.Received::type)
                .containsExactlyInAnyOrder("order.pending_payment", "order.placed", "order.cancelled");
        events.forEach(e -> EventSchemas.assertValid(e.body()));
        JsonNode placedEvent = events.stream().filter(e -> e.type().equals("order.placed")).findFirst().orElseThrow().event();
        assertThat(placedEvent.path("eventId").asText()).isEqualTo(EventIds.of(orderId + ":PLACED").toString());
        assertThat(placedEvent.at("/data/customerId").asText()).isEqualTo("alice");
        assertThat(placedEvent.at("/data/lines/0/sku").asText()).isEqualTo(sku);
        assertThat(placedEvent.at("/data/lines/0/quantity").asInt()).isEqualTo(2);
        assertThat(placedEvent.at("/data/total")).isEqualTo(JSON.readTree("{\"amount\":8400,\"currency\":\"EUR\"}"));
        assertThat(placedEvent.at("/data/payment/status").asText()).isEqualTo("AUTHORIZED");
        // Version 2: priced with shipping and tax (GB in the fixture: free tracked shipping, 20 % included).
        assertThat(placedEvent.path("version").asInt()).isEqualTo(2);
        assertThat(placedEvent.at("/data/shipping/methodId").asText()).isEqualTo("tracked");
        assertThat(placedEvent.at("/data/tax/included").asBoolean()).isTrue();
        assertThat(placedEvent.at("/data/tax/amount/amount").asLong()).as("8400 * 2000 / 12000").isEqualTo(1400);
        assertThat(placedEvent.at("/data/lines/0/tax/amount").asLong()).isEqualTo(1400);
        assertThat(placedEvent.at("/data/weightGrams").asLong()).isZero();
        assertThat(placedEvent.path("occurredAt").asText()).as("the time the order's history gives the change")
                .isEqualTo(placed.json().at("/history/1/at").asText());
        JsonNode cancelled = events.stream().filter(e -> e.type().equals("order.cancelled")).findFirst().orElseThrow().event();
        assertThat(cancelled.at("/data/from").asText()).isEqualTo("PLACED");
        assertThat(cancelled.at("/data/payment/status").asText()).isEqualTo("VOIDED");
    }

    /** What the Orders stream holds for one order, in stream order, read as Lambda's poller reads it. */
    static List<Record> streamRecordsOf(String orderId) {
        TestStack stack = TestStack.shared();
        String streamArn = stack.resources().streamArn("OrdersTable");
        List<Record> found = new ArrayList<>();
        try (DynamoDbStreamsClient streams = AwsClients.dynamoStreams(stack.emulators().dynamoEndpoint(), stack.emulators().region())) {
            for (Shard shard : streams.describeStream(r -> r.streamArn(streamArn)).streamDescription().shards()) {
                String iterator = streams.getShardIterator(r -> r.streamArn(streamArn).shardId(shard.shardId())
                        .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
                while (iterator != null) {
                    String current = iterator;
                    var page = streams.getRecords(r -> r.shardIterator(current).limit(1000));
                    page.records().stream().filter(r -> orderId.equals(r.dynamodb().keys().get("orderId").s())).forEach(found::add);
                    iterator = page.records().isEmpty() ? null : page.nextShardIterator();
                }
            }
        }
        return found;
    }
}
