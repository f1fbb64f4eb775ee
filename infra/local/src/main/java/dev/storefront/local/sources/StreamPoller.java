package dev.storefront.local.sources;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamDescription;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One DynamoDB stream event-source mapping: follows the stream's shards (DescribeStream, again
 * whenever a shard ends and every few seconds, since DynamoDB rolls shards), reads each shard in
 * order with GetShardIterator / GetRecords, a child shard only once its parent is done, and hands
 * each batch of records to {@link StreamBatchDelivery}. Positions are kept in
 * {@link StreamCheckpoints}: a restart resumes after the last record processed; a mapping that
 * never ran starts at its StartingPosition ({@code LATEST}: after what the shards hold now).
 */
final class StreamPoller implements EventSourceLoop {

    /** Lambda polls each shard about four times a second. */
    private static final Duration IDLE_PAUSE = Duration.ofMillis(250);
    private static final Duration REFRESH_INTERVAL = Duration.ofSeconds(5);
    private static final Duration ERROR_BACKOFF = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(StreamPoller.class);

    private final StreamMapping mapping;
    private final DynamoDbStreamsClient streams;
    private final StreamBatchDelivery delivery;
    private final StreamCheckpoints checkpoints;
    private final StopSignal stop;
    /** Shard id to its parent's id (null for none), in the order DescribeStream lists them. */
    private final Map<String, String> parents = new LinkedHashMap<>();
    /** Open iterators of the shards being read. */
    private final Map<String, String> iterators = new LinkedHashMap<>();
    private boolean firstRefresh = true;
    private long refreshDue;

    StreamPoller(StreamMapping mapping, DynamoDbStreamsClient streams, StreamBatchDelivery delivery,
            StreamCheckpoints checkpoints, StopSignal stop) {
        this.mapping = mapping;
        this.streams = streams;
        this.delivery = delivery;
        this.checkpoints = checkpoints;
        this.stop = stop;
    }

    @Override
    public void run() {
        while (!stop.raised()) {
            try {
                if (System.nanoTime() - refreshDue >= 0) {
                    refreshShards();
                }
                boolean busy = false;
                for (String shardId : readableShards()) {
                    if (stop.raised()) {
                        return;
                    }
                    busy |= poll(shardId);
                }
                if (!busy) {
                    stop.await(IDLE_PAUSE);
                }
            } catch (SdkException e) {
                if (stop.raised()) {
                    return;
                }
                if (e instanceof TrimmedDataAccessException) {
                    // Routine on DynamoDB Local (its shards roll over while an iterator is held): reopened below.
                    LOG.info("iterator expired function={} source=DynamoDB:{}: reopening at the checkpoint", mapping.function(), mapping.tableName());
                } else {
                    LOG.warn("poll failed function={} source=DynamoDB:{} error=\"{}\"", mapping.function(), mapping.tableName(), e.getMessage());
                }
                iterators.clear();
                stop.await(ERROR_BACKOFF);
            }
        }
    }

    /** Learns the stream's shards; a shard seen for the first time gets its starting position. */
    private void refreshShards() {
        String exclusiveStart = null;
        do {
            String from = exclusiveStart;
            StreamDescription description = streams.describeStream(b -> b.streamArn(mapping.streamArn()).exclusiveStartShardId(from))
                    .streamDescription();
            for (Shard shard : description.shards()) {
                if (!parents.containsKey(shard.shardId())) {
                    parents.put(shard.shardId(), shard.parentShardId());
                    if (checkpoints.position(shard.shardId()) == null) {
                        checkpoints.save(shard.shardId(), startingPosition(shard));
                    }
                }
            }
            exclusiveStart = description.lastEvaluatedShardId();
        } while (exclusiveStart != null);
        firstRefresh = false;
        refreshDue = System.nanoTime() + REFRESH_INTERVAL.toNanos();
    }

    /**
     * StartingPosition applies to the shards a new mapping finds; shards that appear later (or
     * while the runtime was down) are read from their start, as Lambda reads child shards.
     */
    private String startingPosition(Shard shard) {
        if (!firstRefresh || !checkpoints.fresh() || mapping.startingPosition().equals(StreamCheckpoints.TRIM_HORIZON)) {
            return StreamCheckpoints.TRIM_HORIZON;
        }
        boolean closed = shard.sequenceNumberRange() != null && shard.sequenceNumberRange().endingSequenceNumber() != null;
        return closed ? StreamCheckpoints.END : StreamCheckpoints.LATEST;
    }

