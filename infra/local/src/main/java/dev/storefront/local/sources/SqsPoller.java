package dev.storefront.local.sources;

import dev.storefront.samlocal.LambdaInvoker;
import dev.storefront.samlocal.SqsEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.Message;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * One SQS event-source mapping: long-polls the queue for up to {@code BatchSize} messages (waiting
 * up to the batching window to fill the batch), invokes the function with the SQS event, then
 * deletes what succeeded. With {@code ReportBatchItemFailures} the messages the function names in
 * {@code batchItemFailures} stay, become visible again after the queue's visibility timeout and
 * are retried until the queue's redrive policy moves them to its dead-letter queue. When the
 * handler throws, or its response is not a valid batch response, nothing is deleted.
 *
 * <p>One invocation at a time per mapping, so a FIFO queue's batch (SQS never hands out a message
 * group's next messages while earlier ones are in flight) is processed in order, in one invocation.
 */
final class SqsPoller implements EventSourceLoop {

    /** Short enough that stopping the runtime waits at most this long for a poll to return. */
    static final int LONG_POLL_SECONDS = 2;
    private static final int MAX_MESSAGES_PER_RECEIVE = 10;
    private static final Duration ERROR_BACKOFF = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(SqsPoller.class);

    private final SqsMapping mapping;
    private final Invocable function;
    private final SqsClient sqs;
    private final String region;
    private final StopSignal stop;

    SqsPoller(SqsMapping mapping, Invocable function, SqsClient sqs, String region, StopSignal stop) {
        this.mapping = mapping;
        this.function = function;
        this.sqs = sqs;
        this.region = region;
        this.stop = stop;
    }

    @Override
    public void run() {
        while (!stop.raised()) {
            try {
                List<Message> batch = filtered(receiveBatch());
                if (!batch.isEmpty() && !stop.raised()) {
                    deliver(batch);
                }
            } catch (SdkException e) {
                if (stop.raised()) {
                    return;
                }
                LOG.warn("poll failed function={} source=SQS:{} error=\"{}\"", mapping.function(), mapping.queueName(), e.getMessage());
                stop.await(ERROR_BACKOFF);
            }
        }
    }

    /** Up to BatchSize messages: what one long poll brings, topped up until the batching window closes. */
    private List<Message> receiveBatch() {
        List<Message> batch = new ArrayList<>(receive(Math.min(MAX_MESSAGES_PER_RECEIVE, mapping.batchSize()), LONG_POLL_SECONDS));
        if (batch.isEmpty() || mapping.batchingWindow().isZero()) {
            return batch;
        }
        long deadline = System.nanoTime() + mapping.batchingWindow().toNanos();
        while (batch.size() < mapping.batchSize() && !stop.raised()) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                break;
            }
            int waitSeconds = (int) Math.min(20, Math.max(1, Duration.ofNanos(remaining).toSeconds()));
            batch.addAll(receive(Math.min(MAX_MESSAGES_PER_RECEIVE, mapping.batchSize() - batch.size()), waitSeconds));
        }
        return batch;
    }

    @SuppressWarnings("deprecation")  // attributeNames: older SQS servers know only that name
    private List<Message> receive(int max, int waitSeconds) {
        return sqs.receiveMessage(b -> b.queueUrl(mapping.queueUrl())
                .maxNumberOfMessages(max)
                .waitTimeSeconds(waitSeconds)
                .attributeNamesWithStrings("All")
                .messageSystemAttributeNamesWithStrings("All")
                .messageAttributeNames("All")).messages();
    }

    /** What the mapping's filter accepts; the rest is deleted unseen by the function, as Lambda does. */
    private List<Message> filtered(List<Message> batch) {
        if (mapping.filter().isNone()) {
            return batch;
        }
        List<Message> accepted = batch.stream().filter(mapping.filter()::accepts).toList();
        if (accepted.size() < batch.size()) {
            delete(batch.stream().filter(m -> !accepted.contains(m)).toList());
        }
        return accepted;
    }

    private void deliver(List<Message> batch) {
        long started = System.nanoTime();
        String response;
        try {
            response = function.invoke(SqsEvents.event(mapping.queueArn(), region, batch), UUID.randomUUID().toString());
        } catch (LambdaInvoker.HandlerFailure e) {
            log(batch.size(), batch.size(), started, "handler failed: " + e.getCause());
            return;
        }
        List<String> ids = batch.stream().map(Message::messageId).toList();
        BatchItemFailures failures = mapping.reportsBatchItemFailures() ? BatchItemFailures.read(response, ids) : BatchItemFailures.none();
        if (failures.wholeBatchFailed()) {
            log(batch.size(), batch.size(), started, "invalid batch response: " + failures.invalid());
            return;
        }
        Set<String> failed = new HashSet<>(failures.failed());
        delete(batch.stream().filter(m -> !failed.contains(m.messageId())).toList());
        log(batch.size(), failed.size(), started, null);
    }

    private void delete(List<Message> messages) {
        for (int from = 0; from < messages.size(); from += MAX_MESSAGES_PER_RECEIVE) {
            List<Message> chunk = messages.subList(from, Math.min(messages.size(), from + MAX_MESSAGES_PER_RECEIVE));
            List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < chunk.size(); i++) {
                entries.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(i)).receiptHandle(chunk.get(i).receiptHandle()).build());
            }
            DeleteMessageBatchResponse response = sqs.deleteMessageBatch(b -> b.queueUrl(mapping.queueUrl()).entries(entries));
            response.failed().forEach(f -> LOG.warn("delete failed function={} source=SQS:{} messageId={} error=\"{}\"",
                    mapping.function(), mapping.queueName(), chunk.get(Integer.parseInt(f.id())).messageId(), f.message()));
        }
    }

    private void log(int batch, int failures, long started, String error) {
        long ms = (System.nanoTime() - started) / 1_000_000;
        if (error == null) {
            LOG.info("invoked function={} source=SQS:{} event={} batch={} failures={} ms={}",
                    mapping.function(), mapping.queueName(), mapping.event(), batch, failures, ms);
        } else {
            LOG.info("invoked function={} source=SQS:{} event={} batch={} failures={} ms={} error=\"{}\"",
                    mapping.function(), mapping.queueName(), mapping.event(), batch, failures, ms, error);
        }
    }

    @Override
    public String description() {
        return mapping.function() + " <- SQS " + mapping.queueName() + " (batch " + mapping.batchSize()
                + (mapping.batchingWindow().isZero() ? "" : ", window " + mapping.batchingWindow().toSeconds() + " s")
                + (mapping.reportsBatchItemFailures() ? ", partial batch failures" : "") + ")";
    }

    @Override
    public String name() {
        return "sqs-" + mapping.function() + "-" + mapping.event();
    }
}
