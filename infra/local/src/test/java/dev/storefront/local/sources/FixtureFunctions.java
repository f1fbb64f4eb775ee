package dev.storefront.local.sources;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.storefront.local.sources.fixture.QueueRecorder;
import org.joda.time.DateTime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * A template with event sources of every kind, and the function jar it names, written to a
 * directory at test time: the handlers of the {@code fixture} package plus what a shaded jar of
 * theirs would hold (aws-lambda-java-core, aws-lambda-java-events, joda-time), copied from this
 * test's class path.
 */
final class FixtureFunctions {

    static final String JAR = "fixture-functions.jar";
    private static final String FIXTURE_PACKAGE = QueueRecorder.class.getPackageName().replace('.', '/') + "/";

    private FixtureFunctions() {
    }

    /** Writes the jar and {@code template.yaml} into {@code dir}; functions record into {@code recordDir}. */
    static Path write(Path dir, Path recordDir) throws IOException {
        Files.createDirectories(recordDir);
        writeJar(dir.resolve(JAR));
        Path template = dir.resolve("template.yaml");
        Files.writeString(template, TEMPLATE.replace("@RECORD_DIR@", recordDir.toAbsolutePath().toString()), StandardCharsets.UTF_8);
        return template;
    }

    private static void writeJar(Path jar) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        Set<String> written = new HashSet<>();
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            written.add(JarFile.MANIFEST_NAME);
            Path classes = location(QueueRecorder.class);
            try (Stream<Path> files = Files.walk(classes.resolve(FIXTURE_PACKAGE))) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    String name = classes.relativize(file).toString().replace('\\', '/');
                    try (InputStream in = Files.newInputStream(file)) {
                        add(out, written, name, in);
                    }
                }
            }
            for (Class<?> fromJar : List.of(RequestHandler.class, SQSEvent.class, DateTime.class)) {
                try (JarFile dependency = new JarFile(location(fromJar).toFile())) {
                    for (JarEntry entry : (Iterable<JarEntry>) dependency.stream()::iterator) {
                        if (!entry.isDirectory() && !entry.getName().matches("META-INF/.*\\.(SF|RSA|DSA|MF)")) {
                            try (InputStream in = dependency.getInputStream(entry)) {
                                add(out, written, entry.getName(), in);
                            }
                        }
                    }
                }
            }
        }
    }

    private static void add(JarOutputStream out, Set<String> written, String name, InputStream in) throws IOException {
        if (written.add(name)) {
            out.putNextEntry(new JarEntry(name));
            in.transferTo(out);
            out.closeEntry();
        }
    }

    private static Path location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Visibility timeouts of 2 s (not below the functions' 1 s timeout, as Lambda insists) and
     * maxReceiveCount 2 make redrive quick; the batched queue's timeout covers its 2 s window.
     */
    private static final String TEMPLATE = """
            AWSTemplateFormatVersion: "2010-09-09"
            Transform: AWS::Serverless-2016-10-31
            Description: Event sources of every kind, for the local runtime's tests.

            Globals:
              Function:
                Runtime: java17
                Timeout: 1
                CodeUri: fixture-functions.jar
                Environment:
                  Variables:
                    RECORD_DIR: "@RECORD_DIR@"

            Resources:
              QueueConsumer:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: dev.storefront.local.sources.fixture.QueueRecorder
                  Events:
                    Orders:
                      Type: SQS
                      Properties:
                        Queue: !GetAtt OrdersQueue.Arn
                        BatchSize: 10
                        FunctionResponseTypes: [ReportBatchItemFailures]
                    Retries:
                      Type: SQS
                      Properties:
                        Queue: !GetAtt RetriesQueue.Arn
                        FunctionResponseTypes: [ReportBatchItemFailures]
                    Batched:
                      Type: SQS
                      Properties:
                        Queue: !GetAtt BatchedQueue.Arn
                        BatchSize: 20
                        MaximumBatchingWindowInSeconds: 2
                    Updates:
                      Type: SQS
                      Properties:
                        Queue: !GetAtt UpdatesQueue.Arn
                        BatchSize: 10
                        FunctionResponseTypes: [ReportBatchItemFailures]
                    Paused:
                      Type: SQS
                      Properties:
                        Queue: !GetAtt PausedQueue.Arn
                        Enabled: false

              StreamConsumer:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: dev.storefront.local.sources.fixture.StreamRecorder
                  Events:
                    Changes:
                      Type: DynamoDB
                      Properties:
                        Stream: !GetAtt ItemsTable.StreamArn
                        StartingPosition: TRIM_HORIZON
                        BatchSize: 10
                        MaximumRetryAttempts: 1
                        BisectBatchOnFunctionError: true
                        FunctionResponseTypes: [ReportBatchItemFailures]
                        DestinationConfig:
                          OnFailure:
                            Type: SQS
                            Destination: !GetAtt StreamFailures.Arn

              Ticker:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: dev.storefront.local.sources.fixture.ScheduleRecorder
                  Events:
                    EveryMinute:
                      Type: Schedule
                      Properties:
                        Schedule: rate(1 minute)
                    EveryMinuteByCron:
                      Type: ScheduleV2
                      Properties:
                        ScheduleExpression: cron(* * * * ? *)
                        Name: minutely
                    Never:
                      Type: Schedule
                      Properties:
                        Schedule: rate(1 minute)
                        Enabled: false

              ItemsTable:
                Type: AWS::DynamoDB::Table
                Properties:
                  BillingMode: PAY_PER_REQUEST
                  AttributeDefinitions:
                    - {AttributeName: id, AttributeType: S}
                  KeySchema:
                    - {AttributeName: id, KeyType: HASH}
                  StreamSpecification: {StreamViewType: NEW_AND_OLD_IMAGES}

              OrdersQueue:
                Type: AWS::SQS::Queue
                Properties:
                  VisibilityTimeout: 2
                  RedrivePolicy: {deadLetterTargetArn: !GetAtt OrdersDlq.Arn, maxReceiveCount: 2}
              OrdersDlq:
                Type: AWS::SQS::Queue
              RetriesQueue:
                Type: AWS::SQS::Queue
                Properties:
                  VisibilityTimeout: 2
                  RedrivePolicy: {deadLetterTargetArn: !GetAtt RetriesDlq.Arn, maxReceiveCount: 2}
              RetriesDlq:
                Type: AWS::SQS::Queue
              BatchedQueue:
                Type: AWS::SQS::Queue
                Properties:
                  VisibilityTimeout: 10
              UpdatesQueue:
                Type: AWS::SQS::Queue
                Properties:
                  FifoQueue: true
                  ContentBasedDeduplication: true
                  VisibilityTimeout: 2
                  RedrivePolicy: {deadLetterTargetArn: !GetAtt UpdatesDlq.Arn, maxReceiveCount: 2}
              UpdatesDlq:
                Type: AWS::SQS::Queue
                Properties:
                  FifoQueue: true
              PausedQueue:
                Type: AWS::SQS::Queue
              StreamFailures:
                Type: AWS::SQS::Queue
            """;
}
