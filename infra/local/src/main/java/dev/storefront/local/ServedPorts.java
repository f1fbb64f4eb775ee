package dev.storefront.local;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The ports a running `make run` serves, written to its data folder on start ({@value #FILE}) so
 * that `make token`, `make demo`, `make partner` and the rest reach that runtime and not whatever
 * answers on the default port. An explicit STOREFRONT_HTTP_PORT / STOREFRONT_SQS_PORT still wins.
 */
public record ServedPorts(int http, int sqs, int dynamodb) {

    static final String FILE = "ports.properties";

    void writeTo(Path dataDir) {
        try {
            Files.writeString(dataDir.resolve(FILE), "# the ports of the runtime using this data folder (make token reads them)\n"
                    + "http=" + http + "\nsqs=" + sqs + "\ndynamodb=" + dynamodb + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dataDir.resolve(FILE), e);
        }
    }

    static void removeFrom(Path dataDir) {
        try {
            Files.deleteIfExists(dataDir.resolve(FILE));
        } catch (IOException e) {
            // a stale file only sends `make token` to a closed port, which then says "Is 'make run' up?"
        }
    }

    /** The HTTP port for the tools: STOREFRONT_HTTP_PORT, else the running runtime's, else 3000. */
    public static int httpPort() {
        return port("STOREFRONT_HTTP_PORT", "http", 3000);
    }

    /** The SQS port for the tools: STOREFRONT_SQS_PORT, else the running runtime's, else 9324. */
    public static int sqsPort() {
        return port("STOREFRONT_SQS_PORT", "sqs", 9324);
    }

    /** The data folder `make run` uses: STOREFRONT_DATA_DIR (default .local) under STOREFRONT_ROOT (default .). */
    public static Path dataDir() {
        Path root = Path.of(System.getenv().getOrDefault("STOREFRONT_ROOT", ".")).toAbsolutePath().normalize();
        return root.resolve(System.getenv().getOrDefault("STOREFRONT_DATA_DIR", ".local"));
    }

    private static int port(String variable, String key, int fallback) {
        String explicit = System.getenv(variable);
        if (explicit != null && !explicit.isBlank()) {
            return Integer.parseInt(explicit.trim());
        }
        Path file = dataDir().resolve(FILE);
        if (Files.isRegularFile(file)) {
            Properties ports = new Properties();
            try (Reader in = Files.newBufferedReader(file)) {
                ports.load(in);
                return Integer.parseInt(ports.getProperty(key, Integer.toString(fallback)).trim());
            } catch (IOException | NumberFormatException e) {
                return fallback;
            }
        }
        return fallback;
    }
}
