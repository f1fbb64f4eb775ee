package dev.storefront.local.sources;

import dev.storefront.samlocal.StackResources;

/**
 * A DynamoDB stream event-source mapping as the template declares it ({@code Type: DynamoDB}),
 * with Lambda's defaults: BatchSize 100, MaximumRetryAttempts and MaximumRecordAgeInSeconds -1
 * (retry until the records leave the stream), no bisecting, no destination.
 *
 * @param startingPosition    {@code TRIM_HORIZON} or {@code LATEST}: where a mapping without a
 *                            checkpoint starts
 * @param maximumRecordAgeSeconds records older than this go to the on-failure destination
 *                            instead of the function; -1: no limit
 * @param onFailureQueueUrl   the SQS queue of {@code DestinationConfig.OnFailure}, null when none
 * @param onFailureArn        that destination's ARN as written, null when none
 */
record StreamMapping(String function, String event, String streamArn, String startingPosition, int batchSize,
                     int maximumRetryAttempts, int maximumRecordAgeSeconds, boolean bisectBatchOnFunctionError,
                     boolean reportsBatchItemFailures, String onFailureArn, String onFailureQueueUrl) {

    /** DynamoDB Streams' GetRecords returns at most this many records at once. */
    static final int MAX_RECORDS_PER_READ = 1000;

    static StreamMapping of(String function, String event, SourceProperties properties, StackResources resources) {
        String streamArn = properties.requiredString("Stream");
        String startingPosition = properties.requiredString("StartingPosition");
        if (!startingPosition.equals("TRIM_HORIZON") && !startingPosition.equals("LATEST")) {
            throw properties.invalid("StartingPosition must be TRIM_HORIZON or LATEST for a DynamoDB stream but is " + startingPosition);
        }
        int batchSize = properties.integer("BatchSize", 100, 1, 10_000);
        int retries = properties.integer("MaximumRetryAttempts", -1, -1, 10_000);
        int maximumAge = properties.integer("MaximumRecordAgeInSeconds", -1, -1, 604_800);
        if (maximumAge >= 0 && maximumAge < 60) {
            throw properties.invalid("MaximumRecordAgeInSeconds must be -1 or from 60 to 604800 but is " + maximumAge);
        }
        Object destination = properties.at("DestinationConfig", "OnFailure", "Destination");
        String onFailureArn = destination == null ? null : destination.toString();
        String onFailureUrl = null;
        if (onFailureArn != null && onFailureArn.startsWith("arn:aws:sqs:")) {
            onFailureUrl = LocalQueues.urlOf(resources, onFailureArn, properties.where() + ".DestinationConfig.OnFailure");
        }
        return new StreamMapping(function, event, streamArn, startingPosition, batchSize, retries, maximumAge,
                properties.bool("BisectBatchOnFunctionError", false), properties.reportsBatchItemFailures(),
                onFailureArn, onFailureUrl);
    }

    /** The table's name, from {@code arn:aws:dynamodb:region:account:table/NAME/stream/LABEL}. */
    String tableName() {
        String[] parts = streamArn.split("/");
        return parts.length >= 2 ? parts[1] : streamArn;
    }

    int recordsPerRead() {
        return Math.min(batchSize, MAX_RECORDS_PER_READ);
    }
}
