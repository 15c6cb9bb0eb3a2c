package io.stowage.storage.lmdb;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import io.stowage.api.BackendUnavailableException;

/**
 * Makes sure one LMDB folder is open once: LMDB must never be opened twice in one process (closing either copy
 * silently drops the other's locks). File locks are held per JVM, so the guard works across class loaders, and so
 * across two versions of this bundle, as well as across processes.
 */
final class FolderGuard implements AutoCloseable {

    static final String LOCK_FILE = "stowage-lmdb.lock";

    private final FileChannel channel;

    private FolderGuard(FileChannel channel) {
        this.channel = channel;
    }

    static FolderGuard acquire(String name, Path folder) {
        Path real;
        FileChannel channel = null;
        try {
            Files.createDirectories(folder);
            real = folder.toRealPath();
            channel = FileChannel.open(real.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw inUse(name, real, "another process");
            }
            return new FolderGuard(channel);
        } catch (OverlappingFileLockException e) {
            closeQuietly(channel);
            throw inUse(name, folder, "another backend configuration in this process");
        } catch (IOException e) {
            closeQuietly(channel);
            throw new BackendUnavailableException("LMDB backend '" + name + "': cannot open folder " + folder + ": " + e,
                    e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    private static BackendUnavailableException inUse(String name, Path folder, String holder) {
        return new BackendUnavailableException("LMDB backend '" + name + "': folder " + folder + " is already open by "
                + holder + "; LMDB must not open one environment twice");
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing was locked through it
            }
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