    /** Shards not yet done whose parent is done (or unknown: trimmed from the stream). */
    private List<String> readableShards() {
        List<String> readable = new ArrayList<>();
        parents.forEach((shardId, parent) -> {
            boolean done = StreamCheckpoints.END.equals(checkpoints.position(shardId));
            boolean parentDone = parent == null || !parents.containsKey(parent)
                    || StreamCheckpoints.END.equals(checkpoints.position(parent));
            if (!done && parentDone) {
                readable.add(shardId);
            }
        });
        return readable;
    }

    /** Reads one batch from the shard and delivers it; true when there were records. */
    private boolean poll(String shardId) {
        String iterator = iterators.get(shardId);
        if (iterator == null) {
            iterator = openIterator(shardId);
            if (iterator == null) {
                return false;
            }
        }
        GetRecordsResponse response;
        try {
            String current = iterator;
            response = streams.getRecords(b -> b.shardIterator(current).limit(mapping.recordsPerRead()));
        } catch (ExpiredIteratorException expired) {
            iterators.remove(shardId);
            return false;
        }
        List<Record> records = response.records();
        if (!records.isEmpty() && !delivery.deliver(shardId, records, sequenceNumber -> checkpoints.save(shardId, sequenceNumber))) {
            return false;  // stopping; the checkpoint says where to go on
        }
        advance(shardId, response.nextShardIterator());
        return !records.isEmpty();
    }

    private void advance(String shardId, String next) {
        if (next == null) {
            checkpoints.save(shardId, StreamCheckpoints.END);
            iterators.remove(shardId);
            refreshDue = System.nanoTime();  // its children are readable now
        } else {
            iterators.put(shardId, next);
        }
    }

    /** An iterator at the shard's checkpoint; null when the shard turned out to be done. */
    private String openIterator(String shardId) {
        String position = checkpoints.position(shardId);
        if (StreamCheckpoints.LATEST.equals(position)) {
            return skipToEnd(shardId);
        }
        if (StreamCheckpoints.TRIM_HORIZON.equals(position)) {
            return iterator(shardId, ShardIteratorType.TRIM_HORIZON, null);
        }
        try {
            return iterator(shardId, ShardIteratorType.AFTER_SEQUENCE_NUMBER, position);
        } catch (TrimmedDataAccessException trimmed) {
            LOG.warn("checkpoint trimmed function={} source=DynamoDB:{} shard={} sequenceNumber={}: reading from the oldest record",
                    mapping.function(), mapping.tableName(), shardId, position);
            return iterator(shardId, ShardIteratorType.TRIM_HORIZON, null);
        }
    }

    /**
     * LATEST for a shard met by a new mapping: reads past what the shard holds now and checkpoints
     * the last of it, so that a restart resumes from there rather than at a new LATEST (which would
     * lose what was written while the runtime was down).
     */
    private String skipToEnd(String shardId) {
        String iterator = iterator(shardId, ShardIteratorType.TRIM_HORIZON, null);
        String lastSeen = null;
        while (iterator != null && !stop.raised()) {
            String current = iterator;
            GetRecordsResponse response = streams.getRecords(b -> b.shardIterator(current).limit(StreamMapping.MAX_RECORDS_PER_READ));
            if (!response.records().isEmpty()) {
                lastSeen = response.records().get(response.records().size() - 1).dynamodb().sequenceNumber();
            }
            iterator = response.nextShardIterator();
            if (response.records().isEmpty()) {
                break;
            }
        }
        checkpoints.save(shardId, lastSeen != null ? lastSeen : StreamCheckpoints.TRIM_HORIZON);
        advance(shardId, iterator);
        return iterator;
    }

    private String iterator(String shardId, ShardIteratorType type, String sequenceNumber) {
        return streams.getShardIterator(b -> b.streamArn(mapping.streamArn()).shardId(shardId)
                .shardIteratorType(type).sequenceNumber(sequenceNumber)).shardIterator();
    }

    @Override
    public String description() {
        return mapping.function() + " <- DynamoDB stream of " + mapping.tableName() + " (" + mapping.startingPosition()
                + ", batch " + mapping.batchSize()
                + ", retries " + (mapping.maximumRetryAttempts() < 0 ? "until success" : mapping.maximumRetryAttempts())
                + (mapping.maximumRecordAgeSeconds() < 0 ? "" : ", max age " + mapping.maximumRecordAgeSeconds() + " s")
                + (mapping.bisectBatchOnFunctionError() ? ", bisect" : "")
                + (mapping.reportsBatchItemFailures() ? ", partial batch failures" : "")
                + (mapping.onFailureArn() == null ? "" : ", on failure -> " + LocalQueues.name(mapping.onFailureArn())) + ")";
    }

    @Override
    public String name() {
        return "stream-" + mapping.function() + "-" + mapping.event();
    }
}
