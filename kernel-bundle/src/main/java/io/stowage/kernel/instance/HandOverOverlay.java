package io.stowage.kernel.instance;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.locks.StampedLock;

import io.stowage.kernel.store.KeyCodec;
import io.stowage.kernel.store.ValueEnvelope;
import io.stowage.spi.BackendCondition;
import io.stowage.spi.BackendEntry;
import io.stowage.spi.BackendMutation;
import io.stowage.spi.Capability;
import io.stowage.spi.StorageBackend;

/**
 * A new volatile instance serving at once with the entries handed over to it still waiting behind it, while
 * {@link HandOverLoader} moves them in a chunk at a time: the update of a volatile extension then holds operations
 * for no time in proportion to its data (issue 14). The overlay answers every operation as if the waiting entries
 * were in the instance already.
 *
 * <p>A key's value is the waiting entry's if one waits for the key, else the instance's. Waiting entries are never
 * added, only removed: a write or delete goes to the instance and removes the key's waiting entry (so the loader
 * cannot bring the old value back), and the loader removes each entry it has put into the instance.
 *
 * <p>Locks ({@link KeyStripes}). Every change holds the write locks of its keys' stripes, taken in ascending order
 * (so none deadlocks), and changes the instance before the waiting entries; a chunk of the loader holds all of them,
 * as does a conditional write with a range condition. A point read is optimistic: it reads the waiting entry, then
 * the instance, and keeps the answer only if no change of the stripe overlapped, so that it never sees a batch half
 * moved out of the waiting entries. Reads of several keys and scans hold read locks (scans: of every stripe), so
 * they see the waiting entries and the instance at one moment. Once every entry is loaded, the overlay passes
 * operations straight to the instance.
 *
 * <p>An instance with a {@link StorageBackend#maxKeys()} counts only what it holds, not what still waits: the
 * overlay counts every key it shows ({@link KeyLimit}) and refuses, as a full instance would, a write that would
 * leave no room for the waiting entries, so the loader never finds the instance full.
 */
final class HandOverOverlay implements StorageBackend {

    private final StorageBackend next;
    private final ConcurrentNavigableMap<byte[], byte[]> waiting;
    private final boolean atomicBatches;
    private final boolean conditionalWrites;
    private final KeyStripes stripes = new KeyStripes();
    private final KeyLimit limit;
    private volatile boolean loading;

    /** {@code waiting}: the handed-over entries, which the overlay owns from now on. */
    HandOverOverlay(StorageBackend next, ConcurrentNavigableMap<byte[], byte[]> waiting) {
        this(next, waiting, waiting.size());
    }

    /** As above, given how many entries wait (counting a sorted map means walking it). */
    HandOverOverlay(StorageBackend next, ConcurrentNavigableMap<byte[], byte[]> waiting, long waitingEntries) {
        this.next = next;
        this.waiting = waiting;
        this.atomicBatches = next.capabilities().contains(Capability.ATOMIC_BATCH);
        this.conditionalWrites = next.capabilities().contains(Capability.CONDITIONAL_WRITE);
        this.loading = !waiting.isEmpty();
        this.limit = KeyLimit.of(next.maxKeys(), () -> waitingEntries + HandOver.keysIn(next),
                key -> waiting.containsKey(key) || next.get(key) != null, () -> loading);
    }

    /** Whether handed-over entries still wait to be loaded. */
    boolean isLoading() {
        return loading;
    }

    /**
     * Puts every waiting entry into the instance before it serves, then lets them go. If the instance refuses one
     * (it is full, say), the waiting entries stay whole, so the hand-over they are can wait for the next instance.
     */
    void loadAllNow() {
        List<BackendMutation> chunk = new ArrayList<>(HandOverLoader.CHUNK);
        for (Map.Entry<byte[], byte[]> entry : waiting.entrySet()) {
            chunk.add(loadingPut(entry.getKey(), entry.getValue()));
            if (chunk.size() == HandOverLoader.CHUNK) {
                putAll(chunk);
                chunk.clear();
            }
        }
        putAll(chunk);
        long[] stamps = stripes.lock(KeyStripes.all(), true);
        try {
            waiting.clear();
            loading = false;
        } finally {
            stripes.unlock(KeyStripes.all(), stamps, true);
        }
    }

    /**
     * Moves up to {@code max} waiting entries, in key order, into the instance, each with its expiry. Returns how
     * many it moved: 0 once all are loaded, and from then on the overlay passes every operation straight through.
     */
    int loadNext(int max) {
        long[] stamps = stripes.lock(KeyStripes.all(), true);
        try {
            List<BackendMutation> chunk = new ArrayList<>(max);
            for (Map.Entry<byte[], byte[]> entry : waiting.entrySet()) {
                if (chunk.size() == max) {
                    break;
                }
                chunk.add(loadingPut(entry.getKey(), entry.getValue()));
            }
            if (chunk.isEmpty()) {
                loading = false;
                return 0;
            }
            putAll(chunk);
            for (BackendMutation put : chunk) {
                waiting.remove(put.key());
            }
            return chunk.size();
        } finally {
            stripes.unlock(KeyStripes.all(), stamps, true);
        }
    }

