package dev.storefront.samlocal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Temporary folders of a local runtime or a test harness (a function's unpacked jars take about
 * 18 MB, a runtime's ~370 MB): deleted when their owner closes them, and whatever is left when the
 * JVM exits. Without this every `make test` left some 4 GB in the temporary directory.
 */
public final class ScratchFolders {

    private static final Set<Path> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> List.copyOf(LIVE).forEach(ScratchFolders::delete), "scratch-folders"));
    }

    private ScratchFolders() {
    }

    /** A new folder under the system's temporary directory, named {@code prefix...}. */
    public static Path create(String prefix) {
        try {
            Path folder = Files.createTempDirectory(prefix);
            LIVE.add(folder);
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary folder " + prefix, e);
        }
    }

    /** Deletes the folder and everything in it; quietly, as a cleanup must not fail a stop. */
    public static void delete(Path folder) {
        LIVE.remove(folder);
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // Left for the system's temporary-file cleaning.
        }
    }
}
