package dev.storefront.local.sources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.storefront.local.LocalRuntime;
import dev.storefront.samlocal.EmulatorOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The template's SQS, DynamoDB stream and schedule events run through the local runtime as Lambda
 * runs them, against fixture functions loaded from their own jar (see {@link FixtureFunctions}).
 * Each test uses its own message bodies or item keys, so the tests share one runtime.
 */
class EventSourceMappingsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    @TempDir
    static Path dir;
    static LocalRuntime runtime;
    static Path records;

    @BeforeAll
    static void start() throws Exception {
        records = dir.resolve("records");
        Path template = FixtureFunctions.write(dir, records);
        System.setProperty(ScheduleClock.SPEEDUP_PROPERTY, "60");  // rate(1 minute) fires every second
        try {
            runtime = LocalRuntime.start(new LocalRuntime.Options(template, 0, 0, 0, null, null, null, EmulatorOptions.DEFAULT_REGION, true));
        } finally {
            System.clearProperty(ScheduleClock.SPEEDUP_PROPERTY);
        }
    }

    @AfterAll
    static void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    // ------------------------------------------------------------------ SQS

    @Test
    void messages_arriving_within_the_batching_window_reach_the_function_in_one_batch_and_are_deleted() {
        String run = UUID.randomUUID().toString();
        List<String> bodies = IntStream.range(0, 5).mapToObj(i -> run + "-" + i).toList();

        bodies.forEach(body -> sqs().sendMessage(b -> b.queueUrl(url("BatchedQueue")).messageBody(body)
                .messageAttributes(Map.of("trace", MessageAttributeValue.builder().dataType("String").stringValue("t-" + body).build()))));

        await().atMost(DEADLINE).until(() -> lines("QueueConsumer", run).size() == 5);
        List<String[]> seen = lines("QueueConsumer", run);
        assertThat(seen).extracting(l -> l[0]).as("one invocation").containsOnly(seen.get(0)[0]);
        assertThat(seen).extracting(l -> l[1]).containsOnly("5");
        assertThat(seen).extracting(l -> l[3]).containsExactlyInAnyOrderElementsOf(bodies);
        assertThat(seen).extracting(l -> l[4]).containsOnly("1");
        assertThat(seen).extracting(l -> l[7]).containsOnly(runtime.resources().queueArn("BatchedQueue"));
        assertThat(seen).extracting(l -> l[8]).allMatch(trace -> trace.startsWith("t-" + run));
        await().atMost(DEADLINE).until(() -> messagesIn("BatchedQueue") == 0);
    }

    @Test
    void a_poison_message_fails_alone_and_reaches_the_dlq_after_max_receive_count_while_its_batch_is_deleted() {
        String run = UUID.randomUUID().toString();
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            entries.add(SendMessageBatchRequestEntry.builder().id("m" + i).messageBody(run + "-ok-" + i).build());
        }
        entries.add(SendMessageBatchRequestEntry.builder().id("poison").messageBody(run + "-poison").build());

        sqs().sendMessageBatch(b -> b.queueUrl(url("OrdersQueue")).entries(entries));

        await().atMost(DEADLINE).until(() -> messagesIn("OrdersDlq") == 1 && messagesIn("OrdersQueue") == 0);
        assertThat(receiveAll("OrdersDlq")).extracting(Message::body).containsExactly(run + "-poison");
        List<String[]> seen = lines("QueueConsumer", run);
        for (int i = 0; i < 9; i++) {
            String body = run + "-ok-" + i;
            assertThat(seen).filteredOn(l -> l[3].equals(body)).as(body + " processed once").hasSize(1);
        }
        assertThat(seen).filteredOn(l -> l[3].equals(run + "-poison")).extracting(l -> l[4])
                .as("received maxReceiveCount (2) times").containsExactly("1", "2");
    }

    @Test
    void when_the_handler_throws_nothing_is_deleted_and_the_message_is_redriven() {
        String body = "crash-" + UUID.randomUUID();

        sqs().sendMessage(b -> b.queueUrl(url("RetriesQueue")).messageBody(body));

        await().atMost(DEADLINE).until(() -> messagesIn("RetriesDlq") == 1 && messagesIn("RetriesQueue") == 0);
        assertThat(receiveAll("RetriesDlq")).extracting(Message::body).containsExactly(body);
        assertThat(lines("QueueConsumer", body)).extracting(l -> l[4]).containsExactly("1", "2");
    }

    @Test
    void a_fifo_queue_delivers_each_message_group_in_order_with_its_fifo_attributes() {
        String run = UUID.randomUUID().toString();
        List<String> sent = List.of("a1", "b1", "a2", "b2", "a3", "b3");

        sent.forEach(m -> sqs().sendMessage(b -> b.queueUrl(url("UpdatesQueue")).messageBody(run + "-" + m)
                .messageGroupId(run + "-" + m.charAt(0))));

        await().atMost(DEADLINE).until(() -> lines("QueueConsumer", run).size() == 6);
        List<String[]> seen = lines("QueueConsumer", run);
        for (String group : List.of("a", "b")) {
            List<String[]> inGroup = seen.stream().filter(l -> l[5].equals(run + "-" + group)).toList();
            assertThat(inGroup).extracting(l -> l[3]).containsExactly(run + "-" + group + "1", run + "-" + group + "2", run + "-" + group + "3");
            assertThat(inGroup).extracting(l -> new BigInteger(l[6])).isSorted().doesNotHaveDuplicates();
        }
        assertThat(seen).extracting(l -> l[7]).containsOnly(runtime.resources().queueArn("UpdatesQueue"));
        await().atMost(DEADLINE).until(() -> messagesIn("UpdatesQueue") == 0);
    }

    @Test
    void a_filtered_mapping_invokes_only_for_matching_messages_and_deletes_the_others_unseen() {
        String run = UUID.randomUUID().toString();

        sqs().sendMessage(b -> b.queueUrl(url("FilteredQueue")).messageBody("{\"kind\":\"other\",\"run\":\"" + run + "-other\"}"));
        sqs().sendMessage(b -> b.queueUrl(url("FilteredQueue")).messageBody("{\"kind\":\"wanted\",\"run\":\"" + run + "-wanted\"}"));

        await().atMost(DEADLINE).until(() -> messagesIn("FilteredQueue") == 0);
        await().atMost(DEADLINE).until(() -> lines("QueueConsumer", run).size() == 1);
        assertThat(lines("QueueConsumer", run)).extracting(l -> l[3]).singleElement().asString().contains(run + "-wanted");
    }

    @Test
    void a_disabled_mapping_leaves_its_queue_alone() {
        String body = "paused-" + UUID.randomUUID();
        sqs().sendMessage(b -> b.queueUrl(url("PausedQueue")).messageBody(body));

        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> visibleIn("PausedQueue") == 1);
        assertThat(lines("QueueConsumer", body)).isEmpty();
    }

    // ------------------------------------------------------------------ DynamoDB stream

    @Test
    void stream_records_arrive_in_order_with_keys_and_old_and_new_images() {
        String id = "item-" + UUID.randomUUID();
        String table = runtime.resources().tableName("ItemsTable");

        runtime.dynamo().putItem(b -> b.tableName(table).item(Map.of("id", s(id), "status", s("NEW"),
                "count", AttributeValue.fromN("1"), "tags", AttributeValue.fromSs(List.of("gift", "express")))));
        runtime.dynamo().updateItem(b -> b.tableName(table).key(Map.of("id", s(id)))
                .updateExpression("SET #s = :s").expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(Map.of(":s", s("PAID"))));
        runtime.dynamo().deleteItem(b -> b.tableName(table).key(Map.of("id", s(id))));

        await().atMost(DEADLINE).until(() -> keyed(id).size() == 3);
        List<String[]> seen = keyed(id);
        assertThat(seen).extracting(l -> l[2]).containsExactly("INSERT", "MODIFY", "REMOVE");
        assertThat(seen).extracting(l -> l[5]).containsExactly("NEW", "PAID", "null");
        assertThat(seen).extracting(l -> l[6]).containsExactly("null", "NEW", "PAID");
        assertThat(seen.get(0)[7]).isEqualTo("1");
        assertThat(Set.of(seen.get(0)[8].split(","))).containsExactlyInAnyOrder("gift", "express");
        assertThat(seen).extracting(l -> new BigInteger(l[3])).isSorted().doesNotHaveDuplicates();
        assertThat(seen).extracting(l -> l[9]).containsOnly(runtime.resources().streamArn("ItemsTable"));
    }

    @Test
    void a_record_that_keeps_crashing_is_isolated_by_bisecting_and_sent_to_the_on_failure_queue() throws Exception {
        String run = UUID.randomUUID().toString();
        List<String> good = IntStream.range(0, 8).mapToObj(i -> run + "-ok-" + i).toList();
        String crash = "crash-" + run;
        List<String> keys = new ArrayList<>(good.subList(0, 4));
        keys.add(crash);
        keys.addAll(good.subList(4, 8));

        putAll(keys);

        await().atMost(DEADLINE).until(() -> failureRecordStartingAt(crash) != null);
        JsonNode failure = failureRecordStartingAt(crash);
        assertThat(failure.at("/requestContext/condition").asText()).isEqualTo("RetryAttemptsExhausted");
        assertThat(failure.at("/requestContext/approximateInvokeCount").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(failure.at("/requestContext/functionArn").asText()).endsWith(":function:StreamConsumer");
        assertThat(failure.at("/responseContext/functionError").asText()).isEqualTo("Unhandled");
        assertThat(failure.at("/DDBStreamBatchInfo/batchSize").asInt()).as("bisected down to the culprit").isEqualTo(1);
        assertThat(failure.at("/DDBStreamBatchInfo/endSequenceNumber").asText()).isEqualTo(failure.at("/DDBStreamBatchInfo/startSequenceNumber").asText());
        assertThat(failure.at("/DDBStreamBatchInfo/streamArn").asText()).isEqualTo(runtime.resources().streamArn("ItemsTable"));
        assertThat(failure.at("/DDBStreamBatchInfo/shardId").asText()).isNotBlank();
        await().atMost(DEADLINE).until(() -> good.stream().allMatch(k -> !keyed(k).isEmpty()));

        String after = run + "-after";
        putAll(List.of(after));
        await("the shard goes on after the failure").atMost(DEADLINE).until(() -> keyed(after).size() == 1);
    }

    @Test
    void a_reported_item_failure_is_retried_from_its_sequence_number_and_then_sent_to_the_on_failure_queue() throws Exception {
        String run = UUID.randomUUID().toString();
        String reject = "reject-" + run;

        putAll(List.of(run + "-a", run + "-b", reject));

        await().atMost(DEADLINE).until(() -> failureRecordStartingAt(reject) != null);
        JsonNode failure = failureRecordStartingAt(reject);
        assertThat(failure.at("/requestContext/condition").asText()).isEqualTo("RetryAttemptsExhausted");
        assertThat(failure.at("/responseContext/functionError").isMissingNode()).isTrue();
        assertThat(keyed(reject)).as("delivered once and retried once (MaximumRetryAttempts 1)").hasSize(2);
        assertThat(keyed(run + "-a")).as("checkpointed before the failed item, never redelivered").hasSize(1);
        assertThat(keyed(run + "-b")).hasSize(1);
    }

    // ------------------------------------------------------------------ schedules

    @Test
    void schedules_invoke_the_function_with_a_scheduled_event_at_the_sped_up_pace() {
        String rule = "arn:aws:events:us-east-1:000000000000:rule/TickerEveryMinute";
        String schedule = "arn:aws:scheduler:us-east-1:000000000000:schedule/default/minutely";

        await().atMost(DEADLINE).until(() -> lines("Ticker", rule).size() >= 2 && lines("Ticker", schedule).size() >= 2);
        List<String[]> ticks = lines("Ticker", "");
        assertThat(ticks).extracting(l -> l[1]).containsOnly("Scheduled Event");
        assertThat(ticks).extracting(l -> l[2]).containsOnly("aws.events");
        assertThat(ticks).extracting(l -> l[3]).containsOnly(rule, schedule);
        assertThat(ticks).extracting(l -> l[0]).doesNotHaveDuplicates();
    }

    // ------------------------------------------------------------------ helpers

    private static SqsClient sqs() {
        return runtime.sqs();
    }

    private static String url(String queue) {
        return runtime.resources().queueUrl(queue);
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static void putAll(List<String> ids) {
        List<WriteRequest> writes = ids.stream().map(id -> WriteRequest.builder()
                .putRequest(PutRequest.builder().item(Map.of("id", s(id), "status", s("NEW"))).build()).build()).toList();
        runtime.dynamo().batchWriteItem(b -> b.requestItems(Map.of(runtime.resources().tableName("ItemsTable"), writes)));
    }

    /** Visible plus in-flight messages. */
    private static int messagesIn(String queue) {
        Map<QueueAttributeName, String> attributes = sqs().getQueueAttributes(b -> b.queueUrl(url(queue)).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    private static int visibleIn(String queue) {
        return Integer.parseInt(sqs().getQueueAttributes(b -> b.queueUrl(url(queue))
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes().get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
    }

    /** What the queue holds, left visible for the next look. */
    private static List<Message> receiveAll(String queue) {
        return sqs().receiveMessage(b -> b.queueUrl(url(queue)).maxNumberOfMessages(10).visibilityTimeout(0).waitTimeSeconds(1)).messages();
    }

    /** The on-failure record whose batch starts with the stream record of this key, or null. */
    private static JsonNode failureRecordStartingAt(String key) throws IOException {
        List<String[]> seen = keyed(key);
        if (seen.isEmpty()) {
            return null;
        }
        for (Message message : receiveAll("StreamFailures")) {
            JsonNode failure = JSON.readTree(message.body());
            if (failure.at("/DDBStreamBatchInfo/startSequenceNumber").asText().equals(seen.get(0)[3])) {
                return failure;
            }
        }
        return null;
    }

    /** The stream consumer's lines about one item key. */
    private static List<String[]> keyed(String key) {
        return lines("StreamConsumer", "").stream().filter(l -> l[4].equals(key)).toList();
    }

    /** A fixture function's recorded lines that contain {@code marker}, split at tabs. */
    private static List<String[]> lines(String function, String marker) {
        Path file = records.resolve(function + ".log");
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            String text = Files.readString(file);
            String complete = text.substring(0, text.lastIndexOf('\n') + 1);  // a line being written is not one yet
            return complete.lines().filter(l -> l.contains(marker)).map(l -> l.split("\t", -1)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
