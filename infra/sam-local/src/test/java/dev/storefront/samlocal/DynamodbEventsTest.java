package dev.storefront.samlocal;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Identity;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DynamodbEventsTest {

    private static final String STREAM_ARN = "arn:aws:dynamodb:us-east-1:000000000000:table/Orders/stream/2026-01-01T00:00:00.000";
    private static final Instant AT = Instant.parse("2026-03-01T10:15:30Z");
    private static final Map<String, AttributeValue> KEYS = Map.of("orderId", s("o-1"));

    /** Every kind of attribute value a DynamoDB image can hold. */
    private static final Map<String, AttributeValue> IMAGE = Map.of(
            "orderId", s("o-1"),
            "total", AttributeValue.fromN("4999"),
            "paid", AttributeValue.fromBool(true),
            "note", AttributeValue.fromNul(true),
            "tags", AttributeValue.fromSs(List.of("gift", "express")),
            "sizes", AttributeValue.fromNs(List.of("42", "43")),
            "blob", AttributeValue.fromB(SdkBytes.fromString("hi", StandardCharsets.UTF_8)),
            "lines", AttributeValue.fromL(List.of(AttributeValue.fromM(Map.of("sku", s("TRAIL-42"), "qty", AttributeValue.fromN("2"))))),
            "address", AttributeValue.fromM(Map.of("city", s("Lyon"))));

    @Test
    void an_event_has_the_shape_lambda_sends_for_a_dynamodb_stream() throws Exception {
        Record modify = DynamodbEvents.change(OperationType.MODIFY, KEYS, Map.of("orderId", s("o-1"), "status", s("PLACED")),
                Map.of("orderId", s("o-1"), "status", s("SHIPPED")), "300000000000000499659", AT);

        JsonNode record = new ObjectMapper().readTree(DynamodbEvents.event(STREAM_ARN, "us-east-1", List.of(modify))).path("Records").get(0);

        assertThat(record.path("eventID").asText()).isEqualTo(modify.eventID());
        assertThat(record.path("eventName").asText()).isEqualTo("MODIFY");
        assertThat(record.path("eventVersion").asText()).isEqualTo("1.1");
        assertThat(record.path("eventSource").asText()).isEqualTo("aws:dynamodb");
        assertThat(record.path("awsRegion").asText()).isEqualTo("us-east-1");
        assertThat(record.path("eventSourceARN").asText()).isEqualTo(STREAM_ARN);
        JsonNode change = record.path("dynamodb");
        assertThat(change.path("ApproximateCreationDateTime").asLong()).isEqualTo(AT.getEpochSecond());
        assertThat(change.at("/Keys/orderId/S").asText()).isEqualTo("o-1");
        assertThat(change.at("/OldImage/status/S").asText()).isEqualTo("PLACED");
        assertThat(change.at("/NewImage/status/S").asText()).isEqualTo("SHIPPED");
        assertThat(change.path("SequenceNumber").asText()).isEqualTo("300000000000000499659");
        assertThat(change.path("SizeBytes").asLong()).isPositive();
        assertThat(change.path("StreamViewType").asText()).isEqualTo("NEW_AND_OLD_IMAGES");
        assertThat(record.has("userIdentity")).isFalse();
    }

    @Test
    void a_value_the_sdk_read_back_with_no_member_an_empty_map_from_a_stream_is_written_as_an_empty_map() {
        AttributeValue variant = AttributeValue.fromM(Map.of("sku", s("MUG"), "attributes", AttributeValue.builder().build()));

        JsonNode written = DynamodbEvents.attributeValue(AttributeValue.fromL(List.of(variant)));

        assertThat(written.at("/L/0/M/sku").toString()).isEqualTo("{\"S\":\"MUG\"}");
        assertThat(written.at("/L/0/M/attributes").toString()).isEqualTo("{\"M\":{}}");
    }

    @Test
    void the_lambda_runtime_deserializes_it_into_a_DynamodbEvent_with_every_attribute_value_intact() {
        Record insert = DynamodbEvents.change(OperationType.INSERT, KEYS, null, IMAGE, "100", AT);
        Record ttlRemove = DynamodbEvents.change(OperationType.REMOVE, KEYS, IMAGE, null, "200", AT).toBuilder()
                .userIdentity(Identity.builder().type("Service").principalId("dynamodb.amazonaws.com").build()).build();

        DynamodbEvent event = LambdaEventSerializers.serializerFor(DynamodbEvent.class, getClass().getClassLoader())
                .fromJson(DynamodbEvents.event(STREAM_ARN, "us-east-1", List.of(insert, ttlRemove)));

        assertThat(event.getRecords()).hasSize(2);
        DynamodbEvent.DynamodbStreamRecord first = event.getRecords().get(0);
        assertThat(first.getEventID()).isEqualTo(insert.eventID());
        assertThat(first.getEventName()).isEqualTo("INSERT");
        assertThat(first.getEventVersion()).isEqualTo("1.1");
        assertThat(first.getEventSource()).isEqualTo("aws:dynamodb");
        assertThat(first.getEventSourceARN()).isEqualTo(STREAM_ARN);
        assertThat(first.getAwsRegion()).isEqualTo("us-east-1");
        assertThat(first.getDynamodb().getSequenceNumber()).isEqualTo("100");
        assertThat(first.getDynamodb().getStreamViewType()).isEqualTo("NEW_AND_OLD_IMAGES");
        assertThat(first.getDynamodb().getApproximateCreationDateTime().toInstant()).isEqualTo(AT);
        assertThat(first.getDynamodb().getKeys().get("orderId").getS()).isEqualTo("o-1");
        assertThat(first.getDynamodb().getOldImage()).isNull();

        var image = first.getDynamodb().getNewImage();
        assertThat(image).hasSize(IMAGE.size());
        assertThat(image.get("orderId").getS()).isEqualTo("o-1");
        assertThat(image.get("total").getN()).isEqualTo("4999");
        assertThat(image.get("paid").getBOOL()).isTrue();
        assertThat(image.get("note").isNULL()).isTrue();
        assertThat(image.get("tags").getSS()).containsExactly("gift", "express");
        assertThat(image.get("sizes").getNS()).containsExactly("42", "43");
        assertThat(StandardCharsets.UTF_8.decode(image.get("blob").getB()).toString()).isEqualTo("hi");
        var line = image.get("lines").getL().get(0).getM();
        assertThat(line.get("sku").getS()).isEqualTo("TRAIL-42");
        assertThat(line.get("qty").getN()).isEqualTo("2");
        assertThat(image.get("address").getM().get("city").getS()).isEqualTo("Lyon");

        DynamodbEvent.DynamodbStreamRecord removed = event.getRecords().get(1);
        assertThat(removed.getEventName()).isEqualTo("REMOVE");
        assertThat(removed.getDynamodb().getNewImage()).isNull();
        assertThat(removed.getDynamodb().getOldImage().get("total").getN()).isEqualTo("4999");
        assertThat(removed.getUserIdentity().getType()).isEqualTo("Service");
        assertThat(removed.getUserIdentity().getPrincipalId()).isEqualTo("dynamodb.amazonaws.com");
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
