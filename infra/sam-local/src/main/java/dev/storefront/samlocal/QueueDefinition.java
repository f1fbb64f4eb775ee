package dev.storefront.samlocal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * What an {@code AWS::SQS::Queue} resource asks for: a queue name and the CreateQueue attributes that
 * change behaviour. Encryption and tags are left out (nothing to encrypt locally).
 */
record QueueDefinition(String logicalId, String name, Map<QueueAttributeName, String> attributes) {

    /** CloudFormation properties that are also SQS attributes of the same name. */
    static final List<String> ATTRIBUTE_PROPERTIES = List.of(
            "FifoQueue", "ContentBasedDeduplication", "VisibilityTimeout", "MessageRetentionPeriod",
            "ReceiveMessageWaitTimeSeconds", "DelaySeconds", "RedrivePolicy");

    static QueueDefinition of(String logicalId, Map<String, Object> properties, IntrinsicResolver resolver) {
        Map<QueueAttributeName, String> attributes = new LinkedHashMap<>();
        for (String property : ATTRIBUTE_PROPERTIES) {
            Object value = resolver.resolve(properties.get(property));
            if (value != null) {
                // RedrivePolicy may be written as a YAML object; SQS takes it as a JSON string.
                attributes.put(QueueAttributeName.fromValue(property), value instanceof Map<?, ?> ? Json.write(value) : resolver.resolveString(value));
            }
        }
        boolean fifo = Boolean.parseBoolean(attributes.get(QueueAttributeName.FIFO_QUEUE));
        if (!fifo) {
            // "FifoQueue: false" is legal in a template but rejected by SQS's CreateQueue.
            attributes.remove(QueueAttributeName.FIFO_QUEUE);
        }
        Object queueName = properties.get("QueueName");
        String name = queueName == null ? logicalId : resolver.resolveString(queueName);
        if (fifo && !name.endsWith(".fifo")) {
            name = name + ".fifo";
        }
        return new QueueDefinition(logicalId, name, attributes);
    }
}
