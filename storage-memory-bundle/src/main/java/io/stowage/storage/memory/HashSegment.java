package io.stowage.storage.memory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.function.BiFunction;

/**
 * One segment of the {@link HashIndex}: an open-addressing table with linear probing, held in three parallel arrays
 * (hashes, key bytes, values). Reads take no lock; writes lock the segment.
 *
 * <p>Why not a {@code ConcurrentHashMap}: a get there loads the table slot, then the node, then the key object, then
 * the key's bytes, each load waiting for the one before, and on a table of a million keys each one misses the cache.
 * Here the slot's hash, key and value are found at one index of arrays the processor fetches side by side, and the
 * key's and value's bytes next, side by side again: two waits instead of four.
 *
 * <p>A slot, once given to a key, keeps it until the arrays are rebuilt: a delete leaves the key in place with no
 * value (a put of that key takes the slot again), so a reader that matched the key at a slot never reads the value of
 * another key there. Rebuilds (when half the slots are taken) drop the keys without a value and publish new arrays at
 * once; a reader still probing the old arrays sees their state as it was at that moment, which no write changes after.
 */
final class HashSegment {

    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(byte[][].class);
    private static final int MIN_CAPACITY = 16;
    /**
     * Shared by every segment that was never written (or was cleared); never written itself: with one slot, the first
     * insert finds it over half full and rebuilds first.
     */
    private static final Slots EMPTY = new Slots(1);

    /** The arrays of one size; replaced whole by a rebuild. */
    private static final class Slots {
        final int mask;
        final int[] hashes;
        /** Set last (with release) when a key takes a free slot, so a reader that sees the key sees its hash too. */
        final byte[][] keys;
        /** Null where the key was deleted. */
        final byte[][] values;
        /** Slots holding a key, with a value or without; guarded by the segment's lock. */
        int taken;

        Slots(int capacity) {
            mask = capacity - 1;
            hashes = new int[capacity];
            keys = new byte[capacity][];
            values = new byte[capacity][];
        }
    }

    private volatile Slots slots = EMPTY;
    /** Keys with a value; guarded by the segment's lock. */
    private int live;

    byte[] get(Key key) {
        Slots current = slots;
        int hash = key.hashCode();
        int mask = current.mask;
        for (int i = start(hash, mask); ; i = (i + 1) & mask) {
            byte[] stored = (byte[]) SLOT.getAcquire(current.keys, i);
            if (stored == null) {
                return null;
            }
            if (current.hashes[i] == hash && Arrays.equals(stored, key.bytes)) {
                return (byte[]) SLOT.getAcquire(current.values, i);
            }
        }
    }

    /**
     * As {@link java.util.concurrent.ConcurrentHashMap#compute} (or {@code computeIfPresent} when
     * {@code onlyIfPresent}): atomic for the key, the function runs at most once, is given {@code key} and the current
     * value (null if absent), and its result (null to delete) becomes the value. If it throws, nothing changes.
     */
    synchronized byte[] compute(Key key, BiFunction<Key, byte[], byte[]> remapping, boolean onlyIfPresent) {
        int hash = key.hashCode();
        Slots current = slots;
        int i = slotOf(current, key, hash);
        byte[] previous = current.keys[i] == null ? null : current.values[i];
        if (previous == null && onlyIfPresent) {
            return null;
        }
        if (current.keys[i] == null && (current.taken + 1) * 2 > current.mask + 1) {
            current = rebuild(live + 1);
            i = slotOf(current, key, hash);
        }
        byte[] next = remapping.apply(key, previous);
        if (next == previous) {
            return next;
        }
        SLOT.setRelease(current.values, i, next);
        if (current.keys[i] == null) {
            current.hashes[i] = hash;
            SLOT.setRelease(current.keys, i, key.bytes);
            current.taken++;
        }
        live += (previous == null ? 1 : 0) - (next == null ? 1 : 0);
        return next;
    }

    /** Slots in the current arrays (for tests: deletes and rebuilds keep it in proportion to the keys held). */
    int capacity() {
        return slots.mask + 1;
    }

    /** Empties the segment; the caller keeps readers out (the table's write lock). */
    synchronized void clear() {
        slots = EMPTY;
        live = 0;
    }

    /** The slot holding the key, or the free slot where it would go. */
    private static int slotOf(Slots slots, Key key, int hash) {
        int mask = slots.mask;
        for (int i = start(hash, mask); ; i = (i + 1) & mask) {
            byte[] stored = slots.keys[i];
            if (stored == null || (slots.hashes[i] == hash && Arrays.equals(stored, key.bytes))) {
                return i;
            }
        }
    }

    /** New arrays with the keys that have a value, at most a quarter full with {@code keys} keys. */
    private Slots rebuild(int keys) {
        int capacity = MIN_CAPACITY;
        while (capacity < keys * 4) {
            capacity <<= 1;
        }
        Slots old = slots;
        Slots rebuilt = new Slots(capacity);
        for (int j = 0; j <= old.mask; j++) {
            byte[] value = old.values[j];
            if (value != null) {
                int hash = old.hashes[j];
                int i = start(hash, rebuilt.mask);
                while (rebuilt.keys[i] != null) {
                    i = (i + 1) & rebuilt.mask;
                }
                rebuilt.hashes[i] = hash;
                rebuilt.keys[i] = old.keys[j];
                rebuilt.values[i] = value;
                rebuilt.taken++;
            }
        }
        slots = rebuilt;
        return rebuilt;
    }

    /** The segment was picked by the hash's top bits; the slot comes from the low bits, with the high half mixed in. */
    private static int start(int hash, int mask) {
        return (hash ^ (hash >>> 16)) & mask;
    }
}
