package dev.storefront.local;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Optional;

/**
 * The ports `make run` listens on, checked before anything starts: a taken one is named in one
 * line with the variable that moves it, instead of the stack trace of whichever server hit it first.
 */
final class LocalPorts {

    record Port(String what, int number, String variable) {
    }

    private LocalPorts() {
    }

    /** The fixed ports of these options (0 means "any free one" and is never taken). */
    static List<Port> of(LocalRuntime.Options options) {
        Port http = new Port("the HTTP API", options.httpPort(), "STOREFRONT_HTTP_PORT");
        if (options.localstack() != null) {
            return List.of(http);
        }
        return List.of(http, new Port("DynamoDB Local", options.dynamoPort(), "STOREFRONT_DYNAMODB_PORT"),
                new Port("ElasticMQ (SQS)", options.sqsPort(), "STOREFRONT_SQS_PORT"));
    }

    /** The line to print for the first port something else holds, if any. */
    static Optional<String> firstTaken(List<Port> ports) {
        for (Port port : ports) {
            if (port.number() != 0 && !free(port.number())) {
                return Optional.of("Port " + port.number() + " (" + port.what() + ") is taken, maybe by another `make run`: stop it, or move this one with "
                        + port.variable() + "=" + (port.number() + 1) + " make run");
            }
        }
        return Optional.empty();
    }

    /** Bound on every interface, as the emulators bind: taken on any of them is taken. */
    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
