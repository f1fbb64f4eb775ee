package dev.storefront.samlocal;

import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

import java.io.IOException;
import java.lang.reflect.Field;
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

    private static final String LOOPBACK = "127.0.0.1";

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
        // DynamoDB Local logs through Log4j, which starts lazily and adds a JVM shutdown hook as it does.
        // The runtime closes the emulator itself; a first log line during the JVM's shutdown (a request
        // finishing as Ctrl-C came) would otherwise print Log4j's "Unable to register ... shutdown hook".
        System.setProperty("log4j.shutdownHookEnabled", "false");
        if (dataDir != null) {
            createDirectories(dataDir);
        }
        return FreePorts.bind(port, p -> {
            DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(arguments(p, dataDir));
            bindToLoopback(server);
            try {
                server.start();
            } catch (Exception e) {
                stopQuietly(server, e);  // releases the database it already opened
                throw e;
            }
            return new DynamoDbLocal(server, p);
        });
    }

    /**
     * DynamoDB Local has no option for its interface: it listens on all of them and takes any
     * credentials, so anyone on the developer's network could read every order's email and
     * address. Its Jetty connector is pointed at loopback before it starts; when that cannot be
     * done (a DynamoDB Local whose internals moved), it does not start at all.
     */
    private static void bindToLoopback(DynamoDBProxyServer proxy) {
        try {
            Field field = DynamoDBProxyServer.class.getDeclaredField("server");
            field.setAccessible(true);
            Connector[] connectors = ((Server) field.get(proxy)).getConnectors();
            if (connectors.length == 0) {
                throw new IllegalStateException("it has no connector");
            }
            for (Connector connector : connectors) {
                if (!(connector instanceof ServerConnector network)) {
                    throw new IllegalStateException("its connector is a " + connector.getClass().getName());
                }
                network.setHost(LOOPBACK);
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("DynamoDB Local cannot be bound to " + LOOPBACK + " (" + e.getMessage()
                    + "); refusing to serve the local data on every network interface", e);
        }
    }

    URI endpoint() {
        return URI.create("http://" + LOOPBACK + ":" + port);
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
