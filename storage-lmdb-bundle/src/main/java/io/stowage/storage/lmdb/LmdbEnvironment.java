package io.stowage.storage.lmdb;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.StampedLock;
import java.util.function.Function;

import org.lmdbjava.CopyFlags;
import org.lmdbjava.Cursor;
import org.lmdbjava.Dbi;
import org.lmdbjava.DbiFlags;
import org.lmdbjava.Env;
import org.lmdbjava.GetOp;
import org.lmdbjava.Txn;
import org.osgi.service.log.Logger;

import io.stowage.api.BackendUnavailableException;
import io.stowage.api.InvalidKeyException;
import io.stowage.api.StorageFullException;
import io.stowage.spi.BackendCondition;
import io.stowage.spi.BackendEntry;
import io.stowage.spi.BackendMutation;
import io.stowage.spi.ValueReader;

/**
 * One open LMDB environment with one database: pooled read transactions, serialized write transactions, a map
 * that grows when full, and a close that waits for every operation in flight.
 *
 * <p>Every operation holds the gate's read mode for its duration; growing the map and closing take the write
 * mode, so neither ever happens under an open transaction or cursor (closing under a cursor crashes the JVM).
 * Read transactions are pooled reset (MDB_NOTLS), never held per thread: a ThreadLocal would pin this bundle's
 * class loader and keep stale snapshots that grow the file.
 */
final class LmdbEnvironment implements AutoCloseable {

    /**
     * A pooled read transaction with its own key buffer. It stays active between uses while no write has committed
     * since it began (its snapshot is still the newest), so a read-mostly load pays no renew per read.
     */
    private static final class Reader {
        final Txn<ByteBuffer> txn;
        final ByteBuffer key = ByteBuffer.allocateDirect(512);
        /** What a value reader is given: read-only, and no new buffer per get. */
        final PageView view = new PageView();
        /** The write generation its snapshot shows, or -1 while reset. */
        long generation;

        Reader(Txn<ByteBuffer> txn, long generation) {
            this.txn = txn;
            this.generation = generation;
        }

        void reset() {
            if (generation >= 0) {
                txn.reset();
                generation = -1;
            }
        }
    }

    /** A get that copies the value out of the map; a constant, so a get allocates no lambda. */
    private static final ValueReader<byte[]> COPY = LmdbEnvironment::copy;

    private final LmdbSettings settings;
    private final Logger logger;
    private final FolderGuard guard;
    private final Env<ByteBuffer> env;
    private final Dbi<ByteBuffer> dbi;
    private final int maxKeySize;
    private final StampedLock gate = new StampedLock();
    private final ReentrantLock writer = new ReentrantLock();
    private final ByteBuffer writeKey = ByteBuffer.allocateDirect(512);
    private final IdlePool<Reader> idleReaders;
    private final List<Reader> allReaders = new ArrayList<>();
    private final ScheduledExecutorService readerCheck;
    private volatile Thread readerCheckThread;
    private final AtomicLong generation = new AtomicLong();
    private volatile long mapSize;
    private volatile boolean closed;

