package io.stowage.storage.memory;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * The point index: keys spread by their hash over many small {@link ConcurrentHashMap}s instead of one big one.
 *
 * <p>Why: a {@code ConcurrentHashMap} doubles its table when it fills, and the write that crosses the threshold moves
 * every entry (other writers to moved bins help, and wait); at 786,432 entries that one write took 140–510 ms on the
 * 2-core machines here, so loading a handed-over memory table of 1M entries stalled every operation for that long
 * (issue 14). Split in {@value #SEGMENTS}, each table grows on its own, a few thousand entries at a time.
 */
final class HashIndex {

    private static final int SEGMENTS = 256;
    /** The top 8 bits of the key's hash; the maps place entries by the low bits, so each segment still spreads. */
    private static final int SEGMENT_SHIFT = Integer.SIZE - Integer.numberOfTrailingZeros(SEGMENTS);

    private final ConcurrentHashMap<Key, byte[]>[] segments;

    @SuppressWarnings("unchecked")
    HashIndex() {
        segments = new ConcurrentHashMap[SEGMENTS];
        for (int i = 0; i < SEGMENTS; i++) {
            segments[i] = new ConcurrentHashMap<>();
        }
    }

    byte[] get(Key key) {
        return segmentOf(key).get(key);
    }

    /** {@link ConcurrentHashMap#compute}: atomic for the key, the function runs at most once. */
    byte[] compute(Key key, BiFunction<Key, byte[], byte[]> remapping) {
        return segmentOf(key).compute(key, remapping);
    }

    /** {@link ConcurrentHashMap#computeIfPresent}: atomic for the key, the function runs at most once. */
    byte[] computeIfPresent(Key key, BiFunction<Key, byte[], byte[]> remapping) {
        return segmentOf(key).computeIfPresent(key, remapping);
    }

    /** Not atomic across segments: callers hold their table's write lock. */
    void clear() {
        for (ConcurrentHashMap<Key, byte[]> segment : segments) {
            segment.clear();
        }
    }

    private ConcurrentHashMap<Key, byte[]> segmentOf(Key key) {
        return segments[key.hashCode() >>> SEGMENT_SHIFT];
    }
}
