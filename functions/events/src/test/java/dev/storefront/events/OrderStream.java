package dev.storefront.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.storefront.testsupport.TestStack;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * DynamoDB stream events of the Orders table, field for field as Lambda hands them over for a
 * NEW_AND_OLD_IMAGES stream (see the AWS sample under src/test/resources/events), with ascending
 * sequence numbers. Built here until shared/test-support's DynamodbEvents is committed.
 */
final class OrderStream {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private OrderStream() {
    }

    static ObjectNode insert(Map<String, AttributeValue> newImage) {
        return record("INSERT", newImage, null, newImage);
    }

    static ObjectNode modify(Map<String, AttributeValue> oldImage, Map<String, AttributeValue> newImage) {
        return record("MODIFY", newImage, oldImage, newImage);
    }

    static ObjectNode remove(Map<String, AttributeValue> oldImage) {
        return record("REMOVE", oldImage, oldImage, null);
    }

    static String sequenceNumber(ObjectNode record) {
        return record.path("dynamodb").path("SequenceNumber").asText();
    }

    /** The event of one shard's batch, records in stream order. */
    static String event(ObjectNode... records) {
        ObjectNode event = JSON.createObjectNode();
        ArrayNode array = event.putArray("Records");
        for (ObjectNode record : records) {
            array.add(record);
        }
        return event.toString();
    }

    private static ObjectNode record(String name, Map<String, AttributeValue> any, Map<String, AttributeValue> oldImage,
            Map<String, AttributeValue> newImage) {
        TestStack stack = TestStack.shared();
        ObjectNode record = JSON.createObjectNode();
        record.put("eventID", UUID.randomUUID().toString().replace("-", ""));
        record.put("eventName", name);
        record.put("eventVersion", "1.1");
        record.put("eventSource", "aws:dynamodb");
        record.put("awsRegion", stack.emulators().region());
        ObjectNode dynamodb = record.putObject("dynamodb");
        dynamodb.put("ApproximateCreationDateTime", 1_740_824_130L);
        dynamodb.set("Keys", JSON.createObjectNode().set("orderId", value(any.get("orderId"))));
        if (newImage != null) {
            dynamodb.set("NewImage", item(newImage));
        }
        if (oldImage != null) {
            dynamodb.set("OldImage", item(oldImage));
        }
        // Real ones are 21 to 40 digits, increasing within a shard.
        dynamodb.put("SequenceNumber", "4421584500000000" + String.format("%012d", SEQUENCE.incrementAndGet()));
        dynamodb.put("SizeBytes", 512);
        dynamodb.put("StreamViewType", "NEW_AND_OLD_IMAGES");
        record.put("eventSourceARN", stack.resources().streamArn("OrdersTable"));
        return record;
    }

    static ObjectNode item(Map<String, AttributeValue> item) {
        ObjectNode node = JSON.createObjectNode();
        item.forEach((k, v) -> node.set(k, value(v)));
        return node;
    }

    private static ObjectNode value(AttributeValue value) {
        ObjectNode node = JSON.createObjectNode();
        switch (value.type()) {
            case S -> node.put("S", value.s());
            case N -> node.put("N", value.n());
            case BOOL -> node.put("BOOL", value.bool());
            case NUL -> node.put("NULL", true);
            case M -> node.set("M", item(value.m()));
            case L -> {
                ArrayNode list = node.putArray("L");
                value.l().forEach(v -> list.add(value(v)));
            }
            default -> throw new IllegalArgumentException("not in an order item: " + value);
        }
        return node;
    }
}
