package dev.storefront.local.sources;

import dev.storefront.local.LocalRuntime;
import dev.storefront.samlocal.EmulatorOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** `make run` twice on one data directory: the stream mapping resumes where it stopped. */
class StreamCheckpointRestartTest {

    @TempDir
    Path dir;

    @Test
    void after_a_restart_on_the_same_data_directory_the_stream_is_not_replayed() throws Exception {
        Path records = dir.resolve("records");
        Path template = FixtureFunctions.write(dir, records);
        LocalRuntime.Options options = new LocalRuntime.Options(template, 0, 0, 0, dir.resolve("data"), null, null,
                EmulatorOptions.DEFAULT_REGION, true);
        String before = "before-" + UUID.randomUUID();
        String after = "after-" + UUID.randomUUID();

        try (LocalRuntime first = LocalRuntime.start(options)) {
            put(first, before);
            await().atMost(Duration.ofSeconds(20)).until(() -> count(records, before) == 1);
        }
        assertThat(dir.resolve("data/event-sources/StreamConsumer.Changes.properties")).exists();

        try (LocalRuntime second = LocalRuntime.start(options)) {
            put(second, after);
            await().atMost(Duration.ofSeconds(20)).until(() -> count(records, after) == 1);
        }
        // Records of a shard arrive in order, so a replay of the first item would precede the second.
        assertThat(count(records, before)).as("processed once, not replayed after the restart").isEqualTo(1);
    }

    private static void put(LocalRuntime runtime, String id) {
        runtime.dynamo().putItem(b -> b.tableName(runtime.resources().tableName("ItemsTable"))
                .item(Map.of("id", AttributeValue.fromS(id), "status", AttributeValue.fromS("NEW"))));
    }

    private static long count(Path records, String id) throws IOException {
        Path file = records.resolve("StreamConsumer.log");
        if (!Files.exists(file)) {
            return 0;
        }
        List<String> lines = Files.readAllLines(file);
        return lines.stream().filter(l -> l.contains("\t" + id + "\t")).count();
    }
}
