package dev.storefront.local.sources;

import dev.storefront.samlocal.SamFunction;
import dev.storefront.samlocal.StackResources;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.time.Duration;
import java.util.Map;

/**
 * An SQS event-source mapping as the template declares it ({@code Type: SQS}), checked as
 * CreateEventSourceMapping checks it: batch size 1-10 000 (1-10 for FIFO queues), more than 10
 * only with a batching window, no batching window on FIFO queues, and a queue visibility timeout
 * no shorter than the function's timeout.
 *
 * @param batchingWindow {@code MaximumBatchingWindowInSeconds}; zero invokes as soon as messages arrive
 * @param filter         {@code FilterCriteria}: messages it refuses are deleted without an invocation
 */
record SqsMapping(String function, String event, String queueArn, String queueUrl, boolean fifo, int batchSize,
                  Duration batchingWindow, boolean reportsBatchItemFailures, MessageFilter filter) {

    static SqsMapping of(SamFunction function, String event, SourceProperties properties, StackResources resources, SqsClient sqs) {
        String arn = properties.requiredString("Queue");
        String url = LocalQueues.urlOf(resources, arn, properties.where());
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(url)
                .attributeNames(QueueAttributeName.VISIBILITY_TIMEOUT, QueueAttributeName.FIFO_QUEUE)).attributes();
        boolean fifo = Boolean.parseBoolean(attributes.get(QueueAttributeName.FIFO_QUEUE)) || url.endsWith(".fifo");
        int batchSize = properties.integer("BatchSize", 10, 1, fifo ? 10 : 10_000);
        int window = properties.integer("MaximumBatchingWindowInSeconds", 0, 0, 300);
        if (fifo && window > 0) {
            throw properties.invalid("MaximumBatchingWindowInSeconds is not supported for FIFO queues");
        }
        if (batchSize > 10 && window == 0) {
            throw properties.invalid("a BatchSize over 10 needs MaximumBatchingWindowInSeconds of at least 1");
        }
        int visibility = Integer.parseInt(attributes.getOrDefault(QueueAttributeName.VISIBILITY_TIMEOUT, "30"));
        if (visibility < function.timeoutSeconds()) {
            throw properties.invalid("queue visibility timeout (" + visibility + " s) is less than the function timeout ("
                    + function.timeoutSeconds() + " s); Lambda refuses this mapping");
        }
        return new SqsMapping(function.logicalId(), event, arn, url, fifo, batchSize, Duration.ofSeconds(window),
                properties.reportsBatchItemFailures(), MessageFilter.of(properties));
    }

    String queueName() {
        return LocalQueues.name(queueUrl);
    }
}
