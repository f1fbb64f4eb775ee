package dev.storefront.local;

import dev.storefront.samlocal.SamTemplate;
import dev.storefront.samlocal.StackResources;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Which backend a data directory's demo data went into: one marker file per backend and endpoint
 * ({@code seeded} for the embedded emulators, {@code seeded-localhost-4566} for an external
 * endpoint), so switching to another backend seeds it, and switching back does not seed twice.
 * The marker holds the tables' stream ARNs, which name when each table was created: a backend that
 * lost its tables since (an in-memory emulator restarted) is seeded again.
 */
final class SeedMarker {

    private final Path file;
    private final String tables;

    private SeedMarker(Path file, String tables) {
        this.file = file;
        this.tables = tables;
    }

    /** @param external the external backend's endpoint, null for the embedded emulators */
    static SeedMarker of(Path dataDir, URI external, StackResources resources) {
        String name = external == null ? "seeded" : "seeded-" + external.getAuthority().replaceAll("[^A-Za-z0-9.-]", "-");
        String tables = resources.template().resourcesOfType(SamTemplate.TABLE).keySet().stream()
                .map(resources::streamArn).filter(Objects::nonNull).sorted()
                .collect(Collectors.joining("\n", "", "\n"));
        return new SeedMarker(dataDir.resolve(name), tables);
    }

    /** True when this backend's current tables were seeded from this data directory. */
    boolean present() {
        try {
            return Files.isRegularFile(file) && Files.readString(file).equals(tables);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the seed marker " + file, e);
        }
    }

    void write() throws IOException {
        Files.writeString(file, tables);
    }
}
