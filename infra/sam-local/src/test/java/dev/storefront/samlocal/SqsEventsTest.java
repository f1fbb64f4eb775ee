package dev.storefront.samlocal;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SqsEventsTest {

    private static final String QUEUE_ARN = "arn:aws:sqs:us-east-1:000000000000:order-events";

    @Test
    void an_event_has_the_shape_lambda_sends_for_a_standard_queue() throws Exception {
        Message message = SqsEvents.message("{\"type\":\"order.placed\"}", Map.of("traceId", SqsEvents.stringAttribute("t-1")));

        JsonNode record = new ObjectMapper().readTree(SqsEvents.event(QUEUE_ARN, "us-east-1", List.of(message))).path("Records").get(0);

        assertThat(record.path("messageId").asText()).isEqualTo(message.messageId());
        assertThat(record.path("receiptHandle").asText()).isEqualTo(message.receiptHandle());
        assertThat(record.path("body").asText()).isEqualTo("{\"type\":\"order.placed\"}");
        assertThat(record.at("/attributes/ApproximateReceiveCount").asText()).isEqualTo("1");
        assertThat(record.at("/attributes/SentTimestamp").asText()).matches("\\d{13}");
        assertThat(record.at("/messageAttributes/traceId/stringValue").asText()).isEqualTo("t-1");
        assertThat(record.at("/messageAttributes/traceId/dataType").asText()).isEqualTo("String");
        assertThat(record.at("/messageAttributes/traceId/stringListValues").isArray()).isTrue();
        assertThat(record.path("md5OfBody").asText()).isEqualTo(SqsEvents.md5("{\"type\":\"order.placed\"}"));
        assertThat(record.path("eventSource").asText()).isEqualTo("aws:sqs");
        assertThat(record.path("eventSourceARN").asText()).isEqualTo(QUEUE_ARN);
        assertThat(record.path("awsRegion").asText()).isEqualTo("us-east-1");
    }

    @Test
    void the_lambda_runtime_deserializes_it_into_an_SQSEvent_with_fifo_and_binary_attributes() {
        Message fifo = SqsEvents.fifoMessage("shipped", "order-1", "dedup-1", "18849496460467696128");
        Message binary = SqsEvents.message("b", Map.of("blob", MessageAttributeValue.builder().dataType("Binary")
                .binaryValue(SdkBytes.fromString("\u0001\u0002", StandardCharsets.ISO_8859_1)).build()));

        SQSEvent event = LambdaEventSerializers.serializerFor(SQSEvent.class, getClass().getClassLoader())
                .fromJson(SqsEvents.event(QUEUE_ARN + ".fifo", "us-east-1", List.of(fifo, binary)));

        assertThat(event.getRecords()).hasSize(2);
        SQSEvent.SQSMessage first = event.getRecords().get(0);
        assertThat(first.getMessageId()).isEqualTo(fifo.messageId());
        assertThat(first.getBody()).isEqualTo("shipped");
        assertThat(first.getAttributes()).containsEntry("MessageGroupId", "order-1")
                .containsEntry("MessageDeduplicationId", "dedup-1")
                .containsEntry("SequenceNumber", "18849496460467696128")
                .containsEntry("ApproximateReceiveCount", "1");
        assertThat(first.getEventSourceArn()).isEqualTo(QUEUE_ARN + ".fifo");
        assertThat(first.getEventSource()).isEqualTo("aws:sqs");
        assertThat(first.getAwsRegion()).isEqualTo("us-east-1");
        assertThat(first.getMd5OfBody()).isEqualTo(SqsEvents.md5("shipped"));
        SQSEvent.MessageAttribute blob = event.getRecords().get(1).getMessageAttributes().get("blob");
        assertThat(blob.getDataType()).isEqualTo("Binary");
        assertThat(blob.getBinaryValue().remaining()).isEqualTo(2);
        assertThat(blob.getBinaryValue().get(0)).isEqualTo((byte) 1);
    }
}
