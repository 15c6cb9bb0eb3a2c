package io.stowage.kernel.instance;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.StampedLock;
import java.util.stream.IntStream;

/**
 * A fixed set of {@link StampedLock}s, each guarding the keys whose hash falls on it, for {@link HandOverOverlay}.
 * Whoever takes several takes them in ascending order of their indexes, so no two lockers deadlock.
 */
final class KeyStripes {

    private static final int COUNT = 64;
    private static final int[] ALL = IntStream.range(0, COUNT).toArray();

    private final StampedLock[] stripes = new StampedLock[COUNT];

    KeyStripes() {
        for (int i = 0; i < COUNT; i++) {
            stripes[i] = new StampedLock();
        }
    }

    /** The lock of the key's stripe. */
    StampedLock of(byte[] key) {
        return stripes[index(key)];
    }

    /** Distinct stripes of the keys, ascending: every locker takes them in the same order. */
    static int[] indexesOf(List<byte[]> keys) {
        return keys.stream().mapToInt(KeyStripes::index).distinct().sorted().toArray();
    }

    /** Every stripe, ascending. */
    static int[] all() {
        return ALL;
    }

    long[] lock(int[] indexes, boolean write) {
        long[] stamps = new long[indexes.length];
        for (int i = 0; i < indexes.length; i++) {
            StampedLock lock = stripes[indexes[i]];
            stamps[i] = write ? lock.writeLock() : lock.readLock();
        }
        return stamps;
    }

    void unlock(int[] indexes, long[] stamps, boolean write) {
        for (int i = indexes.length - 1; i >= 0; i--) {
            if (write) {
                stripes[indexes[i]].unlockWrite(stamps[i]);
            } else {
                stripes[indexes[i]].unlockRead(stamps[i]);
            }
        }
    }

    private static int index(byte[] key) {
        return Math.floorMod(Arrays.hashCode(key), COUNT);
    }
}
