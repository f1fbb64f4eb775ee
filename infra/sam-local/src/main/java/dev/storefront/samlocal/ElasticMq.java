package dev.storefront.samlocal;

import java.net.URI;

import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

/** ElasticMQ (an SQS-compatible server) running inside this JVM, in memory. */
final class ElasticMq implements AutoCloseable {

    private static final String HOST = "127.0.0.1";

    private final SQSRestServer server;
    private final int port;

    private ElasticMq(SQSRestServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /**
     * Starts on {@code port} (0: a free one) and waits until it accepts connections. Queue URLs and
     * ARNs name this port, {@code region} and {@link IntrinsicResolver#ACCOUNT_ID}, like the real ones.
     */
    static ElasticMq start(int port, String region) throws Exception {
        return FreePorts.bind(port, p -> {
            SQSRestServer server = SQSRestServerBuilder
                    .withInterface(HOST)
                    .withPort(p)
                    // Loopback by address, not "localhost": that may resolve to ::1, where nothing listens.
                    .withServerAddress(new NodeAddress("http", HOST, p, ""))
                    .withAWSRegion(region)
                    .withAWSAccountId(IntrinsicResolver.ACCOUNT_ID)
                    .start();
            try {
                server.waitUntilStarted();
            } catch (RuntimeException e) {
                stopQuietly(server, e);
                throw e;
            }
            return new ElasticMq(server, p);
        });
    }

    URI endpoint() {
        return URI.create("http://" + HOST + ":" + port);
    }

    @Override
    public void close() {
        server.stopAndWait();
    }

    /** A server that failed to bind still owns an actor system; stop it so its threads do not leak. */
    private static void stopQuietly(SQSRestServer server, RuntimeException cause) {
        try {
            server.stopAndWait();
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }
}
