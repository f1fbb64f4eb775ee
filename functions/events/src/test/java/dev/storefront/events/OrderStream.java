package dev.storefront.events;

import dev.storefront.samlocal.DynamodbEvents;
import dev.storefront.testsupport.TestStack;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Records of the Orders table's stream (NEW_AND_OLD_IMAGES) and the events Lambda builds of them,
 * through test-support's {@link DynamodbEvents}, with ascending sequence numbers as one shard has.
 */
final class OrderStream {

    private static final AtomicLong SEQUENCE = new AtomicLong();
    private static final Instant WRITTEN = Instant.parse("2025-03-01T10:15:30Z");

    private OrderStream() {
    }

    static Record insert(Map<String, AttributeValue> newImage) {
        return change(OperationType.INSERT, newImage, null, newImage);
    }

    static Record modify(Map<String, AttributeValue> oldImage, Map<String, AttributeValue> newImage) {
        return change(OperationType.MODIFY, newImage, oldImage, newImage);
    }

    static Record remove(Map<String, AttributeValue> oldImage) {
        return change(OperationType.REMOVE, oldImage, oldImage, null);
    }

    static String sequenceNumber(Record record) {
        return record.dynamodb().sequenceNumber();
    }

    /** The event of one shard's batch, records in stream order. */
    static String event(Record... records) {
        TestStack stack = TestStack.shared();
        return DynamodbEvents.event(stack.resources().streamArn("OrdersTable"), stack.emulators().region(), List.of(records));
    }

    private static Record change(OperationType operation, Map<String, AttributeValue> any, Map<String, AttributeValue> oldImage,
            Map<String, AttributeValue> newImage) {
        // Real sequence numbers are 21 to 40 digits, increasing within a shard.
        String sequenceNumber = "4421584500000000" + String.format("%012d", SEQUENCE.incrementAndGet());
        return DynamodbEvents.change(operation, Map.of("orderId", any.get("orderId")), oldImage, newImage, sequenceNumber, WRITTEN);
    }
}