    /** A handed-over entry as a put with its expiry; kernel metadata (a key starting 0x00) has none. */
    private static BackendMutation loadingPut(byte[] key, byte[] value) {
        long expiresAt = key[0] == KeyCodec.META ? ValueEnvelope.NO_EXPIRY : ValueEnvelope.expiresAt(value);
        return BackendMutation.put(key, value, expiresAt);
    }

    private void putAll(List<BackendMutation> puts) {
        if (puts.isEmpty()) {
            return;
        }
        if (atomicBatches) {
            next.write(puts);
        } else {
            for (BackendMutation put : puts) {
                next.put(put.key(), put.value(), put.expiresAtMillis());
            }
        }
    }

    @Override
    public Set<Capability> capabilities() {
        return next.capabilities();
    }

    @Override
    public long maxKeys() {
        return next.maxKeys();
    }

    @Override
    public byte[] get(byte[] key) {
        if (!loading) {
            return next.get(key);
        }
        StampedLock lock = stripes.of(key);
        long stamp = lock.tryOptimisticRead();
        if (stamp != 0) {
            byte[] value = valueOf(key);
            if (lock.validate(stamp)) {
                return value;
            }
        }
        stamp = lock.readLock();
        try {
            return valueOf(key);
        } finally {
            lock.unlockRead(stamp);
        }
    }

    @Override
    public List<byte[]> getAll(List<byte[]> keys) {
        if (!loading) {
            return next.getAll(keys);
        }
        int[] locked = KeyStripes.indexesOf(keys);
        long[] stamps = stripes.lock(locked, false);
        try {
            List<byte[]> values = new ArrayList<>(keys.size());
            List<byte[]> fromNext = new ArrayList<>();
            for (byte[] key : keys) {
                byte[] value = waiting.get(key);
                values.add(value);
                if (value == null) {
                    fromNext.add(key);
                }
            }
            Iterator<byte[]> found = next.getAll(fromNext).iterator();
            for (int i = 0; i < values.size(); i++) {
                if (values.get(i) == null) {
                    values.set(i, found.next());
                }
            }
            return values;
        } finally {
            stripes.unlock(locked, stamps, false);
        }
    }

    @Override
    public void put(byte[] key, byte[] value, long expiresAtMillis) {
        if (!loading) {
            next.put(key, value, expiresAtMillis);
            return;
        }
        StampedLock lock = stripes.of(key);
        long stamp = lock.writeLock();
        KeyCountChange change = null;
        boolean applied = false;
        try {
            change = limit.reserve(List.of(BackendMutation.put(key, value, expiresAtMillis)));
            next.put(key, value, expiresAtMillis);
            waiting.remove(key);
            applied = true;
        } finally {
            limit.settle(change, applied);
            lock.unlockWrite(stamp);
        }
    }

