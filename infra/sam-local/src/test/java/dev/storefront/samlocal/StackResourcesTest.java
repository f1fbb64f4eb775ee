package dev.storefront.samlocal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The repository's template and the fixture on one set of emulators; the fixture's tables and queues have their own names. */
class StackResourcesTest {

    private static Emulators emulators;
    private static DynamoDbClient dynamo;
    private static SqsClient sqs;
    private static StackResources fixture;

    @BeforeAll
    static void createFixtureResources() {
        emulators = Emulators.start(EmulatorOptions.ephemeral());
        dynamo = emulators.dynamo();
        sqs = emulators.sqs();
        fixture = StackResources.create(Fixtures.fixture(), dynamo, sqs, emulators.region());
    }

    @AfterAll
    static void stopEmulators() {
        emulators.close();
    }

    @Test
    void createsTheRepositoryTablesWithTheirKeysAndIndexes() {
        StackResources repo = StackResources.create(Fixtures.repoTemplate(), dynamo, sqs, emulators.region());

        TableDescription products = describe(repo.tableName("ProductsTable"));
        assertThat(products.keySchema()).containsExactly(key("id", KeyType.HASH));
        assertThat(products.globalSecondaryIndexes())
                .extracting(GlobalSecondaryIndexDescription::indexName, GlobalSecondaryIndexDescription::keySchema)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("byListing", List.of(key("listing", KeyType.HASH), key("id", KeyType.RANGE))),
                        org.assertj.core.groups.Tuple.tuple("byCategory", List.of(key("category", KeyType.HASH), key("id", KeyType.RANGE))));
        assertThat(products.globalSecondaryIndexes())
                .allSatisfy(index -> assertThat(index.projection().projectionType()).isEqualTo(ProjectionType.ALL));
        assertThat(describe(repo.tableName("InventoryTable")).keySchema()).containsExactly(key("sku", KeyType.HASH));
        assertThat(repo.streamArn("ProductsTable")).as("products feed the search index").isNotNull();
    }

    @Test
    void createsTablesWithNamesIndexesStreamsAndTtl() {
        String name = fixture.tableName("OrdersTable");
        assertThat(name).isEqualTo("storefront-local-orders-test");

        TableDescription orders = describe(name);
        assertThat(orders.keySchema()).containsExactly(key("pk", KeyType.HASH), key("sk", KeyType.RANGE));
        GlobalSecondaryIndexDescription byCustomer = orders.globalSecondaryIndexes().get(0);
        assertThat(byCustomer.indexName()).isEqualTo("byCustomer");
        assertThat(byCustomer.projection().projectionType()).isEqualTo(ProjectionType.INCLUDE);
        assertThat(byCustomer.projection().nonKeyAttributes()).containsExactly("status");
        assertThat(orders.streamSpecification().streamViewType()).isEqualTo(StreamViewType.NEW_AND_OLD_IMAGES);
        assertThat(fixture.streamArn("OrdersTable")).isNotBlank().isEqualTo(orders.latestStreamArn());
        assertThat(dynamo.describeTimeToLive(b -> b.tableName(name)).timeToLiveDescription())
                .satisfies(ttl -> assertThat(ttl.timeToLiveStatus()).isEqualTo(TimeToLiveStatus.ENABLED))
                .satisfies(ttl -> assertThat(ttl.attributeName()).isEqualTo("expiresAt"));
    }

    @Test
    void createsAFifoQueueWithItsDeadLetterQueue() {
        String url = fixture.queueUrl("OrdersQueue");
        assertThat(url).endsWith("/000000000000/test-orders.fifo");
        assertThat(fixture.queueArn("OrdersDlq")).isEqualTo("arn:aws:sqs:us-east-1:000000000000:OrdersDlq.fifo");

        Map<QueueAttributeName, String> attributes =
                sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.ALL)).attributes();
        assertThat(attributes)
                .containsEntry(QueueAttributeName.FIFO_QUEUE, "true")
                .containsEntry(QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "true")
                .containsEntry(QueueAttributeName.VISIBILITY_TIMEOUT, "60");
        assertThat(attributes.get(QueueAttributeName.REDRIVE_POLICY))
                .contains(fixture.queueArn("OrdersDlq"))
                .containsPattern("\"maxReceiveCount\"\\s*:\\s*\"?5");
        assertThat(sqs.getQueueAttributes(b -> b.queueUrl(fixture.queueUrl("OrdersDlq"))
                .attributeNames(QueueAttributeName.ALL)).attributes())
                .containsEntry(QueueAttributeName.RECEIVE_MESSAGE_WAIT_TIME_SECONDS, "2");

        String body = "{\"orderId\":\"" + UUID.randomUUID() + "\"}";
        sqs.sendMessage(b -> b.queueUrl(url).messageBody(body).messageGroupId("order-1"));
        List<Message> received = sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(5).maxNumberOfMessages(10)).messages();
        assertThat(received).extracting(Message::body).containsExactly(body);
        sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(received.get(0).receiptHandle()));
    }

    @Test
    void aPoisonMessageEndsUpInTheDeadLetterQueue() {
        String url = fixture.queueUrl("PlainQueue");
        String body = "poison-" + UUID.randomUUID();
        sqs.sendMessage(b -> b.queueUrl(url).messageBody(body));

        // maxReceiveCount is 2: two receives that give the message straight back, then it moves.
        for (int attempt = 0; attempt < 2; attempt++) {
            assertThat(sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(5).visibilityTimeout(0)).messages())
                    .extracting(Message::body).containsExactly(body);
        }
        assertThat(sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(1)).messages()).isEmpty();
        assertThat(sqs.receiveMessage(b -> b.queueUrl(fixture.queueUrl("PlainDlq")).waitTimeSeconds(5)).messages())
                .extracting(Message::body).containsExactly(body);
    }

    @Test
    void createsDeadLetterQueuesFirst() {
        assertThat(StackResources.queueCreationOrder(Fixtures.fixture()))
                .containsExactly("OrdersDlq", "OrdersQueue", "PlainDlq", "PlainQueue");
    }

    @Test
    void resolvesAFunctionsEnvironment() {
        Map<String, String> environment = fixture.environmentOf(fixture.template().function("OrdersFunction"));

        assertThat(environment)
                .containsEntry("TABLE", "storefront-local-orders-test")
                .containsEntry("TABLE_ARN", "arn:aws:dynamodb:us-east-1:000000000000:table/storefront-local-orders-test")
                .containsEntry("STREAM_ARN", fixture.streamArn("OrdersTable"))
                .containsEntry("QUEUE_URL", fixture.queueUrl("OrdersQueue"))
                .containsEntry("QUEUE_ARN", fixture.queueArn("OrdersQueue"))
                .containsEntry("STAGE", "test")
                .containsEntry("OVERRIDDEN", "from-function")
                .containsEntry("COUNT", "3")
                .doesNotContainKey("PROD_ONLY");
        assertThat(fixture.physicalIds()).containsOnlyKeys("OrdersTable", "OrdersQueue", "OrdersDlq", "PlainQueue", "PlainDlq");
    }

    @Test
    void creatingAgainReusesEverything() {
        StackResources again = StackResources.create(Fixtures.fixture(), dynamo, sqs, "us-east-1");

        assertThat(again.physicalIds()).isEqualTo(fixture.physicalIds());
        assertThat(again.streamArn("OrdersTable")).isEqualTo(fixture.streamArn("OrdersTable"));
    }

    @Test
    void namesUnknownLogicalIds() {
        assertThatThrownBy(() -> fixture.tableName("OrdersQueue"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("OrdersQueue").hasMessageContaining("OrdersTable");
        assertThatThrownBy(() -> fixture.queueUrl("Nope")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesToReuseATableWithADifferentShape(@TempDir Path dir) throws IOException {
        dynamo.createTable(b -> b.tableName("drift-test")
                .keySchema(key("other", KeyType.HASH))
                .attributeDefinitions(AttributeDefinition.builder().attributeName("other").attributeType(ScalarAttributeType.S).build())
                .billingMode(BillingMode.PAY_PER_REQUEST));
        SamTemplate template = SamTemplate.load(Files.writeString(dir.resolve("template.yaml"), String.join("\n",
                "Resources:",
                "  DriftTable:",
                "    Type: AWS::DynamoDB::Table",
                "    Properties:",
                "      TableName: drift-test",
                "      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]",
                "      KeySchema: [{AttributeName: id, KeyType: HASH}]")));

        assertThatThrownBy(() -> StackResources.create(template, dynamo, sqs, "us-east-1"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("drift-test").hasMessageContaining("key schema").hasMessageContaining("make clean");
    }

    @Test
    void updatesTheAttributesOfAnExistingQueue(@TempDir Path dir) throws IOException {
        sqs.createQueue(b -> b.queueName("update-test").attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "10")));
        SamTemplate template = SamTemplate.load(Files.writeString(dir.resolve("template.yaml"), String.join("\n",
                "Resources:",
                "  UpdateQueue:",
                "    Type: AWS::SQS::Queue",
                "    Properties: {QueueName: update-test, VisibilityTimeout: 20}")));

        String url = StackResources.create(template, dynamo, sqs, "us-east-1").queueUrl("UpdateQueue");

        assertThat(sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.VISIBILITY_TIMEOUT)).attributes())
                .containsEntry(QueueAttributeName.VISIBILITY_TIMEOUT, "20");
    }

    private static TableDescription describe(String table) {
        return dynamo.describeTable(b -> b.tableName(table)).table();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
