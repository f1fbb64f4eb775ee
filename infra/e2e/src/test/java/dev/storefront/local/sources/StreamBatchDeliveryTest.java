package dev.storefront.local.sources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.storefront.samlocal.DynamodbEvents;
import dev.storefront.samlocal.LambdaInvoker;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Lambda's stream error handling, against a scripted function: no emulators, no waiting (1 ms pauses). */
class StreamBatchDeliveryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STREAM = "arn:aws:dynamodb:us-east-1:000000000000:table/Orders/stream/2026-01-01T00:00:00.000";

    private final List<List<String>> invocations = new ArrayList<>();
    private final List<String> checkpoints = new ArrayList<>();
    private final List<JsonNode> failureRecords = new ArrayList<>();

    @Test
    void a_successful_batch_is_delivered_once_and_checkpointed_at_its_last_record() {
        StreamBatchDelivery delivery = delivery(mapping(2, false, false), batch -> "null");

        boolean done = delivery.deliver("shard-1", records(3), checkpoints::add);

        assertThat(done).isTrue();
        assertThat(invocations).containsExactly(List.of("1", "2", "3"));
        assertThat(checkpoints).containsExactly("3");
        assertThat(failureRecords).isEmpty();
    }

    @Test
    void a_reported_item_failure_checkpoints_before_it_and_retries_from_it() {
        List<String> failOnce = new ArrayList<>(List.of("3"));
        StreamBatchDelivery delivery = delivery(mapping(2, false, true),
                batch -> batch.contains("3") && failOnce.remove("3") ? failures("3") : "{\"batchItemFailures\":[]}");

        delivery.deliver("shard-1", records(5), checkpoints::add);

        assertThat(invocations).containsExactly(List.of("1", "2", "3", "4", "5"), List.of("3", "4", "5"));
        assertThat(checkpoints).containsExactly("2", "5");
        assertThat(failureRecords).isEmpty();
    }

    @Test
    void a_crashing_batch_is_bisected_until_the_culprit_is_alone_then_retried_and_sent_to_the_destination() {
        StreamBatchDelivery delivery = delivery(mapping(1, true, false), batch -> {
            if (batch.contains("3")) {
                throw new IllegalStateException("poison");
            }
            return "null";
        });

        boolean done = delivery.deliver("shard-7", records(4), checkpoints::add);

        assertThat(done).isTrue();
        assertThat(invocations).containsExactly(List.of("1", "2", "3", "4"), List.of("1", "2"), List.of("3", "4"),
                List.of("3"), List.of("3"), List.of("4"));
        assertThat(checkpoints).containsExactly("2", "3", "4");
        assertThat(failureRecords).hasSize(1);
        JsonNode failure = failureRecords.get(0);
        assertThat(failure.at("/requestContext/condition").asText()).isEqualTo("RetryAttemptsExhausted");
        assertThat(failure.at("/requestContext/approximateInvokeCount").asInt()).isEqualTo(4);
        assertThat(failure.at("/requestContext/functionArn").asText()).isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:Relay");
        assertThat(failure.at("/responseContext/functionError").asText()).isEqualTo("Unhandled");
        assertThat(failure.at("/version").asText()).isEqualTo("1.0");
        assertThat(failure.at("/timestamp").asText()).isEqualTo("2026-03-01T10:00:00Z");
        assertThat(failure.at("/DDBStreamBatchInfo/shardId").asText()).isEqualTo("shard-7");
        assertThat(failure.at("/DDBStreamBatchInfo/startSequenceNumber").asText()).isEqualTo("3");
        assertThat(failure.at("/DDBStreamBatchInfo/endSequenceNumber").asText()).isEqualTo("3");
        assertThat(failure.at("/DDBStreamBatchInfo/batchSize").asInt()).isEqualTo(1);
        assertThat(failure.at("/DDBStreamBatchInfo/streamArn").asText()).isEqualTo(STREAM);
        assertThat(failure.at("/DDBStreamBatchInfo/approximateArrivalOfFirstRecord").asText()).isEqualTo("2026-03-01T09:00:00Z");
    }

    @Test
    void without_bisecting_the_whole_batch_is_retried_and_then_sent_on_as_one() {
        StreamBatchDelivery delivery = delivery(mapping(2, false, false), batch -> {
            throw new IllegalStateException("down");
        });

        delivery.deliver("shard-1", records(3), checkpoints::add);

        assertThat(invocations).hasSize(3).containsOnly(List.of("1", "2", "3"));
        assertThat(checkpoints).containsExactly("3");
        assertThat(failureRecords).extracting(f -> f.at("/DDBStreamBatchInfo/batchSize").asInt()).containsExactly(3);
    }

    @Test
    void an_invalid_batch_response_fails_the_whole_batch() {
        List<String> responses = new ArrayList<>(List.of(failures("not-in-batch"), "null"));
        StreamBatchDelivery delivery = delivery(mapping(2, false, true), batch -> responses.remove(0));

        delivery.deliver("shard-1", records(2), checkpoints::add);

        assertThat(invocations).containsExactly(List.of("1", "2"), List.of("1", "2"));
        assertThat(checkpoints).containsExactly("2");
    }

    @Test
    void with_unlimited_retries_the_shard_waits_for_the_record_to_succeed() {
        int[] calls = {0};
        StreamBatchDelivery delivery = delivery(mapping(-1, false, false), batch -> {
            if (++calls[0] < 6) {
                throw new IllegalStateException("not yet");
            }
            return "null";
        });

        delivery.deliver("shard-1", records(1), checkpoints::add);

        assertThat(invocations).hasSize(6);
        assertThat(checkpoints).containsExactly("1");
        assertThat(failureRecords).isEmpty();
    }

    @Test
    void records_older_than_the_maximum_age_go_to_the_destination_without_being_delivered() {
        List<Record> records = List.of(record(1, Instant.parse("2026-03-01T09:00:00Z")), record(2, Instant.parse("2026-03-01T09:00:00Z")),
                record(3, Instant.parse("2026-03-01T09:59:30Z")));
        StreamBatchDelivery delivery = delivery(mapping(2, 600, false, false), batch -> "null");

        delivery.deliver("shard-1", records, checkpoints::add);

        assertThat(invocations).containsExactly(List.of("3"));
        assertThat(checkpoints).containsExactly("2", "3");
        assertThat(failureRecords).hasSize(1);
        assertThat(failureRecords.get(0).at("/requestContext/condition").asText()).isEqualTo("RecordAgeExceeded");
        assertThat(failureRecords.get(0).at("/requestContext/approximateInvokeCount").asInt()).isZero();
        assertThat(failureRecords.get(0).at("/DDBStreamBatchInfo/batchSize").asInt()).isEqualTo(2);
    }

    @Test
    void stopping_during_retries_leaves_the_records_for_the_next_run() {
        StopSignal stop = new StopSignal();
        StreamBatchDelivery delivery = new StreamBatchDelivery(mapping(-1, false, false), invocable(batch -> {
            stop.raise();
            throw new IllegalStateException("down");
        }), record -> failureRecords.add(read(record)), "us-east-1", stop, Duration.ofMillis(1), clock());

        boolean done = delivery.deliver("shard-1", records(2), checkpoints::add);

        assertThat(done).isFalse();
        assertThat(invocations).hasSize(1);
        assertThat(checkpoints).isEmpty();
    }

    private StreamBatchDelivery delivery(StreamMapping mapping, Function<List<String>, String> function) {
        return new StreamBatchDelivery(mapping, invocable(function), record -> failureRecords.add(read(record)),
                "us-east-1", new StopSignal(), Duration.ofMillis(1), clock());
    }

    /** A function that records the sequence numbers of each batch and answers as scripted. */
    private Invocable invocable(Function<List<String>, String> function) {
        return (event, requestId) -> {
            List<String> sequenceNumbers = new ArrayList<>();
            read(event).path("Records").forEach(r -> sequenceNumbers.add(r.at("/dynamodb/SequenceNumber").asText()));
            invocations.add(sequenceNumbers);
            try {
                return function.apply(sequenceNumbers);
            } catch (IllegalStateException e) {
                throw new LambdaInvoker.HandlerFailure("Relay", e);
            }
        };
    }

    private static StreamMapping mapping(int retries, boolean bisect, boolean reportFailures) {
        return mapping(retries, -1, bisect, reportFailures);
    }

    private static StreamMapping mapping(int retries, int maximumAge, boolean bisect, boolean reportFailures) {
        return new StreamMapping("Relay", "Changes", STREAM, "TRIM_HORIZON", 100, retries, maximumAge, bisect, reportFailures,
                "arn:aws:sqs:us-east-1:000000000000:failures", "http://localhost/000000000000/failures");
    }

    /** Records with sequence numbers 1..count, written an hour before the clock's now. */
    private static List<Record> records(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> record(i, Instant.parse("2026-03-01T09:00:00Z"))).toList();
    }

    private static Record record(int sequenceNumber, Instant at) {
        return DynamodbEvents.change(OperationType.INSERT, Map.of("id", AttributeValue.fromS("o-" + sequenceNumber)), null,
                Map.of("id", AttributeValue.fromS("o-" + sequenceNumber)), Integer.toString(sequenceNumber), at);
    }

    private static String failures(String sequenceNumber) {
        return "{\"batchItemFailures\":[{\"itemIdentifier\":\"" + sequenceNumber + "\"}]}";
    }

    private static Clock clock() {
        return Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