    @Override
    public byte[] delete(byte[] key) {
        if (!loading) {
            return next.delete(key);
        }
        StampedLock lock = stripes.of(key);
        long stamp = lock.writeLock();
        try {
            byte[] deleted = next.delete(key);
            byte[] handed = waiting.remove(key);
            if (handed != null || deleted != null) {
                limit.removed();
            }
            return handed != null ? handed : deleted;
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    @Override
    public boolean putIfAbsent(byte[] key, byte[] value, long expiresAtMillis) {
        if (!loading) {
            return next.putIfAbsent(key, value, expiresAtMillis);
        }
        StampedLock lock = stripes.of(key);
        long stamp = lock.writeLock();
        KeyCountChange change = null;
        boolean stored = false;
        try {
            change = limit.reserve(List.of(BackendMutation.put(key, value, expiresAtMillis)));
            stored = !waiting.containsKey(key) && next.putIfAbsent(key, value, expiresAtMillis);
            return stored;
        } finally {
            limit.settle(change, stored);
            lock.unlockWrite(stamp);
        }
    }

    @Override
    public boolean replace(byte[] key, byte[] expected, byte[] value, long expiresAtMillis) {
        if (!loading) {
            return next.replace(key, expected, value, expiresAtMillis);
        }
        StampedLock lock = stripes.of(key);
        long stamp = lock.writeLock();
        try {
            byte[] handed = waiting.get(key);
            if (handed == null) {
                boolean replaced = next.replace(key, expected, value, expiresAtMillis);
                if (replaced && value == null) {
                    limit.removed();
                }
                return replaced;
            }
            if (!Arrays.equals(handed, expected)) {
                return false;
            }
            if (value == null) {
                next.delete(key);
                limit.removed();
            } else {
                next.put(key, value, expiresAtMillis);
            }
            waiting.remove(key);
            return true;
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    @Override
    public void write(List<BackendMutation> mutations) {
        if (!loading) {
            next.write(mutations);
            return;
        }
        if (!atomicBatches) {
            // Applied one by one, as such a backend does: each mutation wins over its key's waiting entry by itself
            for (BackendMutation mutation : mutations) {
                if (mutation.isDelete()) {
                    delete(mutation.key());
                } else {
                    put(mutation.key(), mutation.value(), mutation.expiresAtMillis());
                }
            }
            return;
        }
        List<byte[]> keys = mutations.stream().map(BackendMutation::key).toList();
        int[] locked = KeyStripes.indexesOf(keys);
        long[] stamps = stripes.lock(locked, true);
        KeyCountChange change = null;
        boolean applied = false;
        try {
            change = limit.reserve(mutations);
            // All or nothing in the instance first: if it refuses the batch, the waiting entries stay as they were
            next.write(mutations);
            keys.forEach(waiting::remove);
            applied = true;
        } finally {
            limit.settle(change, applied);
            stripes.unlock(locked, stamps, true);
        }
    }

    /**
     * The conditions as they stand in the overlay, holding the write locks of every key's stripe, or of every stripe
     * for a range (whose keys are not known). A key waiting is checked here: only a change under its stripe's lock
     * removes it, and nothing adds one. Everything else becomes a condition on the instance, which checks it and
     * applies the mutations in one step. The waiting entries of the mutations' keys then go, as for a batch.
     */
    @Override
    public boolean writeIf(List<BackendCondition> conditions, List<BackendMutation> mutations, long deadlineMillis) {
        if (!conditionalWrites || !loading) {
            return next.writeIf(conditions, mutations, deadlineMillis);
        }
        List<byte[]> keys = new ArrayList<>(mutations.stream().map(BackendMutation::key).toList());
        boolean ranges = false;
        for (BackendCondition condition : conditions) {
            keys.add(condition.fromInclusive());
            ranges |= !condition.isSingleKey();
        }
        int[] locked = ranges ? KeyStripes.all() : KeyStripes.indexesOf(keys);
        long[] stamps = stripes.lock(locked, true);
        KeyCountChange change = null;
        boolean applied = false;
        try {
            List<BackendCondition> onNext = new ArrayList<>(conditions.size());
            for (BackendCondition condition : conditions) {
                if (!(condition.isSingleKey() ? valueHolds(condition, onNext) : rangeHolds(condition, onNext))) {
                    return false;
                }
            }
            change = limit.reserve(mutations);
            if (!next.writeIf(onNext, mutations, deadlineMillis)) {
                return false;
            }
            mutations.forEach(mutation -> waiting.remove(mutation.key()));
            applied = true;
            return true;
        } finally {
            limit.settle(change, applied);
            stripes.unlock(locked, stamps, true);
        }
    }

    /** A waiting key's value decides here; any other key's condition is left to the instance. */
    private boolean valueHolds(BackendCondition condition, List<BackendCondition> onNext) {
        byte[] handed = waiting.get(condition.fromInclusive());
        if (handed == null) {
            onNext.add(condition);
            return true;
        }
        return Arrays.equals(handed, condition.expected());
    }

    /**
     * The range as the overlay shows it, the waiting entries merged into the instance's, must match; the instance's
     * own entries then become its condition. One entry past the expected count shows a key too many.
     */
    private boolean rangeHolds(BackendCondition condition, List<BackendCondition> onNext) {
        Map<byte[], byte[]> handed = waiting.subMap(condition.fromInclusive(), true, condition.toExclusive(), false);
        int enough = condition.entries().size() + 1;
        // Past keys both waiting and in the instance too: if the range matches, the instance's part is then whole
        List<BackendEntry> fromNext = next.scan(condition.fromInclusive(), condition.toExclusive(),
                enough + handed.size());
        if (!condition.holds(SortedMerge.merge(fromNext, handed.entrySet().iterator(), enough))) {
            return false;
        }
        onNext.add(BackendCondition.range(condition.fromInclusive(), condition.toExclusive(), fromNext));
        return true;
    }

    @Override
    public List<BackendEntry> scan(byte[] fromInclusive, byte[] toExclusive, int limit) {
        if (!loading) {
            return next.scan(fromInclusive, toExclusive, limit);
        }
        long[] stamps = stripes.lock(KeyStripes.all(), false);
        try {
            List<BackendEntry> fromNext = next.scan(fromInclusive, toExclusive, limit);
            Map<byte[], byte[]> range = toExclusive == null ? waiting.tailMap(fromInclusive, true)
                    : waiting.subMap(fromInclusive, true, toExclusive, false);
            return SortedMerge.merge(fromNext, range.entrySet().iterator(), limit);
        } finally {
            stripes.unlock(KeyStripes.all(), stamps, false);
        }
    }

    private byte[] valueOf(byte[] key) {
        byte[] handed = waiting.get(key);
        return handed != null ? handed : next.get(key);
    }
}
