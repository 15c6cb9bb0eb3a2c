package io.stowage.storage.memory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.StampedLock;

import io.stowage.api.StorageFullException;
import io.stowage.spi.BackendCondition;
import io.stowage.spi.BackendEntry;
import io.stowage.spi.BackendMutation;

/**
 * Raw keys and values held twice: a hash index serves point operations, an ordered index serves scans.
 *
 * <p>Both indexes change together inside the hash index's per-key {@code compute}, so they agree key by key.
 * Single-key writes share the {@link StampedLock}'s read mode with each other; a batch and a conditional write take
 * the write mode, so no read (optimistic or locked) can observe part of one, and no write falls between a conditional
 * write's check and its mutations.
 */
final class MemoryTable {

    private final HashIndex byHash = new HashIndex();
    private final ConcurrentSkipListMap<Key, byte[]> byOrder = new ConcurrentSkipListMap<>();
    private final StampedLock batchLock = new StampedLock();
    private final AtomicLong size = new AtomicLong();
    private final long maxKeys;
    private final String name;

    MemoryTable(String name, long maxKeys) {
        if (maxKeys < 1) {
            throw new IllegalArgumentException("memory backend '" + name + "': maxKeys must be positive, was " + maxKeys);
        }
        this.name = name;
        this.maxKeys = maxKeys;
    }

    long size() {
        return size.get();
    }

    long maxKeys() {
        return maxKeys;
    }

    byte[] get(byte[] rawKey) {
        Key key = new Key(rawKey);
        long stamp = batchLock.tryOptimisticRead();
        byte[] value = byHash.get(key);
        if (batchLock.validate(stamp)) {
            return value;
        }
        stamp = batchLock.readLock();
        try {
            return byHash.get(key);
        } finally {
            batchLock.unlockRead(stamp);
        }
    }

    List<byte[]> getAll(List<byte[]> rawKeys) {
        long stamp = batchLock.readLock();
        try {
            List<byte[]> values = new ArrayList<>(rawKeys.size());
            for (byte[] rawKey : rawKeys) {
                values.add(byHash.get(new Key(rawKey)));
            }
            return values;
        } finally {
            batchLock.unlockRead(stamp);
        }
    }

    void put(byte[] rawKey, byte[] value) {
        long stamp = batchLock.readLock();
        try {
            store(new Key(rawKey), value);
        } finally {
            batchLock.unlockRead(stamp);
        }
    }

    byte[] delete(byte[] rawKey) {
        long stamp = batchLock.readLock();
        try {
            return remove(new Key(rawKey));
        } finally {
            batchLock.unlockRead(stamp);
        }
    }

    boolean putIfAbsent(byte[] rawKey, byte[] value) {
        Key key = new Key(rawKey);
        long stamp = batchLock.readLock();
        try {
            boolean[] stored = {false};
            byHash.compute(key, (k, current) -> {
                if (current != null) {
                    return current;
                }
                reserveSlot();
                byOrder.put(k, value);
                stored[0] = true;
                return value;
            });
            return stored[0];
        } finally {
            batchLock.unlockRead(stamp);
        }
    }

    boolean replace(byte[] rawKey, byte[] expected, byte[] value) {
        return replace(rawKey, expected, value, Long.MAX_VALUE);
    }

    /** Replaces as {@link #replace(byte[], byte[], byte[])} does if the clock reads before the deadline then. */
    private boolean replace(byte[] rawKey, byte[] expected, byte[] value, long deadlineMillis) {
        Key key = new Key(rawKey);
        long stamp = batchLock.readLock();
        try {
            boolean[] replaced = {false};
            byHash.computeIfPresent(key, (k, current) -> {
                if (!Arrays.equals(current, expected)
                        || (deadlineMillis != Long.MAX_VALUE && System.currentTimeMillis() >= deadlineMillis)) {
                    return current;
                }
                replaced[0] = true;
                if (value == null) {
                    byOrder.remove(k);
                    size.decrementAndGet();
                    return null;
                }
                byOrder.put(k, value);
                return value;
            });
            return replaced[0];
        } finally {
            batchLock.unlockRead(stamp);
        }
    }

    /** Applies all mutations or, if one fails (a full table), none. */
    void write(List<BackendMutation> mutations) {
        long stamp = batchLock.writeLock();
        try {
            apply(mutations);
        } finally {
            batchLock.unlockWrite(stamp);
        }
    }