    LmdbEnvironment(LmdbSettings settings, Logger logger) {
        this.settings = settings;
        this.logger = logger;
        this.idleReaders = new IdlePool<>(settings.maxReaders());
        NioAccess.require(settings.name());
        this.guard = FolderGuard.acquire(settings.name(), settings.folder());
        Env<ByteBuffer> opened = null;
        ScheduledExecutorService checker = null;
        try {
            FormatMarker.check(settings.name(), settings.folder());
            opened = open(settings.mapSize());
            // Before any transaction of ours: a write transaction would recover stale slots silently first
            int cleared = opened.readerCheck();
            if (cleared > 0) {
                logger.warn("LMDB backend '{}': cleared {} reader slots left by crashed processes", settings.name(),
                        cleared);
            }
            this.env = opened;
            this.dbi = opened.openDbi("stowage", DbiFlags.MDB_CREATE);
            this.maxKeySize = opened.getMaxKeySize();
            // LMDB raises a map smaller than the data to the data's size: start from what it really uses
            this.mapSize = Math.max(settings.mapSize(), opened.info().mapSize);
            checker = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "stowage-lmdb-readers-" + settings.name());
                thread.setDaemon(true);
                readerCheckThread = thread;
                return thread;
            });
            checker.scheduleWithFixedDelay(this::checkReaders, settings.readerCheckSeconds(),
                    settings.readerCheckSeconds(), TimeUnit.SECONDS);
            this.readerCheck = checker;
        } catch (RuntimeException | Error e) {
            // Errors too: the classes of a bundle refreshed meanwhile fail to load half-way, and a folder left
            // locked by an instance that never came to be stays locked for the life of the JVM
            if (checker != null) {
                checker.shutdownNow();
            }
            if (opened != null) {
                opened.close();
            }
            closeQuietly(guard);
            throw e;
        }
    }

    /** lmdbjava finds its native library through the context class loader, which SCR does not set. */
    private Env<ByteBuffer> open(long size) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(Env.class.getClassLoader());
        try {
            return Env.create().setMapSize(size).setMaxDbs(1).setMaxReaders(settings.maxReaders())
                    .open(settings.folder().toFile(), settings.syncMode().flags());
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    long mapSize() {
        return mapSize;
    }

    byte[] get(byte[] key) {
        return get(key, COPY);
    }

    /**
     * The hottest path: the reader sees the value on its page of the map, inside the read transaction and the gate,
     * so the page can be neither reused nor unmapped while it reads. Written out rather than through
     * {@link #read(Function)}, so no lambda is allocated.
     */
    <T> T get(byte[] key, ValueReader<T> reader) {
        long stamp = enter();
        try {
            Reader pooled = acquireReader();
            try {
                ByteBuffer value = dbi.get(pooled.txn, load(pooled.key, key));
                return value == null ? null : reader.read(pooled.view.over(value));
            } finally {
                releaseReader(pooled);
            }
        } finally {
            gate.unlockRead(stamp);
        }
    }

    /** One snapshot for all keys. */
    List<byte[]> getAll(List<byte[]> keys) {
        return read(reader -> {
            List<byte[]> values = new ArrayList<>(keys.size());
            for (byte[] key : keys) {
                values.add(copy(dbi.get(reader.txn, load(reader.key, key))));
            }
            return values;
        });
    }

    List<BackendEntry> scan(byte[] fromInclusive, byte[] toExclusive, int limit) {
        return read(reader -> {
            try (Cursor<ByteBuffer> cursor = dbi.openCursor(reader.txn)) {
                List<BackendEntry> page = new ArrayList<>(Math.min(limit, 1024));
                if (!cursor.get(load(reader.key, fromInclusive), GetOp.MDB_SET_RANGE)) {
                    return page;
                }
                do {
                    byte[] key = copy(cursor.key());
                    if (toExclusive != null && Arrays.compareUnsigned(key, toExclusive) >= 0) {
                        break;
                    }
                    page.add(new BackendEntry(key, copy(cursor.val())));
                } while (page.size() < limit && cursor.next());
                return page;
            }
        });
    }

    /**
     * Copies the environment, compacted, into the new or empty folder, with the layout marker, while operations go
     * on: LMDB copies from a read transaction of its own, inside the gate, so the map does not grow meanwhile.
     */
    void copyTo(Path folder) {
        try {
            Files.createDirectories(folder);
            try (var files = Files.list(folder)) {
                if (files.findAny().isPresent()) {
                    throw new IllegalArgumentException("LMDB backend '" + settings.name() + "': the copy's folder "
                            + folder + " is not empty");
                }
            }
        } catch (IOException e) {
            throw new BackendUnavailableException("LMDB backend '" + settings.name() + "': cannot prepare " + folder
                    + ": " + e, e);
        }
        long stamp = enter();
        try {
            env.copy(folder.toFile(), CopyFlags.MDB_CP_COMPACT);
        } finally {
            gate.unlockRead(stamp);
        }
        // After the copy: lmdbjava copies only into an empty folder
        FormatMarker.mark(folder);
    }

    /** Runs the work in a pooled read transaction, inside the gate; whatever fails, both are given back. */
    private <T> T read(Function<Reader, T> work) {
        long stamp = enter();
        try {
            Reader reader = acquireReader();
            try {
                return work.apply(reader);
            } finally {
                releaseReader(reader);
            }
        } finally {
            gate.unlockRead(stamp);
        }
    }

    void put(byte[] key, byte[] value) {
        write(txn -> {
            store(txn, key, value);
            return null;
        });
    }

    byte[] delete(byte[] key) {
        return write(txn -> {
            ByteBuffer k = load(writeKey, key);
            byte[] previous = copy(dbi.get(txn, k));
            if (previous != null) {
                dbi.delete(txn, k);
            }
            return previous;
        });
    }

    boolean putIfAbsent(byte[] key, byte[] value) {
        return write(txn -> {
            if (dbi.get(txn, load(writeKey, key)) != null) {
                return false;
            }
            store(txn, key, value);
            return true;
        });
    }

    boolean replace(byte[] key, byte[] expected, byte[] value) {
        return write(txn -> {
            ByteBuffer k = load(writeKey, key);
            ByteBuffer current = dbi.get(txn, k);
            if (current == null || !current.equals(ByteBuffer.wrap(expected))) {
                return false;
            }
            if (value == null) {
                dbi.delete(txn, k);
            } else {
                store(txn, key, value);
            }
            return true;
        });
    }

    /** All mutations in one write transaction: LMDB commits all or none, and readers see all or none. */
    void write(List<BackendMutation> mutations) {
        for (BackendMutation mutation : mutations) {
            checkKey(mutation.key());
        }
        write(txn -> {
            apply(txn, mutations);
            return null;
        });
    }

    /**
     * The check and the mutations in one write transaction: LMDB runs one at a time, so no other write falls
     * between them; readers see all of the mutations or none.
     */
    boolean writeIf(List<BackendCondition> conditions, List<BackendMutation> mutations, long deadlineMillis) {
        for (BackendCondition condition : conditions) {
            checkKey(condition.fromInclusive());
        }
        for (BackendMutation mutation : mutations) {
            checkKey(mutation.key());
        }
        return write(txn -> {
            if (!new ConditionCheck(dbi, txn, writeKey).allHold(conditions)
                    || System.currentTimeMillis() >= deadlineMillis) {
                return false;
            }
            apply(txn, mutations);
            return true;
        });
    }

    private void apply(Txn<ByteBuffer> txn, List<BackendMutation> mutations) {
        for (BackendMutation mutation : mutations) {
            if (mutation.isDelete()) {
                dbi.delete(txn, load(writeKey, mutation.key()));
            } else {
                store(txn, mutation.key(), mutation.value());
            }
        }
    }

    private void store(Txn<ByteBuffer> txn, byte[] key, byte[] value) {
        // Reserve writes the value straight into the map: no direct buffer per value
        ByteBuffer target = dbi.reserve(txn, load(writeKey, key), value.length);
        target.put(value);
    }

    /** Runs the work in a write transaction; a full map is grown (up to the ceiling) and the work run again. */
    private <T> T write(Function<Txn<ByteBuffer>, T> work) {
        while (true) {
            long stamp = enter();
            writer.lock();
            try (Txn<ByteBuffer> txn = env.txnWrite()) {
                T result = work.apply(txn);
                txn.commit();
                generation.incrementAndGet();
                resetStaleIdleReaders();
                return result;
            } catch (Env.MapFullException full) {
                // The transaction was aborted by close(): nothing of it is stored; grow and try again
            } finally {
                writer.unlock();
                gate.unlockRead(stamp);
            }
            grow();
        }
    }

    /** Doubles the map, with no transaction open in this process, as LMDB requires. */
    private void grow() {
        long stamp = gate.writeLock();
        try {
            ensureOpen();
            if (mapSize >= settings.maxMapSize()) {
                throw new StorageFullException("LMDB backend '" + settings.name() + "' is full: its map reached the "
                        + "maximum of " + settings.maxMapSize() / LmdbSettings.MIB + " MiB (maxMapSizeMiB); delete "
                        + "data or raise the maximum");
            }
            long grown = Math.min(settings.maxMapSize(), mapSize * 2);
            // LMDB resizes only with no transaction active in the process: no operation runs, idle readers reset
            idleReaders.forEachIdle(Reader::reset);
            env.setMapSize(grown);
            logger.info("LMDB backend '{}': map grown from {} MiB to {} MiB", settings.name(),
                    mapSize / LmdbSettings.MIB, grown / LmdbSettings.MIB);
            mapSize = grown;
        } finally {
            gate.unlockWrite(stamp);
        }
    }

    private void checkReaders() {
        long stamp = gate.tryReadLock();
        if (stamp == 0) {
            return;
        }
        try {
            if (!closed) {
                int cleared = env.readerCheck();
                if (cleared > 0) {
                    logger.warn("LMDB backend '{}': cleared {} stale reader slots", settings.name(), cleared);
                }
            }
        } catch (RuntimeException e) {
            logger.warn("LMDB backend '{}': reader check failed: {}", settings.name(), e.toString());
        } finally {
            gate.unlockRead(stamp);
        }
    }

    private long enter() {
        long stamp = gate.readLock();
        if (closed) {
            gate.unlockRead(stamp);
            ensureOpen();
        }
        return stamp;
    }

    private void ensureOpen() {
        if (closed) {
            throw new BackendUnavailableException("LMDB backend '" + settings.name() + "' has ended");
        }
    }

    private Reader acquireReader() {
        // Read before the snapshot is taken: a write committing meanwhile only makes the next use renew again
        long current = generation.get();
        Reader reader = idleReaders.take();
        if (reader == null) {
            reader = new Reader(env.txnRead(), current);
            synchronized (allReaders) {
                allReaders.add(reader);
            }
        } else if (reader.generation != current) {
            reader.reset();
            reader.txn.renew();
            reader.generation = current;
        }
        return reader;
    }

    private void releaseReader(Reader reader) {
        if (!idleReaders.give(reader)) {
            // More readers than maxReaders slots cannot exist (LMDB refuses them first); close it to be sure
            synchronized (allReaders) {
                allReaders.remove(reader);
            }
            reader.txn.close();
        }
    }

    /**
     * After a commit: idle readers showing an older snapshot are reset, so that they do not keep old pages from
     * being reused (which grows the file).
     */
    private void resetStaleIdleReaders() {
        long current = generation.get();
        idleReaders.forEachIdle(reader -> {
            if (reader.generation >= 0 && reader.generation != current) {
                reader.reset();
            }
        });
    }

    private ByteBuffer load(ByteBuffer buffer, byte[] key) {
        checkKey(key);
        buffer.clear();
        buffer.put(key).flip();
        return buffer;
    }

    private void checkKey(byte[] key) {
        if (key.length == 0 || key.length > maxKeySize) {
            throw new InvalidKeyException("LMDB backend '" + settings.name() + "': a key of " + key.length
                    + " bytes is outside LMDB's limits of 1 to " + maxKeySize + " bytes");
        }
    }

    private static byte[] copy(ByteBuffer buffer) {
        if (buffer == null) {
            return null;
        }
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    /** Waits for every operation in flight, then closes transactions, the environment and the folder guard. */
    @Override
    public void close() {
        closed = true;
        readerCheck.shutdownNow();
        long stamp = gate.writeLock();
        try {
            synchronized (allReaders) {
                // A plain loop: a lambda would load Reader even for an empty list, and a closing instance of an
                // updated bundle may no longer load classes
                for (Reader reader : allReaders) {
                    reader.txn.close();
                }
                allReaders.clear();
            }
            idleReaders.clear();
            env.close();
        } finally {
            gate.unlockWrite(stamp);
            closeQuietly(guard);
        }
        try {
            readerCheck.awaitTermination(10, TimeUnit.SECONDS);
            // A terminated executor's thread may still be on its way out: wait, so that close leaves no thread
            Thread thread = readerCheckThread;
            if (thread != null) {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void closeQuietly(FolderGuard folderGuard) {
        try {
            folderGuard.close();
        } catch (IOException e) {
            logger.warn("LMDB backend '{}': releasing the folder lock failed: {}", settings.name(), e.toString());
        }
    }
}
