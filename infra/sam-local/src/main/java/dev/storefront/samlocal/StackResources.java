package dev.storefront.samlocal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The tables and queues of a template, created against DynamoDB and SQS endpoints (the embedded
 * emulators, or LocalStack), and what a deployed stack would tell its functions about them:
 * physical names, queue URLs and ARNs, stream ARNs, and each function's resolved environment.
 *
 * <p>Creation is idempotent: a table or queue that already exists (from a persisted data directory,
 * or a second call) is reused.
 */
public final class StackResources {

    private final SamTemplate template;
    private final Map<String, String> tableNames;
    private final Map<String, String> queueUrls;
    private final Map<String, String> queueArns;
    private final Map<String, String> streamArns;
    private final IntrinsicResolver resolver;

    private StackResources(SamTemplate template, Map<String, String> tableNames, Map<String, String> queueUrls,
            Map<String, String> queueArns, Map<String, String> streamArns, IntrinsicResolver resolver) {
        this.template = template;
        this.tableNames = Collections.unmodifiableMap(tableNames);
        this.queueUrls = Collections.unmodifiableMap(queueUrls);
        this.queueArns = Collections.unmodifiableMap(queueArns);
        this.streamArns = Collections.unmodifiableMap(streamArns);
        this.resolver = resolver;
    }

    /** Creates (or reuses) every table and queue, with parameter defaults and the default stack name. */
    public static StackResources create(SamTemplate template, DynamoDbClient dynamo, SqsClient sqs, String region) {
        return create(template, dynamo, sqs, IntrinsicResolver.forTemplate(template, region));
    }

    /** As {@link #create(SamTemplate, DynamoDbClient, SqsClient, String)}, with parameter overrides or a stack name. */
    public static StackResources create(SamTemplate template, DynamoDbClient dynamo, SqsClient sqs, IntrinsicResolver base) {
        IntrinsicResolver resolver = base;
        Map<String, String> tableNames = new LinkedHashMap<>();
        Map<String, String> streamArns = new LinkedHashMap<>();
        Tables tables = new Tables(dynamo);
        for (Map.Entry<String, Map<String, Object>> table : template.resourcesOfType(SamTemplate.TABLE).entrySet()) {
            String id = table.getKey();
            TableDefinition definition = TableDefinition.of(id, template.properties(id), resolver);
            String streamArn = tables.ensure(definition);
            tableNames.put(id, definition.name());
            resolver = resolver.withPhysicalIds(Map.of(id, definition.name()));
            if (streamArn != null) {
                streamArns.put(id, streamArn);
                resolver = resolver.withAttributes(Map.of(id + ".StreamArn", streamArn));
            }
        }

        Map<String, String> queueUrls = new LinkedHashMap<>();
        Map<String, String> queueArns = new LinkedHashMap<>();
        Queues queues = new Queues(sqs);
        for (String id : queueCreationOrder(template)) {
            QueueDefinition definition = QueueDefinition.of(id, template.properties(id), resolver);
            String url = queues.ensure(definition);
            String arn = queues.arn(url);
            queueUrls.put(id, url);
            queueArns.put(id, arn);
            // The emulator's own ARN, so a RedrivePolicy names exactly the queue SQS knows.
            resolver = resolver.withPhysicalIds(Map.of(id, url)).withAttributes(Map.of(id + ".Arn", arn));
        }
        return new StackResources(template, tableNames, queueUrls, queueArns, streamArns, resolver);
    }

    public SamTemplate template() {
        return template;
    }

    /** The physical table name of a table resource. */
    public String tableName(String logicalId) {
        return lookup(tableNames, logicalId, "table");
    }

    public String queueUrl(String logicalId) {
        return lookup(queueUrls, logicalId, "queue");
    }

    public String queueArn(String logicalId) {
        return lookup(queueArns, logicalId, "queue");
    }

    /** The table's latest stream ARN, null when the table has no stream. */
    public String streamArn(String tableLogicalId) {
        lookup(tableNames, tableLogicalId, "table");
        return streamArns.get(tableLogicalId);
    }

    /** Logical id to what {@code Ref} gives: table names and queue URLs, in template order. */
    public Map<String, String> physicalIds() {
        Map<String, String> ids = new LinkedHashMap<>(tableNames);
        ids.putAll(queueUrls);
        return Collections.unmodifiableMap(ids);
    }

    /** A resolver that knows every created table and queue. */
    public IntrinsicResolver resolver() {
        return resolver;
    }

    /**
     * The function's environment variables as Lambda would see them. A variable that resolves to
     * {@code AWS::NoValue} is left out.
     */
    public Map<String, String> environmentOf(SamFunction function) {
        Map<String, String> environment = new LinkedHashMap<>();
        function.environment().forEach((name, value) -> {
            try {
                Object resolved = resolver.resolve(value);
                if (resolved != null) {
                    environment.put(name, resolver.resolveString(resolved));
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Cannot resolve environment variable " + name + " of "
                        + function.logicalId() + ": " + e.getMessage(), e);
            }
        });
        return Collections.unmodifiableMap(environment);
    }

    @Override
    public String toString() {
        return "StackResources" + physicalIds();
    }

    /** Queues in template order, except that a queue comes after the queues it refers to (its DLQ). */
    static List<String> queueCreationOrder(SamTemplate template) {
        Set<String> queueIds = template.resourcesOfType(SamTemplate.QUEUE).keySet();
        Set<String> ordered = new LinkedHashSet<>();
        for (String id : queueIds) {
            visit(id, template, queueIds, ordered, new ArrayList<>());
        }
        return List.copyOf(ordered);
    }

    private static void visit(String id, SamTemplate template, Set<String> queueIds, Set<String> ordered, List<String> path) {
        if (ordered.contains(id)) {
            return;
        }
        if (path.contains(id)) {
            path.add(id);
            throw new IllegalArgumentException("Queues refer to each other in a cycle: " + String.join(" -> ", path));
        }
        path.add(id);
        Map<String, Object> properties = template.properties(id);
        List<Object> used = new ArrayList<>();
        used.add(properties.get("QueueName"));
        QueueDefinition.ATTRIBUTE_PROPERTIES.forEach(p -> used.add(properties.get(p)));
        for (String dependency : References.in(used)) {
            if (queueIds.contains(dependency) && !dependency.equals(id)) {
                visit(dependency, template, queueIds, ordered, path);
            }
        }
        path.remove(path.size() - 1);
        ordered.add(id);
    }

    private static String lookup(Map<String, String> values, String logicalId, String kind) {
        String value = values.get(logicalId);
        if (value == null) {
            throw new IllegalArgumentException("No " + kind + " " + logicalId + " in the template; " + kind + "s: " + values.keySet());
        }
        return value;
    }
}
