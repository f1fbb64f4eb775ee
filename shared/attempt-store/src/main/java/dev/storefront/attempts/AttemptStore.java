package dev.storefront.attempts;

import dev.storefront.domain.AttemptLimit;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Failed-attempt counters in AttemptsTable, the one place that knows their item shape: pk
 * {@code <kind>#<key>} (e.g. {@code declined-payment#cart#<cartId>}), {@code failures}, and
 * {@code windowEnds} = {@code ttl} (epoch seconds), so DynamoDB deletes a window once it is over.
 * Counting is a conditional increment inside the window, or a conditional restart of an ended one:
 * concurrent failures are all counted, none resets another's window.
 */
@Singleton
public class AttemptStore {

    private static final int ATTEMPTS = 3;

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    /**
     * The table is named where it is used: functions that share a jar with a counting one (the cart
     * admin, the reservation sweeper) create this bean without needing, or being granted, the table.
     */
    AttemptStore(DynamoDbClient dynamo, @Value("${storefront.tables.attempts:}") String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    private String table() {
        if (table == null || table.isBlank()) {
            throw new IllegalStateException("no attempts table configured (STOREFRONT_TABLES_ATTEMPTS)");
        }
        return table;
    }

    /**
     * Condition checks that cancel the transaction they join when any key is at its limit now: the
     * check costs no round trip of its own (a checkout adds them to its reservation).
     */
    public List<TransactWriteItem> guards(AttemptLimit limit, List<String> keys) {
        String now = Long.toString(clock.instant().getEpochSecond());
        return keys.stream().distinct().map(key -> TransactWriteItem.builder().conditionCheck(c -> c.tableName(table())
                .key(key(limit, key))
                .conditionExpression("attribute_not_exists(pk) OR failures < :max OR windowEnds <= :now")
                .expressionAttributeValues(Map.of(":max", AttributeValue.fromN(Integer.toString(limit.max())), ":now", AttributeValue.fromN(now))))
                .build()).toList();
    }

    /** Counts one failed attempt for each key. */
    public void failed(AttemptLimit limit, List<String> keys) {
        Instant now = clock.instant();
        for (String key : new LinkedHashSet<>(keys)) {
            count(limit, key, now);
        }
    }

    /** Until when the keys refuse another attempt (the latest end among those at their limit); empty when none does. */
    public Optional<Instant> blockedUntil(AttemptLimit limit, List<String> keys) {
        Instant now = clock.instant();
        List<Map<String, AttributeValue>> wanted = new ArrayList<>();
        new LinkedHashSet<>(keys).forEach(key -> wanted.add(key(limit, key)));
        if (wanted.isEmpty()) {
            return Optional.empty();
        }
        String table = table();
        List<Map<String, AttributeValue>> items = dynamo.batchGetItem(r -> r.requestItems(Map.of(table,
                KeysAndAttributes.builder().keys(wanted).consistentRead(true).build()))).responses().getOrDefault(table, List.of());
        return items.stream()
                .map(item -> new long[] {Long.parseLong(item.get("failures").n()), Long.parseLong(item.get("windowEnds").n())})
                .filter(c -> limit.blocks(c[0], Instant.ofEpochSecond(c[1]), now))
                .map(c -> Instant.ofEpochSecond(c[1]))
                .max(Instant::compareTo);
    }

    private void count(AttemptLimit limit, String key, Instant now) {
        AttributeValue nowValue = AttributeValue.fromN(Long.toString(now.getEpochSecond()));
        AttributeValue end = AttributeValue.fromN(Long.toString(limit.windowFrom(now).getEpochSecond()));
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try {
                // Inside the current window (or the first failure ever): one more.
                dynamo.updateItem(r -> r.tableName(table()).key(key(limit, key))
                        .updateExpression("SET failures = if_not_exists(failures, :zero) + :one, windowEnds = if_not_exists(windowEnds, :end), #ttl = if_not_exists(#ttl, :end)")
                        .conditionExpression("attribute_not_exists(pk) OR windowEnds > :now")
                        .expressionAttributeNames(Map.of("#ttl", "ttl"))
                        .expressionAttributeValues(Map.of(":zero", AttributeValue.fromN("0"), ":one", AttributeValue.fromN("1"), ":end", end, ":now", nowValue)));
                return;
            } catch (ConditionalCheckFailedException ended) {
                try {
                    // The window ended (TTL deletes lazily): this failure opens the next one.
                    dynamo.updateItem(r -> r.tableName(table()).key(key(limit, key))
                            .updateExpression("SET failures = :one, windowEnds = :end, #ttl = :end")
                            .conditionExpression("windowEnds <= :now")
                            .expressionAttributeNames(Map.of("#ttl", "ttl"))
                            .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"), ":end", end, ":now", nowValue)));
                    return;
                } catch (ConditionalCheckFailedException reopened) {
                    // Another failure opened the next window first: count in it.
                }
            }
        }
    }

    private static Map<String, AttributeValue> key(AttemptLimit limit, String key) {
        return Map.of("pk", AttributeValue.fromS(limit.kind() + "#" + key));
    }
}
