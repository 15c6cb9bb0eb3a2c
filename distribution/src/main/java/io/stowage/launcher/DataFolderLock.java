package io.stowage.launcher;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Proof that this process alone owns a data folder: an exclusive lock on {@code DATA/.lock}, held until
 * {@link #close()} or the end of the process. The file holds the owner's pid, so a refused runtime can name it.
 */
final class DataFolderLock implements AutoCloseable {

    static final String LOCK_FILE = ".lock";
    private static final String OWN_PID = Long.toString(ProcessHandle.current().pid());

    /**
     * Lock files this process holds. A second lock in the same process is refused before a channel is opened: POSIX
     * locks belong to the process, and closing any channel on the file would release them all.
     */
    private static final Set<Path> HELD_BY_THIS_PROCESS = ConcurrentHashMap.newKeySet();

    private final Path lockFile;
    private final FileChannel channel;

    private DataFolderLock(Path lockFile, FileChannel channel) {
        this.lockFile = lockFile;
        this.channel = channel;
    }

    /**
     * Creates the folder if needed and locks it.
     *
     * @throws StartupFailure if another runtime holds the lock; nothing in the folder is changed then
     */
    static DataFolderLock acquire(Path dataDir) throws StartupFailure {
        Path folder = dataDir.toAbsolutePath().normalize();
        Path lockFile = folder.resolve(LOCK_FILE);
        if (!HELD_BY_THIS_PROCESS.add(lockFile)) {
            throw inUse(folder, OWN_PID);
        }
        try {
            Files.createDirectories(folder);
            FileChannel channel = FileChannel.open(lockFile,
                    StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            if (tryLock(channel) == null) {
                String owner = readOwnerPid(channel);
                channel.close();
                throw inUse(folder, owner);
            }
            writeOwnPid(channel);
            return new DataFolderLock(lockFile, channel);
        } catch (IOException e) {
            HELD_BY_THIS_PROCESS.remove(lockFile);
            throw new StartupFailure("cannot lock data folder " + folder + ": " + e.getMessage(), e);
        } catch (StartupFailure e) {
            HELD_BY_THIS_PROCESS.remove(lockFile);
            throw e;
        }
    }

    /** Releases the lock; the pid stays in the file, and the next runtime overwrites it. */
    @Override
    public void close() throws IOException {
        try {
            channel.close();
        } finally {
            HELD_BY_THIS_PROCESS.remove(lockFile);
        }
    }

    private static StartupFailure inUse(Path folder, String ownerPid) {
        return new StartupFailure("data folder " + folder + " is in use by another Stowage runtime (pid " + ownerPid
                + "); stop it or start with --data <another folder>");
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // locked through another channel of this JVM, outside this class
        }
    }

    private static String readOwnerPid(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(32);
        channel.read(buffer, 0);
        String pid = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).strip();
        return pid.isEmpty() ? "unknown" : pid;
    }

    private static void writeOwnPid(FileChannel channel) throws IOException {
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(OWN_PID.getBytes(StandardCharsets.US_ASCII)), 0);
        channel.force(false);
    }
}
