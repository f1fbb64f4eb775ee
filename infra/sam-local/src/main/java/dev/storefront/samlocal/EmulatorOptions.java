package dev.storefront.samlocal;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How to start {@link Emulators}.
 *
 * @param dynamoPort    DynamoDB Local's port, 0 for a free one
 * @param sqsPort       ElasticMQ's port, 0 for a free one
 * @param dynamoDataDir where DynamoDB Local keeps its database file, null to keep it in memory
 * @param region        the region the clients sign for and ARNs and queue URLs name
 */
public record EmulatorOptions(int dynamoPort, int sqsPort, Path dynamoDataDir, String region) {

    public static final String DEFAULT_REGION = "us-east-1";

    public EmulatorOptions {
        checkPort(dynamoPort, "dynamoPort");
        checkPort(sqsPort, "sqsPort");
        Objects.requireNonNull(region, "region");
        if (region.isBlank()) {
            throw new IllegalArgumentException("region must not be blank");
        }
    }

    /** Free ports, in-memory data, us-east-1: what tests want. */
    public static EmulatorOptions ephemeral() {
        return new EmulatorOptions(0, 0, null, DEFAULT_REGION);
    }

    public EmulatorOptions withDynamoDataDir(Path dir) {
        return new EmulatorOptions(dynamoPort, sqsPort, dir, region);
    }

    public EmulatorOptions withPorts(int dynamo, int sqs) {
        return new EmulatorOptions(dynamo, sqs, dynamoDataDir, region);
    }

    private static void checkPort(int port, String name) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException(name + " must be 0 (any free port) or a TCP port but is " + port);
        }
    }
}
