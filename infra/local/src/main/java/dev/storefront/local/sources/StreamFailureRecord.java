package dev.storefront.local.sources;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.storefront.samlocal.IntrinsicResolver;
import software.amazon.awssdk.services.dynamodb.model.Record;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * The record Lambda sends to a stream mapping's on-failure destination when it gives up on a
 * batch: which function, why ({@code RetryAttemptsExhausted}, {@code RecordAgeExceeded}), how often it was invoked, and
 * {@code DDBStreamBatchInfo} locating the batch in the stream (shard, first and last sequence
 * numbers, arrival times, size) so the records can be read again from the stream.
 */
final class StreamFailureRecord {

    static final String RETRIES_EXHAUSTED = "RetryAttemptsExhausted";
    static final String RECORD_AGE_EXCEEDED = "RecordAgeExceeded";

    private static final ObjectMapper JSON = new ObjectMapper();

    private StreamFailureRecord() {
    }

    static String json(StreamMapping mapping, String region, String shardId, List<Record> batch, String condition,
            int invokeCount, boolean functionError, Instant now) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode request = root.putObject("requestContext");
        request.put("requestId", UUID.randomUUID().toString());
        request.put("functionArn", "arn:aws:lambda:" + region + ":" + IntrinsicResolver.ACCOUNT_ID + ":function:" + mapping.function());
        request.put("condition", condition);
        request.put("approximateInvokeCount", invokeCount);
        ObjectNode response = root.putObject("responseContext");
        response.put("statusCode", 200);
        response.put("executedVersion", "$LATEST");
        if (functionError) {
            response.put("functionError", "Unhandled");
        }
        root.put("version", "1.0");
        root.put("timestamp", now.truncatedTo(ChronoUnit.MILLIS).toString());
        ObjectNode info = root.putObject("DDBStreamBatchInfo");
        info.put("shardId", shardId);
        info.put("startSequenceNumber", batch.get(0).dynamodb().sequenceNumber());
        info.put("endSequenceNumber", batch.get(batch.size() - 1).dynamodb().sequenceNumber());
        info.put("approximateArrivalOfFirstRecord", arrival(batch.get(0)));
        info.put("approximateArrivalOfLastRecord", arrival(batch.get(batch.size() - 1)));
        info.put("batchSize", batch.size());
        info.put("streamArn", mapping.streamArn());
        return root.toString();
    }

    private static String arrival(Record record) {
        Instant at = record.dynamodb().approximateCreationDateTime();
        return at == null ? null : at.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
