package dev.storefront.samlocal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/** Creates tables from {@link TableDefinition}s, or reuses tables that already exist. */
final class Tables {

    /** The SDK's default waiter polls every 20 s, tuned for AWS; emulators are ready in milliseconds. */
    private static final WaiterOverrideConfiguration QUICK_POLLING = WaiterOverrideConfiguration.builder()
            .backoffStrategyV2(BackoffStrategy.fixedDelayWithoutJitter(Duration.ofMillis(200)))
            .maxAttempts(150)
            .build();

    private final DynamoDbClient dynamo;

    Tables(DynamoDbClient dynamo) {
        this.dynamo = dynamo;
    }

    /** Creates the table unless it exists, enables its TTL, and returns its stream ARN (null without a stream). */
    String ensure(TableDefinition definition) {
        String name = definition.name();
        TableDescription table = describe(name);
        if (table == null) {
            try {
                table = dynamo.createTable(definition.request()).tableDescription();
            } catch (ResourceInUseException raced) {
                table = describe(name);
            }
        } else {
            checkSameShape(definition, table);
        }
        if (table.tableStatus() != TableStatus.ACTIVE) {
            table = dynamo.waiter().waitUntilTableExists(DescribeTableRequest.builder().tableName(name).build(), QUICK_POLLING).matched().response()
                    .orElseThrow(() -> new IllegalStateException("Table " + name + " did not become ACTIVE"))
                    .table();
        }
        if (definition.ttlAttribute() != null) {
            enableTtl(name, definition.ttlAttribute());
        }
        return table.latestStreamArn();
    }

    private TableDescription describe(String name) {
        try {
            return dynamo.describeTable(b -> b.tableName(name)).table();
        } catch (ResourceNotFoundException absent) {
            return null;
        }
    }

    private void enableTtl(String table, String attribute) {
        TimeToLiveDescription current = dynamo.describeTimeToLive(b -> b.tableName(table)).timeToLiveDescription();
        boolean on = current.timeToLiveStatus() == TimeToLiveStatus.ENABLED || current.timeToLiveStatus() == TimeToLiveStatus.ENABLING;
        if (on && attribute.equals(current.attributeName())) {
            return;  // Enabling twice is an error in DynamoDB, not a no-op.
        }
        if (on) {
            throw drift(table, "TTL is on attribute " + current.attributeName() + ", the template says " + attribute);
        }
        dynamo.updateTimeToLive(b -> b.tableName(table).timeToLiveSpecification(s -> s.attributeName(attribute).enabled(true)));
    }

    /**
     * A persisted table made from an older template would make queries fail in confusing ways;
     * say so at startup instead.
     */
    private static void checkSameShape(TableDefinition definition, TableDescription existing) {
        CreateTableRequest wanted = definition.request();
        List<String> differences = new ArrayList<>();
        if (!wanted.keySchema().equals(existing.keySchema())) {
            differences.add("key schema " + existing.keySchema() + " != " + wanted.keySchema());
        }
        Map<String, List<KeySchemaElement>> wantedIndexes = new LinkedHashMap<>();
        for (GlobalSecondaryIndex index : wanted.globalSecondaryIndexes()) {
            wantedIndexes.put(index.indexName(), index.keySchema());
        }
        Map<String, List<KeySchemaElement>> existingIndexes = new LinkedHashMap<>();
        for (GlobalSecondaryIndexDescription index : existing.globalSecondaryIndexes()) {
            existingIndexes.put(index.indexName(), index.keySchema());
        }
        if (!wantedIndexes.equals(existingIndexes)) {
            differences.add("global secondary indexes " + existingIndexes + " != " + wantedIndexes);
        }
        if (!Objects.equals(streamView(wanted.streamSpecification()), streamView(existing.streamSpecification()))) {
            differences.add("stream " + streamView(existing.streamSpecification()) + " != " + streamView(wanted.streamSpecification()));
        }
        if (!differences.isEmpty()) {
            throw drift(definition.name(), String.join("; ", differences));
        }
    }

    private static String streamView(StreamSpecification stream) {
        return stream == null || !Boolean.TRUE.equals(stream.streamEnabled()) ? "none" : stream.streamViewTypeAsString();
    }

    private static IllegalStateException drift(String table, String difference) {
        return new IllegalStateException("Existing table " + table + " does not match the template (" + difference
                + "). It was persisted from an older template.yaml: delete the local data (make clean) to recreate it.");
    }
}
