package dev.storefront.samlocal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** With a data directory, DynamoDB data survives a restart and creating the stack again reuses it. */
class PersistentDataTest {

    @Test
    void tablesAndItemsSurviveARestart(@TempDir Path dataDir) {
        SamTemplate template = Fixtures.repoTemplate();
        EmulatorOptions options = EmulatorOptions.ephemeral().withDynamoDataDir(dataDir.resolve("dynamodb"));
        Map<String, AttributeValue> item = Map.of("sku", AttributeValue.fromS("SKU-PERSISTED"), "available", AttributeValue.fromN("7"));

        try (Emulators first = Emulators.start(options)) {
            StackResources resources = StackResources.create(template, first.dynamo(), first.sqs(), first.region());
            first.dynamo().putItem(b -> b.tableName(resources.tableName("InventoryTable")).item(item));
        }

        try (Emulators second = Emulators.start(options)) {
            StackResources resources = StackResources.create(template, second.dynamo(), second.sqs(), second.region());
            Map<String, AttributeValue> found = second.dynamo().getItem(b -> b
                    .tableName(resources.tableName("InventoryTable"))
                    .key(Map.of("sku", AttributeValue.fromS("SKU-PERSISTED")))).item();
            assertThat(found).isEqualTo(item);
        }
    }
}
