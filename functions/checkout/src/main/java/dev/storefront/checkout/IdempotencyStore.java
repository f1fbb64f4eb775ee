package dev.storefront.checkout;

import dev.storefront.domain.Problem;
import dev.storefront.domain.ProblemCode;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Idempotency-Key records: the first request with a key claims it (with a lease), later ones with
 * the same key and body get the stored response, a different body is refused, and a request
 * arriving while the first still holds the lease is told to wait. Keys are scoped to the caller
 * and kept 24 hours (TTL). A lease that runs out (the first request's Lambda died) can be taken
 * over, and the taker resumes the same order.
 */
@Singleton
class IdempotencyStore {

    static final Duration RETENTION = Duration.ofHours(24);
    static final Duration LEASE = Duration.ofSeconds(30);

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    IdempotencyStore(DynamoDbClient dynamo, CheckoutTables tables, Clock clock) {
        this.dynamo = dynamo;
        this.table = tables.idempotency();
        this.clock = clock;
    }

    /** A completed request's answer, replayed verbatim. */
    record StoredResponse(int status, String body) {
    }

    /** What a claim found: a stored answer to replay, or the go-ahead (with the order to resume after a takeover). */
    record Claim(StoredResponse replay, String resumeOrderId) {
        boolean isReplay() {
            return replay != null;
        }
    }

    Claim claim(String scopedKey, String fingerprint) {
        Instant now = clock.instant();
        try {
            // An update, not a put: a taken-over claim keeps the orderId the first attempt noted.
            Map<String, AttributeValue> claimed = dynamo.updateItem(r -> r.tableName(table)
                    .key(Map.of("key", s(scopedKey)))
                    .updateExpression("SET fingerprint = :f, #s = :progress, leaseUntil = :lease, #ttl = if_not_exists(#ttl, :ttl)")
                    .conditionExpression("attribute_not_exists(#k) OR (#s = :progress AND leaseUntil < :now AND fingerprint = :f)")
                    .expressionAttributeNames(Map.of("#k", "key", "#s", "state", "#ttl", "ttl"))
                    .expressionAttributeValues(Map.of(":progress", s("IN_PROGRESS"), ":now", n(now.getEpochSecond()), ":f", s(fingerprint),
                            ":lease", n(now.plus(LEASE).getEpochSecond()), ":ttl", n(now.plus(RETENTION).getEpochSecond())))
                    .returnValues(ReturnValue.ALL_NEW)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)).attributes();
            return new Claim(null, claimed.containsKey("orderId") ? claimed.get("orderId").s() : null);
        } catch (ConditionalCheckFailedException e) {
            Map<String, AttributeValue> existing = e.item();
            if (existing == null || existing.isEmpty()) {
                throw new Problem(ProblemCode.IDEMPOTENCY_IN_FLIGHT, "a request with this Idempotency-Key is still being processed; retry");
            }
            if (!fingerprint.equals(existing.get("fingerprint").s())) {
                throw new Problem(ProblemCode.IDEMPOTENCY_KEY_REUSED,
                        "this Idempotency-Key was used with a different request; use a new key for a new checkout");
            }
            if ("DONE".equals(existing.get("state").s())) {
                return new Claim(new StoredResponse(Integer.parseInt(existing.get("status").n()), existing.get("body").s()), null);
            }
            throw new Problem(ProblemCode.IDEMPOTENCY_IN_FLIGHT,
                    "a request with this Idempotency-Key is still being processed; retry in a few seconds");
        }
    }

    /**
     * For the reservation transaction of a first attempt: the key claimed (lease, fingerprint) and
     * the order noted on it at once, if nobody holds the key yet. When the condition fails the
     * transaction writes nothing, and {@link #claim} sorts out replay, reuse or takeover.
     */
    TransactWriteItem claimFor(String scopedKey, String fingerprint, String orderId) {
        Instant now = clock.instant();
        return TransactWriteItem.builder().put(Put.builder().tableName(table)
                .item(Map.of("key", s(scopedKey), "fingerprint", s(fingerprint), "state", s("IN_PROGRESS"),
                        "leaseUntil", n(now.plus(LEASE).getEpochSecond()), "ttl", n(now.plus(RETENTION).getEpochSecond()), "orderId", s(orderId)))
                .conditionExpression("attribute_not_exists(#k)")
                .expressionAttributeNames(Map.of("#k", "key"))
                .build()).build();
    }

    /** For the transaction that places the order: what {@link #complete} writes, in the same step. */
    TransactWriteItem completion(String scopedKey, StoredResponse response) {
        return TransactWriteItem.builder().update(Update.builder().tableName(table).key(Map.of("key", s(scopedKey)))
                .updateExpression("SET #s = :done, #st = :status, body = :body REMOVE leaseUntil")
                .expressionAttributeNames(Map.of("#s", "state", "#st", "status"))
                .expressionAttributeValues(Map.of(":done", s("DONE"), ":status", n(response.status()), ":body", s(response.body())))
                .build()).build();
    }

    /** Notes the order as soon as it exists, so a taker-over resumes it instead of creating another. */
    void attachOrder(String scopedKey, String orderId) {
        dynamo.updateItem(r -> r.tableName(table).key(Map.of("key", s(scopedKey)))
                .updateExpression("SET orderId = :o").expressionAttributeValues(Map.of(":o", s(orderId))));
    }

    void complete(String scopedKey, StoredResponse response) {
        dynamo.updateItem(r -> r.tableName(table).key(Map.of("key", s(scopedKey)))
                .updateExpression("SET #s = :done, #st = :status, body = :body REMOVE leaseUntil")
                .expressionAttributeNames(Map.of("#s", "state", "#st", "status"))
                .expressionAttributeValues(Map.of(":done", s("DONE"), ":status", n(response.status()), ":body", s(response.body()))));
    }

    /** Gives the key back (a transient failure): the client may retry with the same key. */
    void release(String scopedKey) {
        dynamo.updateItem(r -> r.tableName(table).key(Map.of("key", s(scopedKey)))
                .updateExpression("SET leaseUntil = :zero").expressionAttributeValues(Map.of(":zero", n(0))));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
