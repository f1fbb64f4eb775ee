package dev.storefront.samlocal;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * DynamoDB Local and ElasticMQ, both in this JVM, with SDK clients pointed at them. No Docker, no
 * network beyond loopback, no AWS account. {@link #close()} stops both.
 */
public final class Emulators implements AutoCloseable {

    private final EmulatorOptions options;
    private final DynamoDbLocal dynamoServer;
    private final ElasticMq sqsServer;
    private final DynamoDbClient dynamo;
    private final SqsClient sqs;
    private boolean closed;

    private Emulators(EmulatorOptions options, DynamoDbLocal dynamoServer, ElasticMq sqsServer) {
        this.options = options;
        this.dynamoServer = dynamoServer;
        this.sqsServer = sqsServer;
        this.dynamo = AwsClients.dynamo(dynamoServer.endpoint(), options.region());
        this.sqs = AwsClients.sqs(sqsServer.endpoint(), options.region());
    }

    /**
     * Starts both emulators side by side (each takes about a second, mostly class loading); when
     * one fails to start, the other is stopped again.
     */
    public static Emulators start(EmulatorOptions options) {
        // On a thread of its own, never the common pool: on 2 cores that pool has one worker, and a
        // caller's own async task waiting for these emulators (a test starting two functions side by
        // side) would hold it, so ElasticMQ would never start.
        CompletableFuture<ElasticMq> sqsStart = new CompletableFuture<>();
        Thread sqsStarter = new Thread(() -> {
            try {
                sqsStart.complete(ElasticMq.start(options.sqsPort(), options.region()));
            } catch (Throwable e) {  // handed to the caller's join, never lost: a failed start must not hang it
                sqsStart.completeExceptionally(new CompletionException(e));
            }
        }, "elasticmq-start");
        sqsStarter.setDaemon(true);
        sqsStarter.start();
        DynamoDbLocal dynamoServer = null;
        try {
            dynamoServer = DynamoDbLocal.start(options.dynamoPort(), options.dynamoDataDir());
            return new Emulators(options, dynamoServer, sqsStart.join());
        } catch (Exception e) {
            IllegalStateException failure = new IllegalStateException("Cannot start local emulators with " + options,
                    e instanceof CompletionException ? e.getCause() : e);
            if (dynamoServer != null) {
                closeQuietly(dynamoServer, failure);
            }
            sqsStart.thenAccept(sqs -> closeQuietly(sqs, failure));
            throw failure;
        }
    }

    public URI dynamoEndpoint() {
        return dynamoServer.endpoint();
    }

    public URI sqsEndpoint() {
        return sqsServer.endpoint();
    }

    public DynamoDbClient dynamo() {
        return dynamo;
    }

    public SqsClient sqs() {
        return sqs;
    }

    public String region() {
        return options.region();
    }

    public EmulatorOptions options() {
        return options;
    }

    /** Closes the clients and stops both servers; every step runs even when an earlier one fails. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<Exception> failures = new ArrayList<>();
        for (AutoCloseable resource : List.<AutoCloseable>of(dynamo, sqs, sqsServer, dynamoServer)) {
            try {
                resource.close();
            } catch (Exception e) {
                failures.add(e);
            }
        }
        if (!failures.isEmpty()) {
            IllegalStateException failure = new IllegalStateException("Stopping the local emulators failed", failures.get(0));
            failures.subList(1, failures.size()).forEach(failure::addSuppressed);
            throw failure;
        }
    }

    @Override
    public String toString() {
        return "Emulators[dynamo=" + dynamoEndpoint() + ", sqs=" + sqsEndpoint() + ", region=" + region() + "]";
    }

    private static void closeQuietly(AutoCloseable resource, Exception cause) {
        try {
            resource.close();
        } catch (Exception e) {
            cause.addSuppressed(e);
        }
    }
}
