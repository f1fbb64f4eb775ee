package dev.storefront.samlocal;

import java.util.LinkedHashMap;
import java.util.Map;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueNameExistsException;

/** Creates queues from {@link QueueDefinition}s, or brings existing ones up to date. */
final class Queues {

    private final SqsClient sqs;

    Queues(SqsClient sqs) {
        this.sqs = sqs;
    }

    /** The queue's URL, creating it when absent. */
    String ensure(QueueDefinition definition) {
        try {
            // SQS's CreateQueue returns the existing queue when the attributes are the same.
            return sqs.createQueue(b -> b.queueName(definition.name()).attributes(definition.attributes())).queueUrl();
        } catch (QueueNameExistsException differentAttributes) {
            String url = sqs.getQueueUrl(b -> b.queueName(definition.name())).queueUrl();
            Map<QueueAttributeName, String> changeable = new LinkedHashMap<>(definition.attributes());
            changeable.remove(QueueAttributeName.FIFO_QUEUE);  // fixed at creation; the name carries it
            if (!changeable.isEmpty()) {
                sqs.setQueueAttributes(b -> b.queueUrl(url).attributes(changeable));
            }
            return url;
        }
    }

    String arn(String queueUrl) {
        return sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }
}
