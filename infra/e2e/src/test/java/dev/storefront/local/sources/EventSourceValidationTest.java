package dev.storefront.local.sources;

import dev.storefront.samlocal.EmulatorOptions;
import dev.storefront.samlocal.Emulators;
import dev.storefront.samlocal.SamTemplate;
import dev.storefront.samlocal.StackResources;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A mapping that CreateEventSourceMapping (or EventBridge) would refuse stops the runtime at startup, naming the event. */
class EventSourceValidationTest {

    @TempDir
    static Path dir;
    static Emulators emulators;

    @BeforeAll
    static void start() {
        emulators = Emulators.start(EmulatorOptions.ephemeral());
    }

    @AfterAll
    static void stop() {
        emulators.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "visibility timeout below the function timeout | {Type: SQS, Properties: {Queue: !GetAtt Standard.Arn}}                                       | is less than the function timeout",
            "batch over 10 without a window                 | {Type: SQS, Properties: {Queue: !GetAtt Slow.Arn, BatchSize: 11}}                          | MaximumBatchingWindowInSeconds of at least 1",
            "batching window on a FIFO queue                | {Type: SQS, Properties: {Queue: !GetAtt Ordered.Arn, MaximumBatchingWindowInSeconds: 1}}    | not supported for FIFO",
            "FIFO batch over 10                             | {Type: SQS, Properties: {Queue: !GetAtt Ordered.Arn, BatchSize: 11}}                       | BatchSize must be from 1 to 10",
            "unknown response type                          | {Type: SQS, Properties: {Queue: !GetAtt Slow.Arn, FunctionResponseTypes: [Partial]}}       | FunctionResponseTypes may only hold",
            "queue the template does not declare            | {Type: SQS, Properties: {Queue: 'arn:aws:sqs:us-east-1:000000000000:elsewhere'}}            | no queue of the template",
            "AT_TIMESTAMP on a DynamoDB stream              | {Type: DynamoDB, Properties: {Stream: !GetAtt Table.StreamArn, StartingPosition: AT_TIMESTAMP}} | StartingPosition must be TRIM_HORIZON or LATEST",
            "retries out of range                           | {Type: DynamoDB, Properties: {Stream: !GetAtt Table.StreamArn, StartingPosition: LATEST, MaximumRetryAttempts: -2}} | MaximumRetryAttempts must be from -1",
            "singular unit for a plural rate                | {Type: Schedule, Properties: {Schedule: rate(5 minute)}}                                    | EventBridge wants rate(5 minutes)",
            "cron with L                                    | {Type: ScheduleV2, Properties: {ScheduleExpression: \"cron(0 2 L * ? *)\"}}                      | not supported by the local runtime"})
    void a_mapping_lambda_would_refuse_fails_the_start(String why, String event, String message) throws IOException {
        SamTemplate template = template(event);
        StackResources resources = StackResources.create(template, emulators.dynamo(), emulators.sqs(), emulators.region());

        assertThatThrownBy(() -> EventSourceMappings.start(resources, Map.of("Consumer", (json, id) -> "null"), emulators.sqs(),
                emulators.dynamoEndpoint(), dir.resolve("state")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Consumer.Events.Source: ")
                .hasMessageContaining(message);
    }

    private static SamTemplate template(String event) throws IOException {
        Path file = dir.resolve(UUID.randomUUID() + ".yaml");
        Files.writeString(file, """
                Transform: AWS::Serverless-2016-10-31
                Resources:
                  Consumer:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: example.Handler
                      CodeUri: consumer.jar
                      Timeout: 10
                      Events:
                        Source: %s
                  Standard:
                    Type: AWS::SQS::Queue
                    Properties: {VisibilityTimeout: 5}
                  Slow:
                    Type: AWS::SQS::Queue
                    Properties: {VisibilityTimeout: 60}
                  Ordered:
                    Type: AWS::SQS::Queue
                    Properties: {FifoQueue: true, VisibilityTimeout: 60}
                  Table:
                    Type: AWS::DynamoDB::Table
                    Properties:
                      BillingMode: PAY_PER_REQUEST
                      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
                      KeySchema: [{AttributeName: id, KeyType: HASH}]
                      StreamSpecification: {StreamViewType: NEW_IMAGE}
                """.formatted(event));
        return SamTemplate.load(file);
    }
}
