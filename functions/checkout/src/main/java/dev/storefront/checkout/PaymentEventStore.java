package dev.storefront.checkout;

import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * The processor's webhook events already handled, by event id, beside the Idempotency-Keys
 * ({@code payment-event:<id>}, kept as long as a provider retries: Stripe's is 3 days). Noted after
 * the event took effect, so an event whose handling failed is handled again when redelivered; two
 * deliveries racing are both handled, and the conditional order moves make that one effect.
 */
@Singleton
class PaymentEventStore {

    static final Duration RETENTION = Duration.ofDays(7);

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    PaymentEventStore(DynamoDbClient dynamo, CheckoutTables tables, Clock clock) {
        this.dynamo = dynamo;
        this.table = tables.idempotency();
        this.clock = clock;
    }

    boolean seen(String eventId) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(key(eventId)).consistentRead(true)).item();
        return item != null && !item.isEmpty();
    }

    /** Counts a delivery of an event already handled ({@code repeats}: how often the processor sent it again). */
    void countRepeat(String eventId) {
        dynamo.updateItem(r -> r.tableName(table).key(key(eventId))
                .updateExpression("ADD repeats :one")
                .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))));
    }

    void note(String eventId, String outcome) {
        dynamo.putItem(r -> r.tableName(table).item(Map.of(
                "key", key(eventId).get("key"),
                "state", AttributeValue.fromS("DONE"),
                "outcome", AttributeValue.fromS(outcome),
                "ttl", AttributeValue.fromN(Long.toString(clock.instant().plus(RETENTION).getEpochSecond())))));
    }

    private static Map<String, AttributeValue> key(String eventId) {
        return Map.of("key", AttributeValue.fromS("payment-event:" + eventId));
    }
}
