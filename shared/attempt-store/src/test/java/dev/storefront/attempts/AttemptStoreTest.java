package dev.storefront.attempts;

import dev.storefront.domain.AttemptLimit;
import dev.storefront.samlocal.EmulatorOptions;
import dev.storefront.samlocal.Emulators;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The counters on DynamoDB Local: windows, concurrent failures, and guards inside a transaction. */
class AttemptStoreTest {

    static Emulators emulators;
    static final AttemptLimit LIMIT = new AttemptLimit("test", 5, Duration.ofMinutes(60));

    @BeforeAll
    static void start() {
        emulators = Emulators.start(EmulatorOptions.ephemeral());
        emulators.dynamo().createTable(b -> b.tableName("attempts")
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build())
                .billingMode(BillingMode.PAY_PER_REQUEST));
    }

    @AfterAll
    static void stop() {
        emulators.close();
    }

    static AttemptStore at(Instant now) {
        return new AttemptStore(emulators.dynamo(), "attempts", Clock.fixed(now, ZoneId.of("UTC")));
    }

    @Test
    void five_concurrent_failures_then_all_count_the_key_is_blocked_until_its_window_ends_and_then_free_again() {
        String key = "cart#" + UUID.randomUUID();
        Instant t0 = Instant.parse("2026-12-01T10:00:00Z");
        AttemptStore store = at(t0);

        CompletableFuture.allOf(IntStream.range(0, 5).mapToObj(i -> CompletableFuture.runAsync(() -> store.failed(LIMIT, List.of(key))))
                .toArray(CompletableFuture[]::new)).join();

        assertThat(store.blockedUntil(LIMIT, List.of(key, "cart#other"))).contains(t0.plus(Duration.ofMinutes(60)));
        assertThat(at(t0.plus(Duration.ofMinutes(59))).blockedUntil(LIMIT, List.of(key))).isPresent();
        AttemptStore later = at(t0.plus(Duration.ofMinutes(60)));
        assertThat(later.blockedUntil(LIMIT, List.of(key))).isEmpty();
        later.failed(LIMIT, List.of(key));  // opens a new window with one failure
        assertThat(later.blockedUntil(LIMIT, List.of(key))).isEmpty();
    }

    @Test
    void guards_cancel_a_transaction_only_when_a_key_is_at_its_limit() {
        String blocked = "customer#" + UUID.randomUUID();
        String fresh = "customer#" + UUID.randomUUID();
        AttemptStore store = at(Instant.parse("2026-12-01T10:00:00Z"));
        for (int i = 0; i < 4; i++) {
            store.failed(LIMIT, List.of(blocked));
        }
        emulators.dynamo().transactWriteItems(r -> r.transactItems(store.guards(LIMIT, List.of(blocked, fresh))));  // 4 of 5: passes

        store.failed(LIMIT, List.of(blocked));

        assertThatThrownBy(() -> emulators.dynamo().transactWriteItems(r -> r.transactItems(store.guards(LIMIT, List.of(fresh, blocked)))))
                .isInstanceOf(TransactionCanceledException.class);
    }
}
