package dev.storefront.aws;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

import java.util.Map;

/**
 * How every event envelope goes onto a queue: the JSON body, and {@code type} and {@code eventId}
 * as message attributes so consumers can filter or drop duplicates without parsing the body. On a
 * FIFO queue the group is the order (its events stay in order) and the eventId is the
 * deduplication id (a resend within SQS's window is dropped by SQS itself).
 */
public final class EventMessages {

    private EventMessages() {
    }

    /** Sends one envelope; returns SQS's message id, or throws when SQS did not take it. */
    public static String send(SqsClient sqs, String queueUrl, String body, String type, String eventId, String fifoGroupId) {
        SendMessageRequest.Builder request = SendMessageRequest.builder().queueUrl(queueUrl).messageBody(body)
                .messageAttributes(Map.of("type", text(type), "eventId", text(eventId)));
        if (fifoGroupId != null) {
            request.messageGroupId(fifoGroupId).messageDeduplicationId(eventId);
        }
        return sqs.sendMessage(request.build()).messageId();
    }

    /** The same message as one entry of a SendMessageBatch (standard queues); {@code id} is unique within the batch. */
    public static SendMessageBatchRequestEntry batchEntry(String id, String body, String type, String eventId) {
        return SendMessageBatchRequestEntry.builder().id(id).messageBody(body)
                .messageAttributes(Map.of("type", text(type), "eventId", text(eventId))).build();
    }

    private static MessageAttributeValue text(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
