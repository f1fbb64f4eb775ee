package dev.storefront.local.sources;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * Where a stream mapping is in each shard, kept in a file under the runtime's data directory so
 * that a restart resumes where the last run stopped instead of replaying the stream (Lambda keeps
 * this position for a mapping too). A position is the sequence number of the last record
 * processed, {@link #TRIM_HORIZON} (nothing of the shard processed yet), {@link #LATEST} (skip
 * what the shard holds now) or {@link #END} (shard closed and fully processed).
 *
 * <p>A file written for another stream ARN (the table was recreated) counts as no file.
 */
final class StreamCheckpoints {

    static final String TRIM_HORIZON = "TRIM_HORIZON";
    static final String LATEST = "LATEST";
    static final String END = "END";
    private static final String STREAM_KEY = "streamArn";

    private final Path file;
    private final String streamArn;
    private final Properties positions = new Properties();
    private final boolean fresh;

    private StreamCheckpoints(Path file, String streamArn, Properties saved) {
        this.file = file;
        this.streamArn = streamArn;
        this.fresh = saved == null;
        if (saved != null) {
            positions.putAll(saved);
            positions.remove(STREAM_KEY);
        }
    }

    static StreamCheckpoints load(Path file, String streamArn) {
        if (!Files.isRegularFile(file)) {
            return new StreamCheckpoints(file, streamArn, null);
        }
        Properties saved = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            saved.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read stream checkpoints " + file, e);
        }
        return new StreamCheckpoints(file, streamArn, streamArn.equals(saved.getProperty(STREAM_KEY)) ? saved : null);
    }

    /** True when this mapping has never run against this stream: its StartingPosition applies. */
    boolean fresh() {
        return fresh;
    }

    /** The shard's position, null when the shard was never seen. */
    String position(String shardId) {
        return positions.getProperty(shardId);
    }

    /** Records the shard's position and writes the file (atomically: a crash leaves the old or the new one). */
    void save(String shardId, String position) {
        if (position.equals(positions.getProperty(shardId))) {
            return;
        }
        positions.setProperty(shardId, position);
        Properties out = new Properties();
        out.putAll(positions);
        out.setProperty(STREAM_KEY, streamArn);
        try {
            Files.createDirectories(file.getParent());
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            try (OutputStream stream = Files.newOutputStream(temp)) {
                out.store(stream, "Stream positions of one event-source mapping; delete to start over");
            }
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write stream checkpoints " + file, e);
        }
    }
}
