package dev.storefront.payments;

import dev.storefront.domain.Money;
import dev.storefront.domain.order.PaymentGateway;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sandbox processor's books in the SandboxPayments table, the one place that knows their shape:
 * one entry per idempotency key (the first answer and {@code calls}); per payment one entry
 * {@code payment:<paymentId>} with its {@code state} (authorized at once: SUCCEEDED; waiting for the
 * shopper's bank: REQUIRES_ACTION, then SUCCEEDED or FAILED, decided once), the order it is for and
 * its amount; per captured payment {@code captured:<paymentId>} with what is still {@code refundable}.
 * While a payment is authorized and neither captured nor voided its entry carries {@code heldOn} (the
 * UTC day it was authorized) and {@code heldAt} (epoch milliseconds), the keys of the sparse byHeldDay
 * index that lists the payments the processor holds, as a processor's API lists them by creation time.
 */
final class SandboxLedger {

    enum State { REQUIRES_ACTION, SUCCEEDED, FAILED }

    record Payment(String paymentId, State state, String orderId, Money amount) {
    }

    static final String HELD_INDEX = "byHeldDay";

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    SandboxLedger(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    /** Writes the first answer for a key and counts every call; returns the entry as first written. */
    Map<String, AttributeValue> record(String key, String operation, Money amount, Map<String, AttributeValue> answer) {
        StringBuilder set = new StringBuilder("SET #op = if_not_exists(#op, :op)");
        Map<String, String> names = new HashMap<>(Map.of("#op", "operation", "#calls", "calls"));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":op", AttributeValue.fromS(operation), ":one", AttributeValue.fromN("1")));
        int i = 0;
        Map<String, AttributeValue> all = new HashMap<>(answer);
        if (amount != null) {
            all.put("amount", AttributeValue.fromN(Long.toString(amount.amount())));
            all.put("currency", AttributeValue.fromS(amount.currency()));
        }
        for (Map.Entry<String, AttributeValue> field : all.entrySet()) {
            names.put("#f" + i, field.getKey());
            values.put(":f" + i, field.getValue());
            set.append(", #f").append(i).append(" = if_not_exists(#f").append(i).append(", :f").append(i).append(')');
            i++;
        }
        return dynamo.updateItem(r -> r.tableName(table)
                .key(key(key))
                .updateExpression(set + " ADD #calls :one")
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .returnValues(ReturnValue.ALL_NEW)).attributes();
    }

    /** What a capture of {@code paymentId} leaves to refund: its amount, set once. */
    void captured(String paymentId, Money amount) {
        dynamo.updateItem(r -> r.tableName(table).key(key(capturedKey(paymentId)))
                .updateExpression("SET refundable = if_not_exists(refundable, :a)")
                .expressionAttributeValues(Map.of(":a", AttributeValue.fromN(Long.toString(amount.amount())))));
    }

    /**
     * A refund under {@code key} of {@code amount} from {@code paymentId}: the key's entry and the
     * payment's {@code refundable} less the amount, in one transaction, conditional on the key being
     * new and the amount left. A repeated key is counted and moves nothing. False when the payment
     * has less than {@code amount} left to refund (or was never captured).
     */
    boolean refund(String key, String paymentId, Money amount) {
        try {
            dynamo.transactWriteItems(r -> r.transactItems(
                    t -> t.put(p -> p.tableName(table).item(Map.of("idempotencyKey", AttributeValue.fromS(key),
                                    "operation", AttributeValue.fromS("refund"), "authorizationId", AttributeValue.fromS(paymentId),
                                    "amount", AttributeValue.fromN(Long.toString(amount.amount())), "currency", AttributeValue.fromS(amount.currency()),
                                    "calls", AttributeValue.fromN("1")))
                            .conditionExpression("attribute_not_exists(idempotencyKey)")),
                    t -> t.update(u -> u.tableName(table).key(key(capturedKey(paymentId)))
                            .updateExpression("SET refundable = refundable - :a")
                            .conditionExpression("refundable >= :a")
                            .expressionAttributeValues(Map.of(":a", AttributeValue.fromN(Long.toString(amount.amount())))))));
            return true;
        } catch (TransactionCanceledException e) {
            if ("ConditionalCheckFailed".equals(e.cancellationReasons().get(0).code())) {
                // The same refund again: counted, answered as first made.
                record(key, "refund", amount, Map.of("authorizationId", AttributeValue.fromS(paymentId)));
                return true;
            }
            return false;
        }
    }

    private static String capturedKey(String paymentId) {
        return "captured:" + paymentId;
    }

    /** Counts one more call under {@code key} beside the answers; the count after it. */
    long count(String key) {
        Map<String, AttributeValue> counted = dynamo.updateItem(r -> r.tableName(table)
                .key(key(key))
                .updateExpression("ADD #failed :one")
                .expressionAttributeNames(Map.of("#failed", "failedCalls"))
                .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1")))
                .returnValues(ReturnValue.UPDATED_NEW)).attributes();
        return Long.parseLong(counted.get("failedCalls").n());
    }

    /**
     * Opens a payment (once: a replayed authorization finds it open already), waiting for the bank
     * ({@code REQUIRES_ACTION}) or authorized at once ({@code SUCCEEDED}: held from now).
     */
    void open(String paymentId, String orderId, Money amount, State state) {
        Map<String, AttributeValue> item = new HashMap<>(Map.of(
                "idempotencyKey", AttributeValue.fromS(paymentKey(paymentId)),
                "state", AttributeValue.fromS(state.name()),
                "orderId", AttributeValue.fromS(orderId),
                "amount", AttributeValue.fromN(Long.toString(amount.amount())),
                "currency", AttributeValue.fromS(amount.currency())));
        if (state == State.SUCCEEDED) {
            item.putAll(held(clock.instant()));
        }
        try {
            dynamo.putItem(r -> r.tableName(table).item(item).conditionExpression("attribute_not_exists(idempotencyKey)"));
        } catch (ConditionalCheckFailedException alreadyOpen) {
            // The same authorization again: the payment as first opened stands.
        }
    }

    /**
     * The payment is no longer held: captured or voided (recorded as {@code settled}). A payment
     * with no entry (authorized before the sandbox kept one per payment) is left as it is.
     */
    void settle(String paymentId, String how) {
        try {
            dynamo.updateItem(r -> r.tableName(table).key(key(paymentKey(paymentId)))
                    .updateExpression("SET settled = if_not_exists(settled, :how) REMOVE heldOn, heldAt")
                    .conditionExpression("attribute_exists(idempotencyKey)")
                    .expressionAttributeValues(Map.of(":how", AttributeValue.fromS(how))));
        } catch (ConditionalCheckFailedException unknown) {
            // No entry: nothing is listed as held for it either.
        }
    }

    /** Payments held (authorized, neither captured nor voided) from {@code from} until before {@code to}, oldest first, at most {@code limit}. */
    List<PaymentGateway.HeldPayment> held(Instant from, Instant to, int limit) {
        List<PaymentGateway.HeldPayment> held = new ArrayList<>();
        for (LocalDate day = LocalDate.ofInstant(from, ZoneOffset.UTC); !day.isAfter(LocalDate.ofInstant(to, ZoneOffset.UTC)) && held.size() < limit;
             day = day.plusDays(1)) {
            String heldOn = day.toString();
            QueryRequest query = QueryRequest.builder().tableName(table).indexName(HELD_INDEX)
                    .keyConditionExpression("heldOn = :day AND heldAt BETWEEN :from AND :to")
                    .expressionAttributeValues(Map.of(":day", AttributeValue.fromS(heldOn),
                            ":from", millis(from), ":to", millis(to)))
                    .build();
            for (Map<String, AttributeValue> item : dynamo.queryPaginator(query).items()) {
                Instant at = Instant.ofEpochMilli(Long.parseLong(item.get("heldAt").n()));
                if (at.isBefore(to)) {
                    held.add(new PaymentGateway.HeldPayment(item.get("idempotencyKey").s().substring(PAYMENT_PREFIX.length()),
                            item.get("orderId").s(), amount(item), at));
                }
                if (held.size() == limit) {
                    break;
                }
            }
        }
        return held;
    }

    private static Money amount(Map<String, AttributeValue> payment) {
        return new Money(Long.parseLong(payment.get("amount").n()), payment.get("currency").s());
    }

    private static Map<String, AttributeValue> held(Instant at) {
        return Map.of("heldOn", AttributeValue.fromS(LocalDate.ofInstant(at, ZoneOffset.UTC).toString()),
                "heldAt", millis(at));
    }

    private static AttributeValue millis(Instant at) {
        return AttributeValue.fromN(Long.toString(at.toEpochMilli()));
    }

    Optional<Payment> payment(String paymentId) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(key(paymentKey(paymentId))).consistentRead(true)).item();
        if (item == null || !item.containsKey("state")) {
            return Optional.empty();
        }
        return Optional.of(new Payment(paymentId, State.valueOf(item.get("state").s()), item.get("orderId").s(),
                amount(item)));
    }

    /** The bank's decision, taken once: true when this call decided it (false: decided before, or no such payment). A success is held from now. */
    boolean decide(String paymentId, State decision) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":decision", AttributeValue.fromS(decision.name()),
                ":open", AttributeValue.fromS(State.REQUIRES_ACTION.name())));
        String set = "SET #state = :decision";
        if (decision == State.SUCCEEDED) {
            held(clock.instant()).forEach((name, value) -> values.put(":" + name, value));
            set += ", heldOn = :heldOn, heldAt = :heldAt";
        }
        String update = set;
        try {
            dynamo.updateItem(r -> r.tableName(table).key(key(paymentKey(paymentId)))
                    .updateExpression(update)
                    .conditionExpression("#state = :open")
                    .expressionAttributeNames(Map.of("#state", "state"))
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private static final String PAYMENT_PREFIX = "payment:";

    private static String paymentKey(String paymentId) {
        return PAYMENT_PREFIX + paymentId;
    }

    private static Map<String, AttributeValue> key(String key) {
        return Map.of("idempotencyKey", AttributeValue.fromS(key));
    }
}
