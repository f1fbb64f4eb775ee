package dev.storefront.local.partner;

import dev.storefront.local.ServedPorts;
import dev.storefront.samlocal.AwsClients;
import dev.storefront.samlocal.IntrinsicResolver;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.net.URI;

/**
 * The two queues a fulfilment partner sees, on the SQS of a running `make run` (ElasticMQ on
 * the port it serves, {@link ServedPorts}), found by the names template.yaml gives them under
 * the local stack name.
 */
public record PartnerQueues(SqsClient sqs, String requests, String updates, boolean sendsTwice) {

    public PartnerQueues(SqsClient sqs, String requests, String updates) {
        this(sqs, requests, updates, false);
    }

    /**
     * A partner that sends every update twice, the copy under another deduplication id (as a partner
     * retrying after a lost answer does, past SQS's FIFO deduplication): the storefront must drop it by eventId.
     */
    public PartnerQueues duplicating() {
        return new PartnerQueues(sqs, requests, updates, true);
    }

    public static PartnerQueues local() {
        int port = ServedPorts.sqsPort();
        URI endpoint = URI.create(System.getenv().getOrDefault("SQS_ENDPOINT", "http://127.0.0.1:" + port));
        return on(AwsClients.sqs(endpoint, System.getenv().getOrDefault("AWS_REGION", "us-east-1")));
    }

    /** The partner's queues on this SQS (a local runtime's, in tests). */
    public static PartnerQueues on(SqsClient sqs) {
        String stack = IntrinsicResolver.DEFAULT_STACK_NAME;
        String requests = sqs.getQueueUrl(r -> r.queueName(stack + "-fulfilment-requests.fifo")).queueUrl();
        String updates = sqs.getQueueUrl(r -> r.queueName(stack + "-fulfilment-updates.fifo")).queueUrl();
        return new PartnerQueues(sqs, requests, updates);
    }
}
