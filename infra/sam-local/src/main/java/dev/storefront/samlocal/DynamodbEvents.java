package dev.storefront.samlocal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Builds the event a DynamoDB stream event-source mapping hands a function, field for field as
 * Lambda sends it: {@code Records[]} with {@code eventID}, {@code eventName} (INSERT, MODIFY,
 * REMOVE), {@code eventVersion} "1.1", {@code eventSource} "aws:dynamodb", {@code awsRegion},
 * {@code dynamodb} ({@code ApproximateCreationDateTime} in epoch seconds, {@code Keys},
 * {@code NewImage}, {@code OldImage} in DynamoDB JSON, {@code SequenceNumber}, {@code SizeBytes},
 * {@code StreamViewType}), {@code userIdentity} for TTL deletions, and {@code eventSourceARN}.
 *
 * <p>The local runtime builds its events from the records GetRecords returned with {@link #event};
 * handler tests make records with {@link #change} and pass them to the same method.
 */
public final class DynamodbEvents {

    public static final String EVENT_SOURCE = "aws:dynamodb";
    public static final String EVENT_VERSION = "1.1";

    private static final ObjectMapper JSON = new ObjectMapper();

    private DynamodbEvents() {
    }

    /** The event for a batch of stream records of one shard, in stream order. */
    public static String event(String streamArn, String region, List<Record> records) {
        ObjectNode event = JSON.createObjectNode();
        ArrayNode array = event.putArray("Records");
        for (Record record : records) {
            array.add(record(streamArn, region, record));
        }
        return event.toString();
    }

    /** One element of {@code Records}. The region and source are the mapping's, not what an emulator reports. */
    public static ObjectNode record(String streamArn, String region, Record record) {
        ObjectNode node = JSON.createObjectNode();
        node.put("eventID", record.eventID());
        node.put("eventName", record.eventNameAsString());
        node.put("eventVersion", EVENT_VERSION);
        node.put("eventSource", EVENT_SOURCE);
        node.put("awsRegion", region);
        StreamRecord change = record.dynamodb();
        ObjectNode dynamodb = node.putObject("dynamodb");
        if (change.approximateCreationDateTime() != null) {
            dynamodb.put("ApproximateCreationDateTime", change.approximateCreationDateTime().getEpochSecond());
        }
        if (change.hasKeys()) {
            dynamodb.set("Keys", item(change.keys()));
        }
        if (change.hasNewImage()) {
            dynamodb.set("NewImage", item(change.newImage()));
        }
        if (change.hasOldImage()) {
            dynamodb.set("OldImage", item(change.oldImage()));
        }
        dynamodb.put("SequenceNumber", change.sequenceNumber());
        if (change.sizeBytes() != null) {
            dynamodb.put("SizeBytes", change.sizeBytes());
        }
        if (change.streamViewType() != null) {
            dynamodb.put("StreamViewType", change.streamViewTypeAsString());
        }
        if (record.userIdentity() != null) {
            ObjectNode identity = node.putObject("userIdentity");
            identity.put("type", record.userIdentity().type());
            identity.put("principalId", record.userIdentity().principalId());
        }
        node.put("eventSourceARN", streamArn);
        return node;
    }

    /** An item in DynamoDB JSON ({@code {"name": {"S": "x"}}}), as stream images are written. */
    public static ObjectNode item(Map<String, AttributeValue> item) {
        ObjectNode node = JSON.createObjectNode();
        item.forEach((name, value) -> node.set(name, attributeValue(value)));
        return node;
    }

    /** One attribute value in DynamoDB JSON; binary values in base64. */
    public static ObjectNode attributeValue(AttributeValue value) {
        ObjectNode node = JSON.createObjectNode();
        switch (value.type()) {
            case S -> node.put("S", value.s());
            case N -> node.put("N", value.n());
            case B -> node.put("B", base64(value.b()));
            case BOOL -> node.put("BOOL", value.bool());
            case NUL -> node.put("NULL", true);
            case SS -> value.ss().forEach(node.putArray("SS")::add);
            case NS -> value.ns().forEach(node.putArray("NS")::add);
            case BS -> {
                ArrayNode set = node.putArray("BS");
                value.bs().forEach(b -> set.add(base64(b)));
            }
            case M -> node.set("M", item(value.m()));
            case L -> {
                ArrayNode list = node.putArray("L");
                value.l().forEach(v -> list.add(attributeValue(v)));
            }
            // The SDK reads an empty map or list ({"M": {}}, {"L": []}) back from a stream as a value
            // with no member at all, so which one it was is lost. Only those two can be empty; the
            // map is the one our items hold (a variant without attributes), and throwing here would
            // stop the whole stream mapping.
            case UNKNOWN_TO_SDK_VERSION -> node.set("M", JSON.createObjectNode());
            default -> throw new IllegalArgumentException("Unknown DynamoDB attribute value " + value);
        }
        return node;
    }

    /**
     * A stream record as DynamoDB writes one for a table with {@code NEW_AND_OLD_IMAGES}: for tests
     * of stream handlers. {@code oldImage} is null for an INSERT, {@code newImage} null for a REMOVE.
     */
    public static Record change(OperationType operation, Map<String, AttributeValue> keys,
            Map<String, AttributeValue> oldImage, Map<String, AttributeValue> newImage, String sequenceNumber, Instant at) {
        StreamRecord.Builder change = StreamRecord.builder()
                .approximateCreationDateTime(at)
                .keys(keys)
                .sequenceNumber(sequenceNumber)
                .sizeBytes((long) (item(keys).toString().length()
                        + (oldImage == null ? 0 : item(oldImage).toString().length())
                        + (newImage == null ? 0 : item(newImage).toString().length())))
                .streamViewType(StreamViewType.NEW_AND_OLD_IMAGES);
        if (oldImage != null) {
            change.oldImage(oldImage);
        }
        if (newImage != null) {
            change.newImage(newImage);
        }
        return Record.builder()
                .eventID(UUID.randomUUID().toString().replace("-", ""))
                .eventName(operation)
                .eventVersion(EVENT_VERSION)
                .eventSource(EVENT_SOURCE)
                .dynamodb(change.build())
                .build();
    }

    private static String base64(SdkBytes bytes) {
        return Base64.getEncoder().encodeToString(bytes.asByteArray());
    }
}
