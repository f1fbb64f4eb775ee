package dev.storefront.samlocal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Builds the event an SQS event-source mapping hands a function, field for field as Lambda sends
 * it: {@code Records[]} with {@code messageId}, {@code receiptHandle}, {@code body}, the system
 * {@code attributes} as strings ({@code ApproximateReceiveCount}, {@code SentTimestamp}, and for
 * FIFO queues {@code MessageGroupId}, {@code MessageDeduplicationId}, {@code SequenceNumber}),
 * {@code messageAttributes} in Lambda's camelCase shape, {@code md5OfBody}, {@code eventSource}
 * {@code aws:sqs}, {@code eventSourceARN} and {@code awsRegion}.
 *
 * <p>The local runtime builds its events from the messages it received with {@link #event}; handler
 * tests build messages with {@link #message} or {@link #fifoMessage} and pass them to the same method.
 */
public final class SqsEvents {

    public static final String EVENT_SOURCE = "aws:sqs";

    private static final ObjectMapper JSON = new ObjectMapper();

    private SqsEvents() {
    }

    /** The event for a batch of received messages, in the order given. */
    public static String event(String queueArn, String region, List<Message> messages) {
        ObjectNode event = JSON.createObjectNode();
        ArrayNode records = event.putArray("Records");
        for (Message message : messages) {
            records.add(record(queueArn, region, message));
        }
        return event.toString();
    }

    /** One element of {@code Records}. */
    public static ObjectNode record(String queueArn, String region, Message message) {
        ObjectNode record = JSON.createObjectNode();
        record.put("messageId", message.messageId());
        record.put("receiptHandle", message.receiptHandle());
        record.put("body", message.body());
        ObjectNode attributes = record.putObject("attributes");
        message.attributesAsStrings().forEach(attributes::put);
        ObjectNode messageAttributes = record.putObject("messageAttributes");
        message.messageAttributes().forEach((name, value) -> messageAttributes.set(name, messageAttribute(value)));
        if (message.md5OfMessageAttributes() != null) {
            record.put("md5OfMessageAttributes", message.md5OfMessageAttributes());
        }
        record.put("md5OfBody", message.md5OfBody() != null ? message.md5OfBody() : md5(message.body()));
        record.put("eventSource", EVENT_SOURCE);
        record.put("eventSourceARN", queueArn);
        record.put("awsRegion", region);
        return record;
    }

    /** A message attribute as Lambda writes it: camelCase, binary values in base64, empty lists present. */
    public static ObjectNode messageAttribute(MessageAttributeValue value) {
        ObjectNode node = JSON.createObjectNode();
        if (value.stringValue() != null) {
            node.put("stringValue", value.stringValue());
        }
        if (value.binaryValue() != null) {
            node.put("binaryValue", base64(value.binaryValue()));
        }
        ArrayNode strings = node.putArray("stringListValues");
        value.stringListValues().forEach(strings::add);
        ArrayNode binaries = node.putArray("binaryListValues");
        value.binaryListValues().forEach(b -> binaries.add(base64(b)));
        node.put("dataType", value.dataType());
        return node;
    }

    /** A message from a standard queue as SQS delivers it the first time. */
    public static Message message(String body) {
        return message(body, Map.of());
    }

    /** As {@link #message(String)}, with message attributes. */
    public static Message message(String body, Map<String, MessageAttributeValue> messageAttributes) {
        return baseMessage(body, firstReceiveAttributes(Instant.now()), messageAttributes);
    }

    /** A message from a FIFO queue as SQS delivers it the first time. */
    public static Message fifoMessage(String body, String messageGroupId, String deduplicationId, String sequenceNumber) {
        Map<MessageSystemAttributeName, String> attributes = firstReceiveAttributes(Instant.now());
        attributes.put(MessageSystemAttributeName.MESSAGE_GROUP_ID, messageGroupId);
        attributes.put(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID, deduplicationId);
        attributes.put(MessageSystemAttributeName.SEQUENCE_NUMBER, sequenceNumber);
        return baseMessage(body, attributes, Map.of());
    }

    /** A string message attribute, the common case. */
    public static MessageAttributeValue stringAttribute(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }

    /** Hex MD5 of the UTF-8 text, as SQS reports {@code MD5OfBody}. */
    public static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every JDK", e);
        }
    }

    private static Message baseMessage(String body, Map<MessageSystemAttributeName, String> attributes,
            Map<String, MessageAttributeValue> messageAttributes) {
        return Message.builder()
                .messageId(UUID.randomUUID().toString())
                .receiptHandle(Base64.getEncoder().encodeToString(UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8)))
                .body(body)
                .md5OfBody(md5(body))
                .attributes(attributes)
                .messageAttributes(messageAttributes)
                .build();
    }

    private static Map<MessageSystemAttributeName, String> firstReceiveAttributes(Instant sent) {
        Map<MessageSystemAttributeName, String> attributes = new LinkedHashMap<>();
        attributes.put(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "1");
        attributes.put(MessageSystemAttributeName.SENT_TIMESTAMP, Long.toString(sent.toEpochMilli()));
        attributes.put(MessageSystemAttributeName.SENDER_ID, IntrinsicResolver.ACCOUNT_ID);
        attributes.put(MessageSystemAttributeName.APPROXIMATE_FIRST_RECEIVE_TIMESTAMP, Long.toString(sent.toEpochMilli()));
        return attributes;
    }

    private static String base64(SdkBytes bytes) {
        return Base64.getEncoder().encodeToString(bytes.asByteArray());
    }
}
