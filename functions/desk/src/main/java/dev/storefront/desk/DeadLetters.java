package dev.storefront.desk;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.storefront.domain.Problem;
import dev.storefront.domain.ProblemCode;
import dev.storefront.http.Redaction;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.ListMessageMoveTasksResultEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What operators see of the dead-letter queues and how they send messages back. Reading never
 * consumes: samples are received with a short visibility timeout and let go at once (their
 * receive count goes up by one, which SQS cannot avoid). Bodies are shown redacted
 * ({@link Redaction}) and bounded. Redrive sends every message back to the queue it came from: SQS's own
 * message-move task for standard queues, an in-order move for FIFO ones.
 */
@Singleton
class DeadLetters {

    /** Samples per queue: enough to see what is wrong, few enough for one short answer. */
    static final int SAMPLES = 5;
    /** A larger body is shown by its size only. */
    static final int MAX_SAMPLE_CHARS = 16 * 1024;
    /** How long a redrive waits for SQS to report the move task finished before answering "running". */
    static final Duration REDRIVE_WAIT = Duration.ofSeconds(5);

    static final String RUNNING = "RUNNING";
    static final String COMPLETED = "COMPLETED";

    private static final int PEEK_VISIBILITY_SECONDS = 10;

    private final SqsClient sqs;
    private final DeadLetterQueues queues;
    private final JsonMapper json;

    DeadLetters(SqsClient sqs, DeadLetterQueues queues, JsonMapper json) {
        this.sqs = sqs;
        this.queues = queues;
        this.json = json;
    }

    @Serdeable
    record Sample(String messageId, int receiveCount, Object body) {
    }

    @Serdeable
    record QueueView(String queue, long approximateCount, boolean redrivable, @JsonInclude(JsonInclude.Include.ALWAYS) List<Sample> samples) {
    }

    @Serdeable
    record Redrive(String queue, String status, long moved, long toMove) {
    }

    List<QueueView> all() {
        return queues.all().stream().map(this::view).toList();
    }

    private QueueView view(DeadLetterQueues.Queue queue) {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(r -> r.queueUrl(queue.url())
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .attributes();
        long count = Long.parseLong(attributes.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0"))
                + Long.parseLong(attributes.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "0"));
        List<Message> received = count == 0 ? List.of() : sqs.receiveMessage(r -> r.queueUrl(queue.url()).maxNumberOfMessages(SAMPLES)
                .visibilityTimeout(PEEK_VISIBILITY_SECONDS).waitTimeSeconds(0)
                .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).messages();
        if (!received.isEmpty()) {
            sqs.changeMessageVisibilityBatch(r -> r.queueUrl(queue.url()).entries(received.stream()
                    .map(m -> ChangeMessageVisibilityBatchRequestEntry.builder().id(m.messageId().replaceAll("[^A-Za-z0-9_-]", "_"))
                            .receiptHandle(m.receiptHandle()).visibilityTimeout(0).build())
                    .toList()));
        }
        List<Sample> samples = received.stream().map(m -> new Sample(m.messageId(),
                Integer.parseInt(m.attributes().getOrDefault(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "0")),
                shown(m.body()))).toList();
        return new QueueView(queue.name(), Math.max(count, samples.size()), queue.redrivable(), samples);
    }

    /** The body as operators may see it: redacted JSON, or a note for what is too large or not JSON. */
    Object shown(String body) {
        if (body.length() > MAX_SAMPLE_CHARS) {
            return "(" + body.length() + " characters, over " + MAX_SAMPLE_CHARS + ": read it with aws sqs receive-message)";
        }
        try {
            JsonNode tree = json.readValue(body, JsonNode.class);
            return tree == null ? "(empty)" : Redaction.redact(tree);
        } catch (IOException e) {
            return "(" + body.length() + " characters, not JSON)";
        }
    }

    /** Moves every message of the named dead-letter queue back to its source queue. */
    Redrive redrive(String name) {
        DeadLetterQueues.Queue queue = queues.named(name)
                .orElseThrow(() -> new Problem(ProblemCode.NOT_FOUND, "no dead-letter queue " + Problem.quote(name) + " in this stack"));
        if (!queue.redrivable()) {
            throw new Problem(ProblemCode.CONFLICT, Problem.quote(name) + " holds records of failed stream batches, not messages; "
                    + "docs/ARCHITECTURE.md says how they are replayed");
        }
        return queue.url().endsWith(".fifo") ? moveInOrder(queue) : moveTask(queue);
    }

    /** SQS's own move task (standard queues), waited for at most {@link #REDRIVE_WAIT}. */
    private Redrive moveTask(DeadLetterQueues.Queue queue) {
        String source = arn(queue.url());
        String destination = arn(queue.sourceUrl());
        String handle = sqs.startMessageMoveTask(r -> r.sourceArn(source).destinationArn(destination)).taskHandle();
        long deadline = System.nanoTime() + REDRIVE_WAIT.toNanos();
        while (true) {
            Optional<ListMessageMoveTasksResultEntry> task = sqs.listMessageMoveTasks(r -> r.sourceArn(source).maxResults(10)).results().stream()
                    .filter(t -> t.taskHandle() == null || handle.equals(t.taskHandle())).findFirst();
            String status = task.map(ListMessageMoveTasksResultEntry::status).orElse(RUNNING);
            long moved = task.map(t -> t.approximateNumberOfMessagesMoved() == null ? 0L : t.approximateNumberOfMessagesMoved()).orElse(0L);
            long toMove = task.map(t -> t.approximateNumberOfMessagesToMove() == null ? moved : t.approximateNumberOfMessagesToMove()).orElse(0L);
            if (!RUNNING.equals(status) || System.nanoTime() > deadline) {
                return new Redrive(queue.name(), status, moved, toMove);
            }
            try {
                // The move runs inside SQS; this only paces the status reads of a bounded wait.
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Redrive(queue.name(), status, moved, toMove);
            }
        }
    }

    /**
     * FIFO queues: receive, send, delete, ten at a time in the queue's order, for at most
     * {@link #REDRIVE_WAIT} (a longer backlog answers RUNNING; the next call goes on). Each message
     * keeps its group; its deduplication id is derived from its DLQ message id, so a move cut
     * between send and delete is dropped by the source queue as a duplicate when it is sent again.
     */
    private Redrive moveInOrder(DeadLetterQueues.Queue queue) {
        long deadline = System.nanoTime() + REDRIVE_WAIT.toNanos();
        long moved = 0;
        while (System.nanoTime() < deadline) {
            List<Message> batch = sqs.receiveMessage(r -> r.queueUrl(queue.url()).maxNumberOfMessages(10).waitTimeSeconds(0)
                    .visibilityTimeout(30).messageAttributeNames("All")
                    .messageSystemAttributeNames(MessageSystemAttributeName.MESSAGE_GROUP_ID)).messages();
            if (batch.isEmpty()) {
                return new Redrive(queue.name(), COMPLETED, moved, moved);
            }
            for (Message message : batch) {
                sqs.sendMessage(r -> r.queueUrl(queue.sourceUrl()).messageBody(message.body())
                        .messageAttributes(message.messageAttributes())
                        .messageGroupId(message.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID))
                        .messageDeduplicationId("redrive-" + message.messageId()));
                sqs.deleteMessage(r -> r.queueUrl(queue.url()).receiptHandle(message.receiptHandle()));
                moved++;
            }
        }
        return new Redrive(queue.name(), RUNNING, moved, moved);
    }

    private String arn(String url) {
        return sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
    }
}