    /**
     * Applies the mutations, as {@link #write} does, only if every condition holds and the clock reads before the
     * deadline; all under the write mode of the lock, so no write falls between the check and the mutations and no
     * read sees part of them.
     */
    boolean writeIf(List<BackendCondition> conditions, List<BackendMutation> mutations, long deadlineMillis) {
        if (isReplace(conditions, mutations)) {
            // A read and a write of one present key: a compare-and-set, which needs no batch lock of its own
            BackendMutation write = mutations.get(0);
            return replace(write.key(), conditions.get(0).expected(), write.value(), deadlineMillis);
        }
        long stamp = batchLock.writeLock();
        try {
            for (BackendCondition condition : conditions) {
                if (!holds(condition)) {
                    return false;
                }
            }
            if (System.currentTimeMillis() >= deadlineMillis) {
                return false;
            }
            apply(mutations);
            return true;
        } finally {
            batchLock.unlockWrite(stamp);
        }
    }

    /** One condition that a present key has a value, and one write of that key. */
    private static boolean isReplace(List<BackendCondition> conditions, List<BackendMutation> mutations) {
        if (conditions.size() != 1 || mutations.size() != 1) {
            return false;
        }
        BackendCondition condition = conditions.get(0);
        return condition.isSingleKey() && condition.expected() != null
                && Arrays.equals(condition.fromInclusive(), mutations.get(0).key());
    }

    /** Called under the write mode of the lock. */
    private boolean holds(BackendCondition condition) {
        if (condition.isSingleKey()) {
            return Arrays.equals(byHash.get(new Key(condition.fromInclusive())), condition.expected());
        }
        Map<Key, byte[]> range = byOrder.subMap(new Key(condition.fromInclusive()), true,
                new Key(condition.toExclusive()), false);
        // One past the expected count is enough to tell a phantom key; the range may be large
        List<BackendEntry> found = new ArrayList<>(condition.entries().size() + 1);
        for (Map.Entry<Key, byte[]> entry : range.entrySet()) {
            found.add(new BackendEntry(entry.getKey().bytes, entry.getValue()));
            if (found.size() > condition.entries().size()) {
                break;
            }
        }
        return condition.holds(found);
    }

    /** Called under the write mode of the lock: if a mutation fails, the applied ones are undone in reverse. */
    private void apply(List<BackendMutation> mutations) {
        Deque<Map.Entry<Key, byte[]>> undo = new ArrayDeque<>(mutations.size());
        try {
            for (BackendMutation mutation : mutations) {
                Key key = new Key(mutation.key());
                byte[] previous = mutation.isDelete() ? remove(key) : store(key, mutation.value());
                undo.push(Map.entry(key, previous == null ? NONE : previous));
            }
            undo.clear();
        } finally {
            while (!undo.isEmpty()) {
                Map.Entry<Key, byte[]> applied = undo.pop();
                if (applied.getValue() == NONE) {
                    remove(applied.getKey());
                } else {
                    store(applied.getKey(), applied.getValue());
                }
            }
        }
    }

    private static final byte[] NONE = new byte[0];

    List<BackendEntry> scan(byte[] fromInclusive, byte[] toExclusive, int limit) {
        Key from = new Key(fromInclusive);
        Map<Key, byte[]> range = toExclusive == null
                ? byOrder.tailMap(from, true)
                : byOrder.subMap(from, true, new Key(toExclusive), false);
        long stamp = batchLock.readLock();
        try {
            List<BackendEntry> page = new ArrayList<>(Math.min(limit, 1024));
            for (Map.Entry<Key, byte[]> entry : range.entrySet()) {
                if (page.size() == limit) {
                    break;
                }
                page.add(new BackendEntry(entry.getKey().bytes, entry.getValue()));
            }
            return page;
        } finally {
            batchLock.unlockRead(stamp);
        }
    }

    void clear() {
        long stamp = batchLock.writeLock();
        try {
            byHash.clear();
            byOrder.clear();
            size.set(0);
        } finally {
            batchLock.unlockWrite(stamp);
        }
    }

    /** Returns the previous value, or null if the key is new. */
    private byte[] store(Key key, byte[] value) {
        byte[][] previous = {null};
        byHash.compute(key, (k, current) -> {
            if (current == null) {
                reserveSlot();
            }
            previous[0] = current;
            byOrder.put(k, value);
            return value;
        });
        return previous[0];
    }

    private byte[] remove(Key key) {
        byte[][] previous = {null};
        byHash.computeIfPresent(key, (k, current) -> {
            previous[0] = current;
            byOrder.remove(k);
            size.decrementAndGet();
            return null;
        });
        return previous[0];
    }

    private void reserveSlot() {
        if (size.incrementAndGet() > maxKeys) {
            size.decrementAndGet();
            throw new StorageFullException("memory backend '" + name + "' is full: it holds its limit of "
                    + maxKeys + " keys (maxKeys); delete keys or raise the limit");
        }
    }
}
