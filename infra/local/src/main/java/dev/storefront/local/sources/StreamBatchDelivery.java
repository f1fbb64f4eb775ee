package dev.storefront.local.sources;

import dev.storefront.samlocal.DynamodbEvents;
import dev.storefront.samlocal.LambdaInvoker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.Record;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Delivers one batch of a shard's records to the function with Lambda's stream error handling,
 * and moves the shard's checkpoint past every record that is done with:
 *
 * <ul>
 *   <li>success: the whole batch is done;</li>
 *   <li>{@code ReportBatchItemFailures}: the records before the first reported sequence number are
 *       done; the batch is retried from that record;</li>
 *   <li>the handler threw, with {@code BisectBatchOnFunctionError}: the batch is split in two halves,
 *       each delivered on its own (a split is not a retry);</li>
 *   <li>otherwise the same records are retried with growing pauses; after
 *       {@code MaximumRetryAttempts} retries (never, for -1) a failure record describing them goes
 *       to the on-failure destination, and they are done;</li>
 *   <li>records older than {@code MaximumRecordAgeInSeconds} are not delivered (again): they go to
 *       the on-failure destination.</li>
 * </ul>
 *
 * Records of a shard are processed strictly in order: nothing after a failing record is delivered
 * until that record is done.
 */
final class StreamBatchDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(StreamBatchDelivery.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    private final StreamMapping mapping;
    private final Invocable function;
    private final Consumer<String> onFailure;
    private final String region;
    private final StopSignal stop;
    private final Duration firstBackoff;
    private final Clock clock;

    /**
     * @param onFailure    receives the failure record of a batch given up on (Lambda's on-failure destination)
     * @param firstBackoff the pause before the first retry; it doubles with each further retry, up to 10 s
     */
    StreamBatchDelivery(StreamMapping mapping, Invocable function, Consumer<String> onFailure, String region,
            StopSignal stop, Duration firstBackoff, Clock clock) {
        this.mapping = mapping;
        this.function = function;
        this.onFailure = onFailure;
        this.region = region;
        this.stop = stop;
        this.firstBackoff = firstBackoff;
        this.clock = clock;
    }

    /** One invocation's result: the index of the first record not done (-1: all done), and why. */
    private record Outcome(int firstFailed, boolean functionError, String error) {
        boolean succeeded() {
            return firstFailed < 0;
        }
    }

    /**
     * Delivers {@code records} (in shard order) until every one is done, calling {@code checkpoint}
     * with the sequence number of the last record done after each step. Returns false when the
     * runtime stopped first; the records not yet checkpointed are then delivered again next time.
     */
    boolean deliver(String shardId, List<Record> records, Consumer<String> checkpoint) {
        Deque<List<Record>> pending = new ArrayDeque<>();
        pending.add(records);
        int retries = 0;
        Map<String, Integer> invocations = new HashMap<>();  // per sequence number: how often it was sent
        while (!pending.isEmpty()) {
            if (stop.raised()) {
                return false;
            }
            List<Record> batch = pending.removeFirst();
            int expired = expired(batch);
            if (expired > 0) {
                List<Record> old = batch.subList(0, expired);
                giveUp(shardId, old, StreamFailureRecord.RECORD_AGE_EXCEEDED,
                        invocations.getOrDefault(old.get(0).dynamodb().sequenceNumber(), 0), false);
                checkpoint.accept(last(old));
                if (expired == batch.size()) {
                    continue;
                }
                batch = batch.subList(expired, batch.size());
            }
            Outcome outcome = invoke(shardId, batch);
            batch.forEach(r -> invocations.merge(r.dynamodb().sequenceNumber(), 1, Integer::sum));
            if (outcome.succeeded()) {
                checkpoint.accept(last(batch));
                retries = 0;
                continue;
            }
            if (outcome.firstFailed() > 0) {
                checkpoint.accept(batch.get(outcome.firstFailed() - 1).dynamodb().sequenceNumber());
                batch = batch.subList(outcome.firstFailed(), batch.size());
            }
            if (outcome.functionError() && mapping.bisectBatchOnFunctionError() && batch.size() > 1) {
                int half = batch.size() / 2;
                pending.addFirst(batch.subList(half, batch.size()));
                pending.addFirst(batch.subList(0, half));
                continue;
            }
            if (mapping.maximumRetryAttempts() >= 0 && retries >= mapping.maximumRetryAttempts()) {
                giveUp(shardId, batch, StreamFailureRecord.RETRIES_EXHAUSTED,
                        invocations.get(batch.get(0).dynamodb().sequenceNumber()), outcome.functionError());
                checkpoint.accept(last(batch));
                retries = 0;
                continue;
            }
            retries++;
            pending.addFirst(batch);
            if (stop.await(backoff(retries))) {
                return false;
            }
        }
        return true;
    }

    private Outcome invoke(String shardId, List<Record> batch) {
        long started = System.nanoTime();
        Outcome outcome;
        try {
            String response = function.invoke(DynamodbEvents.event(mapping.streamArn(), region, batch), UUID.randomUUID().toString());
            outcome = mapping.reportsBatchItemFailures() ? partial(batch, response) : new Outcome(-1, false, null);
        } catch (LambdaInvoker.HandlerFailure e) {
            outcome = new Outcome(0, true, "handler failed: " + e.getCause());
        }
        long ms = (System.nanoTime() - started) / 1_000_000;
        int failures = outcome.succeeded() ? 0 : batch.size() - outcome.firstFailed();
        if (outcome.error() == null) {
            LOG.info("invoked function={} source=DynamoDB:{} event={} shard={} batch={} failures={} ms={}",
                    mapping.function(), mapping.tableName(), mapping.event(), shardId, batch.size(), failures, ms);
        } else {
            LOG.info("invoked function={} source=DynamoDB:{} event={} shard={} batch={} failures={} ms={} error=\"{}\"",
                    mapping.function(), mapping.tableName(), mapping.event(), shardId, batch.size(), failures, ms, outcome.error());
        }
        return outcome;
    }

    private static Outcome partial(List<Record> batch, String response) {
        List<String> sequenceNumbers = batch.stream().map(r -> r.dynamodb().sequenceNumber()).toList();
        BatchItemFailures failures = BatchItemFailures.read(response, sequenceNumbers);
        if (failures.wholeBatchFailed()) {
            return new Outcome(0, false, "invalid batch response: " + failures.invalid());
        }
        int first = failures.failed().stream().mapToInt(sequenceNumbers::indexOf).min().orElse(-1);
        return first < 0 ? new Outcome(-1, false, null)
                : new Outcome(first, false, "reported failure of " + sequenceNumbers.get(first));
    }

    /** How many leading records of the batch are older than MaximumRecordAgeInSeconds. */
    private int expired(List<Record> batch) {
        if (mapping.maximumRecordAgeSeconds() < 0) {
            return 0;
        }
        Instant oldest = clock.instant().minusSeconds(mapping.maximumRecordAgeSeconds());
        int expired = 0;
        while (expired < batch.size()) {
            Instant created = batch.get(expired).dynamodb().approximateCreationDateTime();
            if (created == null || !created.isBefore(oldest)) {
                break;
            }
            expired++;
        }
        return expired;
    }

    private void giveUp(String shardId, List<Record> batch, String condition, int invocations, boolean functionError) {
        String failure = StreamFailureRecord.json(mapping, region, shardId, batch, condition, invocations, functionError, clock.instant());
        LOG.warn("gave up function={} source=DynamoDB:{} event={} shard={} batch={} sequenceNumbers={}..{} condition={} destination={}",
                mapping.function(), mapping.tableName(), mapping.event(), shardId, batch.size(),
                batch.get(0).dynamodb().sequenceNumber(), last(batch), condition,
                mapping.onFailureArn() == null ? "none (records discarded)" : mapping.onFailureArn());
        onFailure.accept(failure);
    }

    private Duration backoff(int retry) {
        Duration pause = firstBackoff.multipliedBy(1L << Math.min(retry - 1, 16));
        return pause.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : pause;
    }

    private static String last(List<Record> batch) {
        return batch.get(batch.size() - 1).dynamodb().sequenceNumber();
    }
}
