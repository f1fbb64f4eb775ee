package dev.storefront.local;

import dev.storefront.samlocal.FreePorts;
import dev.storefront.samlocal.SamTemplate;
import org.opentest4j.TestAbortedException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * moto's server, an AWS emulator independent of DynamoDB Local and ElasticMQ, on a free port, one
 * for the JVM (stopped when it exits): started through {@code infra/local/moto/moto-server.py},
 * which is moto_server with three fixes (the script says which). Tests that use it are
 * {@code @EnabledIf(INSTALLED)}; one whose python3 has no moto is skipped when it starts.
 */
final class MotoServer implements AutoCloseable {

    /** moto imports every service it emulates at start: seconds, more on a busy machine. */
    private static final Duration START_UP = Duration.ofSeconds(60);
    /** The script's exit status when the interpreter has no moto. */
    private static final int MOTO_MISSING = 3;

    static final String INSTALLED = "dev.storefront.local.MotoServer#installed";
    static final String NOT_INSTALLED = "moto_server is not installed (pip install 'moto[server]'): the moto tests are skipped";

    private static MotoServer shared;
    /** Why moto cannot run here, once a start was skipped. */
    private static String missing;

    private final Process process;
    private final int port;

    private MotoServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static synchronized MotoServer shared() throws IOException, InterruptedException {
        assumeTrue(missing == null, missing);
        if (shared == null) {
            try {
                shared = start(SamTemplate.findRepoRoot());
            } catch (TestAbortedException skipped) {
                missing = skipped.getMessage();
                throw skipped;
            }
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "moto-shutdown"));
        }
        return shared;
    }

    private static MotoServer start(Path repoRoot) throws IOException, InterruptedException {
        int port = FreePorts.pick();
        Path log = Files.createDirectories(Path.of("target")).resolve("moto-server.log");
        Process process = new ProcessBuilder("python3", repoRoot.resolve("infra/local/moto/moto-server.py").toString(), "-p", String.valueOf(port))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        MotoServer moto = new MotoServer(process, port);
        long deadline = System.nanoTime() + START_UP.toNanos();
        while (!moto.accepts()) {
            if (process.waitFor(200, TimeUnit.MILLISECONDS)) {
                assumeTrue(process.exitValue() != MOTO_MISSING, () -> "the moto scenarios are skipped: " + read(log));
                throw new IllegalStateException("moto_server exited with " + process.exitValue() + ": " + read(log));
            }
            if (System.nanoTime() - deadline > 0) {
                moto.close();
                throw new IllegalStateException("moto_server did not listen on port " + port + " within " + START_UP.toSeconds() + " s; " + log);
            }
        }
        return moto;
    }

    URI endpoint() {
        return URI.create("http://localhost:" + port);
    }

    private boolean accepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 200);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    /** For {@code @EnabledIf}: moto_server is on the PATH. */
    static boolean installed() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "moto_server"))) {
                return true;
            }
        }
        return false;
    }

    private static String read(Path log) {
        try {
            return Files.readString(log).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
