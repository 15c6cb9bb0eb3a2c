package io.stowage.kernel.migration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import io.stowage.kernel.store.BackendSlot;
import io.stowage.kernel.store.BoundBackend;
import io.stowage.kernel.store.KeyCodec;
import io.stowage.kernel.store.ValueEnvelope;
import io.stowage.spi.BackendEntry;
import io.stowage.spi.BackendMutation;
import io.stowage.spi.StorageBackend;

/**
 * A store (or a whole backend instance) being copied to another backend while applications keep using it. The source stays the
 * store's truth until the switch; every write is applied to the source and then mirrored to the target by copying
 * the key's resulting source state (value with its expiry, or absence), so puts, deletes, batches and
 * compare-and-set all reach the target as they ended on the source.
 *
 * <p>Two locks keep the copy right. Operations hold the gate's read lock; the copier holds its write lock while it
 * copies one page and while it switches, so a page is copied between two writes, never across one. Writes also
 * lock their keys' stripes, so that two writes of one key reach the target in the order they reached the source.
 */
public final class Migration {

    private static final int STRIPES = 64;
    /** Small: operations wait while a page is copied. */
    private static final int COPY_PAGE = 128;

    private final BackendSlot source;
    private final BackendSlot target;
    private final String storeLabel;
    private final long timeoutMillis;
    /** Fair: else the copier, taking the write lock again right after each page, starves every operation. */
    private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock(true);
    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];
    private volatile boolean switched;
    private volatile RuntimeException mirrorFailure;

    public Migration(BackendSlot source, BackendSlot target, String storeLabel, long timeoutMillis) {
        this.source = source;
        this.target = target;
        this.storeLabel = storeLabel;
        this.timeoutMillis = timeoutMillis;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    BackendSlot source() {
        return source;
    }

    public BackendSlot target() {
        return target;
    }

    /** Why mirroring a write failed, or null; a failed mirror aborts the migration, never the write. */
    public RuntimeException mirrorFailure() {
        return mirrorFailure;
    }

    /** Runs a read so that it never overlaps the switch. */
    public <T> T read(Supplier<T> operation) {
        gate.readLock().lock();
        try {
            return operation.get();
        } finally {
            gate.readLock().unlock();
        }
    }

    /** Runs a write on the source, then mirrors the resulting state of its keys to the target. */
    public <T> T write(List<byte[]> rawKeys, Supplier<T> operation) {
        gate.readLock().lock();
        try {
            if (switched) {
                return operation.get();
            }
            int[] locked = stripesOf(rawKeys);
            for (int stripe : locked) {
                stripes[stripe].lock();
            }
            try {
                T result = operation.get();
                mirror(rawKeys);
                return result;
            } finally {
                for (int stripe : locked) {
                    stripes[stripe].unlock();
                }
            }
        } finally {
            gate.readLock().unlock();
        }
    }

    /** Runs the work with no operation on the store in flight (a page copy, the switch). */
    public void exclusively(Runnable work) {
        gate.writeLock().lock();
        try {
            work.run();
        } finally {
            gate.writeLock().unlock();
        }
    }

    /**
     * Copies the source's entries of [from, to) to the target ({@code to} null: to the end), a page at a time, each
     * page with no write in flight. Entries keep their absolute expiry; expired ones are skipped. Before each page
     * {@code check} may throw to stop the copy; after each, {@code progress} gets the count so far.
     */
    public long copy(byte[] from, byte[] to, LongSupplier clock, Runnable check, LongConsumer progress) {
        long[] copied = {0};
        byte[][] next = {from};
        boolean[] done = {false};
        while (!done[0]) {
            exclusively(() -> {
                check.run();
                List<BackendEntry> page = onSlot(source, backend -> backend.scan(next[0], to, COPY_PAGE));
                long now = clock.getAsLong();
                List<BackendMutation> puts = new ArrayList<>(page.size());
                for (BackendEntry entry : page) {
                    // Kernel metadata (a key starting 0x00) has no envelope and never expires
                    boolean metadata = entry.key()[0] == KeyCodec.META;
                    if (metadata || !ValueEnvelope.isExpired(entry.value(), now)) {
                        puts.add(BackendMutation.put(entry.key(), entry.value(),
                                metadata ? ValueEnvelope.NO_EXPIRY : ValueEnvelope.expiresAt(entry.value())));
                    }
                }
                if (!puts.isEmpty()) {
                    onSlot(target, backend -> {
                        backend.write(puts);
                        return null;
                    });
                }
                copied[0] += puts.size();
                done[0] = page.size() < COPY_PAGE;
                if (!page.isEmpty()) {
                    next[0] = KeyCodec.successor(page.get(page.size() - 1).key());
                }
            });
            progress.accept(copied[0]);
        }
        return copied[0];
    }

    /** From now on the store's route points at the target; writes waiting for the gate go there directly. */
    public void markSwitched() {
        switched = true;
    }

    private void mirror(List<byte[]> rawKeys) {
        if (mirrorFailure != null) {
            return;
        }
        try {
            for (byte[] key : rawKeys) {
                byte[] current = onSlot(source, backend -> backend.get(key));
                onSlot(target, backend -> {
                    if (current == null) {
                        backend.delete(key);
                    } else {
                        backend.put(key, current, key[0] == KeyCodec.META ? ValueEnvelope.NO_EXPIRY
                                : ValueEnvelope.expiresAt(current));
                    }
                    return null;
                });
            }
        } catch (RuntimeException e) {
            mirrorFailure = e;
        }
    }

    /** A call on the slot's backend, counted in flight there. */
    <T> T onSlot(BackendSlot slot, Function<StorageBackend, T> call) {
        BoundBackend bound = slot.enter(timeoutMillis, storeLabel);
        try {
            return call.apply(bound.backend());
        } finally {
            bound.exit();
        }
    }

    /** Distinct stripes of the keys, ascending: every writer locks in the same order, so none deadlocks. */
    private static int[] stripesOf(List<byte[]> rawKeys) {
        return rawKeys.stream().mapToInt(key -> Math.floorMod(Arrays.hashCode(key), STRIPES)).distinct().sorted()
                .toArray();
    }
}
