package io.stowage.kernel.migration;

import java.util.ArrayList;
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
import io.stowage.kernel.store.Keyspace;
import io.stowage.kernel.store.StoreDirectory;
import io.stowage.kernel.store.StoreRoute;
import io.stowage.kernel.store.ValueEnvelope;
import io.stowage.spi.BackendEntry;
import io.stowage.spi.BackendMutation;
import io.stowage.spi.StorageBackend;
import io.stowage.spi.StoreKeys;

/**
 * A store (or a whole backend instance) being copied to another backend while applications keep using it. The source stays the
 * store's truth until the switch; every write is applied to the source and then mirrored to the target by copying
 * the key's resulting source state (value with its expiry, or absence), so puts, deletes, batches and
 * compare-and-set all reach the target as they ended on the source.
 *
 * <p>Two locks keep the copy right. Operations hold the gate's read lock; the copier holds its write lock while it
 * copies one page and while it switches, so a page is copied between two writes, never across one. Writes also
 * lock their keys' stripes, so that two writes of one key reach the target in the order they reached the source.
 *
 * <p>A store's keys carry its prefix in each backend's {@link StoreDirectory}, which differs from one backend to the
 * next: a store's copy moves every key under the store's prefix in the target. A whole instance's copy carries the
 * directory with the data, so its keys stay as they are.
 */
public final class Migration {

    private static final int STRIPES = 64;
    /** Small: operations wait while a page is copied. */
    private static final int COPY_PAGE = 128;

    /** A key as the source holds it, and its value there, or null where it has none. */
    private record SourceState(byte[] key, byte[] value) {
    }

    private final BackendSlot source;
    private final BackendSlot target;
    private final String storeLabel;
    /** The store being copied; null when a whole instance is. */
    private final StoreRoute store;
    /** Where the store's keys go in the target instance that took them last. */
    private volatile Keyspace targetKeys;
    private final long timeoutMillis;
    /** Fair: else the copier, taking the write lock again right after each page, starves every operation. */
    private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock(true);
    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];
    private volatile boolean switched;
    private volatile RuntimeException mirrorFailure;

    /** A copy of a whole instance, directory and all: {@code label} names it in errors. */
    public Migration(BackendSlot source, BackendSlot target, String label, long timeoutMillis) {
        this(source, target, label, null, timeoutMillis);
    }

    /** A copy of one store. */
    public Migration(BackendSlot source, BackendSlot target, StoreRoute store, long timeoutMillis) {
        this(source, target, store.label, store, timeoutMillis);
    }

    private Migration(BackendSlot source, BackendSlot target, String storeLabel, StoreRoute store,
            long timeoutMillis) {
        this.source = source;
        this.target = target;
        this.storeLabel = storeLabel;
        this.store = store;
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

    /**
     * Runs a write on the source, then mirrors the resulting state of its keys to the target. The keys are the
     * writing store's, built with any prefix of it ({@link Keyspace#key} puts them under the right one).
     */
    public <T> T write(List<byte[]> rawKeys, StoreRoute writer, Supplier<T> operation) {
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
                mirror(rawKeys, writer);
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
                    onBound(target, bound -> {
                        bound.backend().write(store == null ? puts : targetKeys(bound).mutations(puts));
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

    /**
     * A whole instance's copy calls this with nothing in flight ({@link #exclusively}), just before the switch and
     * while the source still serves: it copies the kernel's metadata again, since a store first used during the copy
     * was given its prefix in the source's directory after the directory's page was copied.
     */
    public void copyMetadataAgain() {
        copy(new byte[] {KeyCodec.META}, KeyCodec.FIRST_STORE_KEY, () -> 0L, () -> { }, copied -> { });
    }

    /** From now on the store's route points at the target; writes waiting for the gate go there directly. */
    public void markSwitched() {
        switched = true;
    }

    /** Where the copied store's keys are in the instance serving the slot now: the source or the target. */
    public Keyspace keysIn(BackendSlot slot) {
        return onBound(slot, bound -> slot == target ? targetKeys(bound) : store.keyspaceOn(bound));
    }

    private void mirror(List<byte[]> rawKeys, StoreRoute writer) {
        if (mirrorFailure != null) {
            return;
        }
        try {
            for (byte[] raw : rawKeys) {
                SourceState state = onBound(source, bound -> {
                    byte[] key = writer.keyspaceOn(bound).key(raw);
                    return new SourceState(key, bound.backend().get(key));
                });
                byte[] current = state.value();
                onBound(target, bound -> {
                    byte[] targetKey = store == null ? state.key() : targetKeys(bound).key(state.key());
                    if (current == null) {
                        bound.backend().delete(targetKey);
                    } else {
                        bound.backend().put(targetKey, current, ValueEnvelope.expiresAt(current));
                    }
                    return null;
                });
            }
        } catch (RuntimeException e) {
            mirrorFailure = e;
        }
    }

    /** The store's keyspace in the target, learnt once per target instance. */
    private Keyspace targetKeys(BoundBackend bound) {
        Keyspace known = targetKeys;
        if (known == null || known.instance() != bound.serial()) {
            known = new Keyspace(bound.serial(),
                    StoreDirectory.prefixOf(bound.backend(), store.namespace, store.name));
            targetKeys = known;
        }
        return known;
    }

    /** A call on the slot's backend, counted in flight there. */
    <T> T onSlot(BackendSlot slot, Function<StorageBackend, T> call) {
        return onBound(slot, bound -> call.apply(bound.backend()));
    }

    private <T> T onBound(BackendSlot slot, Function<BoundBackend, T> call) {
        BoundBackend bound = slot.enter(timeoutMillis, storeLabel);
        try {
            return call.apply(bound);
        } finally {
            bound.exit();
        }
    }

    /**
     * Distinct stripes of the keys, ascending: every writer locks in the same order, so none deadlocks. A key's
     * stripe leaves out its store prefix, which two writers of one key may have built differently.
     */
    private static int[] stripesOf(List<byte[]> rawKeys) {
        return rawKeys.stream().mapToInt(key -> Math.floorMod(hashAfterPrefix(key), STRIPES)).distinct().sorted()
                .toArray();
    }

    private static int hashAfterPrefix(byte[] key) {
        int hash = 1;
        for (int i = StoreKeys.prefixLength(key); i < key.length; i++) {
            hash = 31 * hash + key[i];
        }
        return hash;
    }
}
