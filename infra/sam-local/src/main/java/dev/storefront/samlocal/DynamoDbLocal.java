package dev.storefront.samlocal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/** DynamoDB Local running inside this JVM. */
final class DynamoDbLocal implements AutoCloseable {

    private final DynamoDBProxyServer server;
    private final int port;

    private DynamoDbLocal(DynamoDBProxyServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /**
     * Starts on {@code port} (0: a free one), with its database in {@code dataDir} or, when null, in
     * memory. One shared database for every access key and region, as the clients of a local stack
     * sign with whatever credentials they find.
     */
    static DynamoDbLocal start(int port, Path dataDir) throws Exception {
        if (dataDir != null) {
            createDirectories(dataDir);
        }
        return FreePorts.bind(port, p -> {
            DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(arguments(p, dataDir));
            try {
                server.start();
            } catch (Exception e) {
                stopQuietly(server, e);  // releases the database it already opened
                throw e;
            }
            return new DynamoDbLocal(server, p);
        });
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("Stopping DynamoDB Local on port " + port + " failed", e);
        }
    }

    private static void stopQuietly(DynamoDBProxyServer server, Exception cause) {
        try {
            server.stop();
        } catch (Exception e) {
            cause.addSuppressed(e);
        }
    }

    private static String[] arguments(int port, Path dataDir) {
        List<String> args = new ArrayList<>(List.of("-port", Integer.toString(port), "-disableTelemetry", "-sharedDb"));
        if (dataDir == null) {
            args.add("-inMemory");
        } else {
            args.add("-dbPath");
            args.add(dataDir.toAbsolutePath().toString());
        }
        return args.toArray(String[]::new);
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create DynamoDB Local data directory " + dir, e);
        }
    }
}
