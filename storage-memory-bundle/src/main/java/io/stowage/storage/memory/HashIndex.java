package io.stowage.storage.memory;

import java.util.function.BiFunction;

/**
 * The point index: keys spread by their hash over many small {@link HashSegment}s instead of one big table.
 *
 * <p>Why: a table doubles when it fills, and the write that crosses the threshold moves every entry; in one
 * {@code ConcurrentHashMap} of 786,432 entries that one write took 140–510 ms on the 2-core machines here, so loading
 * a handed-over memory table of 1M entries stalled every operation for that long (issue 14). Split in
 * {@value #SEGMENTS}, each segment grows on its own, a few thousand entries at a time.
 */
final class HashIndex {

    private static final int SEGMENTS = 256;
    /** The top 8 bits of the key's hash; the maps place entries by the low bits, so each segment still spreads. */
    private static final int SEGMENT_SHIFT = Integer.SIZE - Integer.numberOfTrailingZeros(SEGMENTS);

    private final HashSegment[] segments = new HashSegment[SEGMENTS];

    HashIndex() {
        for (int i = 0; i < SEGMENTS; i++) {
            segments[i] = new HashSegment();
        }
    }

    byte[] get(Key key) {
        return segmentOf(key).get(key);
    }

    /** As {@code ConcurrentHashMap.compute}: atomic for the key, the function runs at most once. */
    byte[] compute(Key key, BiFunction<Key, byte[], byte[]> remapping) {
        return segmentOf(key).compute(key, remapping, false);
    }

    /** As {@code ConcurrentHashMap.computeIfPresent}: atomic for the key, the function runs at most once. */
    byte[] computeIfPresent(Key key, BiFunction<Key, byte[], byte[]> remapping) {
        return segmentOf(key).compute(key, remapping, true);
    }

    /** Not atomic across segments: callers hold their table's write lock. */
    void clear() {
        for (HashSegment segment : segments) {
            segment.clear();
        }
    }

    private HashSegment segmentOf(Key key) {
        return segments[key.hashCode() >>> SEGMENT_SHIFT];
    }
}
