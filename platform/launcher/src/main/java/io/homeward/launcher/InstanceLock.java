package io.homeward.launcher;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * One running instance per data directory. The operating system releases the lock when the
 * process dies, even on {@code kill -9}, so a stale lock file never blocks a restart; the pid file
 * beside it is informational (used by {@code bin/homeward stop|status}).
 */
final class InstanceLock implements AutoCloseable {

    static final String LOCK_FILE = "homeward.lock";
    static final String PID_FILE = "homeward.pid";

    private final FileChannel channel;
    private final FileLock lock;
    private final Path pidFile;

    private InstanceLock(FileChannel channel, FileLock lock, Path pidFile) {
        this.channel = channel;
        this.lock = lock;
        this.pidFile = pidFile;
    }

    /** Takes the lock and writes the pid file, or returns empty when another process holds it. */
    static Optional<InstanceLock> acquire(Path data) throws IOException {
        Files.createDirectories(data);
        FileChannel channel = FileChannel.open(data.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            return Optional.empty();
        }
        Path pidFile = data.resolve(PID_FILE);
        Files.writeString(pidFile, ProcessHandle.current().pid() + "\n", StandardCharsets.US_ASCII);
        return Optional.of(new InstanceLock(channel, lock, pidFile));
    }

    /** The pid recorded by the instance holding the lock, if readable. */
    static Optional<String> recordedPid(Path data) {
        try {
            return Optional.of(Files.readString(data.resolve(PID_FILE)).trim()).filter(s -> !s.isEmpty());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(pidFile);
        lock.release();
        channel.close();
    }
}
