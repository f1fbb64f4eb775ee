package dev.storefront.samlocal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.ServerSocket;

/** Free TCP ports, so emulators never collide with each other or with a running {@code make run}. */
public final class FreePorts {

    private static final int ATTEMPTS = 5;

    private FreePorts() {
    }

    /**
     * A port that was free a moment ago. Another process may take it before the caller binds it;
     * {@link #bind} retries for that case.
     */
    public static int pick() {
        // Bound on all interfaces: Jetty (DynamoDB Local) listens on the wildcard address.
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free TCP port", e);
        }
    }

    /** Something that listens on a port. */
    @FunctionalInterface
    interface Binder<T> {
        T bind(int port) throws Exception;
    }

    /**
     * Runs {@code binder} on {@code requestedPort}, or, when it is 0, on a picked free port, picking
     * again when that port was taken in between.
     */
    static <T> T bind(int requestedPort, Binder<T> binder) throws Exception {
        if (requestedPort != 0) {
            return binder.bind(requestedPort);
        }
        Exception last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try {
                return binder.bind(pick());
            } catch (Exception e) {
                if (!isBindFailure(e)) {
                    throw e;
                }
                if (last != null) {
                    e.addSuppressed(last);
                }
                last = e;
            }
        }
        throw last;
    }

    private static boolean isBindFailure(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT);
            if (t instanceof BindException || message.contains("address already in use") || message.contains("failed to bind")) {
                return true;
            }
        }
        return false;
    }
}
