package dev.storefront.webhooks;

import dev.storefront.aws.PageCursor;
import dev.storefront.domain.Problem;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Webhooks table, its one owner. Per webhook (partition {@code webhookId}): the subscription
 * ({@code sk = SUBSCRIPTION}: url, events, active, secret, consecutiveFailures, disabledReason?;
 * {@code activeKey = ACTIVE} only while active, so the sparse {@code byActive} index lists exactly the
 * webhooks to fan out to), one item per delivery attempt ({@code sk = DELIVERY#<epoch ms>#<eventId>#<attempt>},
 * newest last, kept 30 days), one per event queued ({@code sk = JOB#<eventId>}) and one per event
 * delivered ({@code sk = EVENT#<eventId>}, both 2 days), so a redelivered order event queues no
 * second job and a duplicate job does not POST an event that already arrived.
 */
@Singleton
class WebhookStore {

    static final Duration ATTEMPTS_KEPT = Duration.ofDays(30);
    static final Duration DELIVERED_KEPT = Duration.ofDays(2);
    private static final String SUBSCRIPTION = "SUBSCRIPTION";
    private static final String ACTIVE = "ACTIVE";
    private static final List<String> PAGE_KEY = List.of("webhookId", "sk");

    private final DynamoDbClient dynamo;
    private final String table;

    WebhookStore(DynamoDbClient dynamo, WebhookConfig.Tables tables) {
        this.dynamo = dynamo;
        this.table = tables.webhooks();
    }

    /** Creates or replaces the subscription; the secret, creation time and failure count of an existing one are kept. True when created. */
    boolean save(Subscription s) {
        Map<String, AttributeValue> item = new HashMap<>(Map.of(
                "webhookId", str(s.webhookId()), "sk", str(SUBSCRIPTION), "url", str(s.url()),
                "events", AttributeValue.fromSs(List.copyOf(s.events())), "active", AttributeValue.fromBool(s.active()),
                "secret", str(s.secret()), "createdAt", str(s.createdAt().toString()), "updatedAt", str(s.updatedAt().toString())));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":url", item.get("url"), ":events", item.get("events"),
                ":active", item.get("active"), ":updatedAt", item.get("updatedAt"), ":secret", item.get("secret"),
                ":createdAt", item.get("createdAt"), ":zero", AttributeValue.fromN("0")));
        List<String> sets = new java.util.ArrayList<>(List.of("#url = :url", "events = :events", "active = :active",
                "updatedAt = :updatedAt", "secret = if_not_exists(secret, :secret)", "createdAt = if_not_exists(createdAt, :createdAt)"));
        String remove;
        if (s.active()) {
            // Switched on (again) by the merchant: listed for fan-out, failures counted from zero.
            sets.add("activeKey = :activeKey");
            sets.add("consecutiveFailures = :zero");
            values.put(":activeKey", str(ACTIVE));
            remove = " REMOVE disabledReason";
        } else {
            sets.add("consecutiveFailures = if_not_exists(consecutiveFailures, :zero)");
            remove = " REMOVE activeKey";
        }
        String expression = "SET " + String.join(", ", sets) + remove;
        Map<String, AttributeValue> before = dynamo.updateItem(r -> r.tableName(table).key(key(s.webhookId(), SUBSCRIPTION))
                .updateExpression(expression).expressionAttributeNames(Map.of("#url", "url"))
                .expressionAttributeValues(values).returnValues(ReturnValue.ALL_OLD)).attributes();
        return before == null || before.isEmpty();
    }

    Optional<Subscription> find(String webhookId) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(key(webhookId, SUBSCRIPTION)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(subscription(item));
    }

    /** The active webhooks, through the sparse byActive index (never a Scan). */
    List<Subscription> active() {
        List<Subscription> all = new java.util.ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamo.query(r -> r.tableName(table).indexName("byActive")
                    .keyConditionExpression("activeKey = :a").expressionAttributeValues(Map.of(":a", str(ACTIVE)))
                    .exclusiveStartKey(from));
            page.items().stream().map(WebhookStore::subscription).forEach(all::add);
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return all;
    }

    void log(DeliveryAttempt a) {
        Map<String, AttributeValue> item = new HashMap<>(Map.of(
                "webhookId", str(a.webhookId()),
                "sk", str("DELIVERY#" + String.format("%013d", a.at().toEpochMilli()) + "#" + a.eventId() + "#" + a.attempt()),
                "eventId", str(a.eventId()), "type", str(a.type()), "attempt", num(a.attempt()), "at", str(a.at().toString()),
                "outcome", str(a.outcome().name()), "latencyMs", num(a.latencyMs()),
                "ttl", num(a.at().plus(ATTEMPTS_KEPT).getEpochSecond())));
        if (a.responseCode() != null) {
            item.put("responseCode", num(a.responseCode()));
        }
        if (a.error() != null) {
            item.put("error", str(a.error()));
        }
        if (a.nextAttemptAt() != null) {
            item.put("nextAttemptAt", str(a.nextAttemptAt().toString()));
        }
        dynamo.putItem(r -> r.tableName(table).item(item));
    }

    record Page(List<DeliveryAttempt> items, String nextCursor) {
    }

    /** A webhook's delivery attempts, newest first. */
    Page attempts(String webhookId, int limit, String cursor) {
        Map<String, AttributeValue> start = PageCursor.decode(cursor, PAGE_KEY, Map.of("webhookId", webhookId));
        if (start != null && !start.get("sk").s().startsWith("DELIVERY#")) {
            // Outside the query's range DynamoDB would refuse the start key (a 500): not a cursor we issued.
            throw Problem.invalid("cursor", "cursor is not one this API issued for this webhook; start again without it");
        }
        QueryResponse page = dynamo.query(r -> r.tableName(table)
                .keyConditionExpression("webhookId = :w AND begins_with(sk, :d)")
                .expressionAttributeValues(Map.of(":w", str(webhookId), ":d", str("DELIVERY#")))
                .scanIndexForward(false).limit(limit).exclusiveStartKey(start));
        return new Page(page.items().stream().map(WebhookStore::attempt).toList(), PageCursor.encode(page.lastEvaluatedKey(), PAGE_KEY));
    }

    /** Whether a job for this event was already queued for the webhook (a redelivered order event queues none). */
    boolean queued(String webhookId, String eventId) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(key(webhookId, "JOB#" + eventId)).consistentRead(true)).item();
        return item != null && !item.isEmpty();
    }

    /** Notes the job as queued; written after the job was sent, so a crash between the two costs a duplicate, never a loss. */
    void noteQueued(String webhookId, String eventId, Instant at) {
        dynamo.putItem(r -> r.tableName(table).item(Map.of("webhookId", str(webhookId), "sk", str("JOB#" + eventId),
                "queuedAt", str(at.toString()), "ttl", num(at.plus(DELIVERED_KEPT).getEpochSecond()))));
    }

    boolean delivered(String webhookId, String eventId) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(key(webhookId, "EVENT#" + eventId)).consistentRead(true)).item();
        return item != null && !item.isEmpty();
    }

    /** Notes the event as arrived and the webhook as healthy (its failures in a row back to zero). */
    void succeeded(String webhookId, String eventId, Instant at) {
        dynamo.putItem(r -> r.tableName(table).item(Map.of("webhookId", str(webhookId), "sk", str("EVENT#" + eventId),
                "deliveredAt", str(at.toString()), "ttl", num(at.plus(DELIVERED_KEPT).getEpochSecond()))));
        try {
            dynamo.updateItem(r -> r.tableName(table).key(key(webhookId, SUBSCRIPTION))
                    .updateExpression("SET consecutiveFailures = :zero").conditionExpression("attribute_exists(webhookId)")
                    .expressionAttributeValues(Map.of(":zero", AttributeValue.fromN("0"))));
        } catch (ConditionalCheckFailedException removed) {
            // The subscription is gone: nothing to reset.
        }
    }

    /** Counts one more failure in a row; the count after it (0 when the subscription is gone). */
    long failed(String webhookId) {
        try {
            Map<String, AttributeValue> after = dynamo.updateItem(r -> r.tableName(table).key(key(webhookId, SUBSCRIPTION))
                    .updateExpression("ADD consecutiveFailures :one").conditionExpression("attribute_exists(webhookId)")
                    .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1")))
                    .returnValues(ReturnValue.UPDATED_NEW)).attributes();
            return Long.parseLong(after.get("consecutiveFailures").n());
        } catch (ConditionalCheckFailedException removed) {
            return 0;
        }
    }

    /** Switches the webhook off (out of byActive); the merchant switches it on again with a PUT. */
    void disable(String webhookId, String reason) {
        dynamo.updateItem(r -> r.tableName(table).key(key(webhookId, SUBSCRIPTION))
                .updateExpression("SET active = :false, disabledReason = :reason REMOVE activeKey")
                .expressionAttributeValues(Map.of(":false", AttributeValue.fromBool(false), ":reason", str(reason))));
    }

    private static Subscription subscription(Map<String, AttributeValue> i) {
        return new Subscription(i.get("webhookId").s(), i.get("url").s(), Set.copyOf(i.get("events").ss()), i.get("active").bool(),
                i.get("secret").s(), i.containsKey("consecutiveFailures") ? Long.parseLong(i.get("consecutiveFailures").n()) : 0,
                i.containsKey("disabledReason") ? i.get("disabledReason").s() : null,
                Instant.parse(i.get("createdAt").s()), Instant.parse(i.get("updatedAt").s()));
    }

    private static DeliveryAttempt attempt(Map<String, AttributeValue> i) {
        return new DeliveryAttempt(i.get("webhookId").s(), i.get("eventId").s(), i.get("type").s(), Integer.parseInt(i.get("attempt").n()),
                Instant.parse(i.get("at").s()), DeliveryAttempt.Outcome.valueOf(i.get("outcome").s()),
                i.containsKey("responseCode") ? Integer.parseInt(i.get("responseCode").n()) : null, Long.parseLong(i.get("latencyMs").n()),
                i.containsKey("error") ? i.get("error").s() : null,
                i.containsKey("nextAttemptAt") ? Instant.parse(i.get("nextAttemptAt").s()) : null);
    }

    private static Map<String, AttributeValue> key(String webhookId, String sk) {
        return Map.of("webhookId", str(webhookId), "sk", str(sk));
    }

    private static AttributeValue str(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue num(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
