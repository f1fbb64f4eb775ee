package dev.storefront.local;

import dev.storefront.samlocal.AwsClients;
import dev.storefront.samlocal.EmulatorOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What {@code infra/local/moto/moto-server.py} fixes in moto, checked with the SDK against what
 * DynamoDB documents, so that a moto upgrade that breaks the patch fails here and not as a quiet
 * Orders stream in {@link MotoEndToEndTest}.
 */
@EnabledIf(value = MotoServer.INSTALLED, disabledReason = MotoServer.NOT_INSTALLED)
class MotoServerTest {

    static DynamoDbClient dynamo;
    static DynamoDbStreamsClient streams;

    @BeforeAll
    static void connect() throws Exception {
        MotoServer moto = MotoServer.shared();
        dynamo = AwsClients.dynamo(moto.endpoint(), EmulatorOptions.DEFAULT_REGION);
        streams = AwsClients.dynamoStreams(moto.endpoint(), EmulatorOptions.DEFAULT_REGION);
    }

    @AfterAll
    static void close() {
        if (dynamo != null) {
            dynamo.close();
            streams.close();
        }
    }

    @Test
    void an_iterator_handed_out_before_a_cancelled_transaction_reads_the_writes_after_it_and_none_of_its_own() {
        // GIVEN a table with a stream, an iterator at its start and one item
        String table = tableWithStream();
        String streamArn = dynamo.describeTable(r -> r.tableName(table)).table().latestStreamArn();
        String shardId = streams.describeStream(r -> r.streamArn(streamArn)).streamDescription().shards().get(0).shardId();
        String iterator = streams.getShardIterator(r -> r.streamArn(streamArn).shardId(shardId)
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        put(table, "first");

        // WHEN a transaction that writes one item is cancelled by its second write's condition, and an item is written after it
        assertThatThrownBy(() -> dynamo.transactWriteItems(r -> r.transactItems(
                put(table, "never", null), put(table, "first", "attribute_not_exists(k)"))))
                .isInstanceOf(TransactionCanceledException.class);
        put(table, "after");

        // THEN the old iterator reads the writes before and after it, and nothing of the cancelled transaction
        List<Record> records = streams.getRecords(r -> r.shardIterator(iterator)).records();
        assertThat(records).extracting(record -> record.dynamodb().keys().get("k").s()).containsExactly("first", "after");
        assertThat(dynamo.getItem(r -> r.tableName(table).key(key("never"))).hasItem()).isFalse();
    }

    @Test
    void a_transaction_sent_again_with_its_client_request_token_succeeds_without_being_applied_again() {
        // GIVEN a transaction that succeeded
        String table = tableWithStream();
        String token = UUID.randomUUID().toString();
        TransactWriteItem create = put(table, "order", "attribute_not_exists(k)");
        dynamo.transactWriteItems(r -> r.transactItems(create).clientRequestToken(token));

        // WHEN the SDK sends it again with the same token (its answer was lost), and then a new transaction does the same
        dynamo.transactWriteItems(r -> r.transactItems(create).clientRequestToken(token));

        // THEN the retry succeeded (applied again, it would fail its condition), and the new one fails it
        assertThatThrownBy(() -> dynamo.transactWriteItems(r -> r.transactItems(create).clientRequestToken(UUID.randomUUID().toString())))
                .isInstanceOf(TransactionCanceledException.class);
    }

    private static String tableWithStream() {
        String name = "moto-" + UUID.randomUUID();
        dynamo.createTable(r -> r.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(k -> k.attributeName("k").keyType(KeyType.HASH))
                .attributeDefinitions(a -> a.attributeName("k").attributeType(ScalarAttributeType.S))
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
        return name;
    }

    private static void put(String table, String key) {
        dynamo.putItem(r -> r.tableName(table).item(key(key)));
    }

    private static TransactWriteItem put(String table, String key, String condition) {
        return TransactWriteItem.builder().put(p -> p.tableName(table).item(key(key)).conditionExpression(condition)).build();
    }

    private static Map<String, AttributeValue> key(String key) {
        return Map.of("k", AttributeValue.fromS(key));
    }
}
