package dev.storefront.local;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One local runtime per data folder: two would share DynamoDB Local's SQLite files (then "database
 * is locked" and 500s) and each other's stream positions. Held for the runtime's life by an OS
 * file lock, which the OS releases when the process dies, so a killed runtime leaves no stale lock.
 */
final class DataFolderLock implements AutoCloseable {

    static final String FILE = "runtime.lock";

    /** Another runtime holds the folder; the message is the one line to show. */
    static final class InUse extends IllegalStateException {
        InUse(Path folder) {
            super("Another local runtime is using " + folder + "; stop it, or give this one its own folder with STOREFRONT_DATA_DIR");
        }
    }

    private final FileChannel channel;
    private final FileLock lock;

    private DataFolderLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static DataFolderLock acquire(Path folder) throws IOException {
        Files.createDirectories(folder);
        FileChannel channel = FileChannel.open(folder.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException sameProcess) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new InUse(folder);
        }
        return new DataFolderLock(channel, lock);
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
