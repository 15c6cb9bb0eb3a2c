package io.stowage.kernel.metrics;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counts durations in logarithmic buckets, lock-free and without allocating: 8 buckets per power of two, so a
 * bucket's midpoint is within 1/16 (6.25%) of every value in it. Durations are nanoseconds; 0 to 7 ns have a
 * bucket each, and everything from 15 * 2^33 ns (about 129 s) on shares the last one. The largest duration is kept
 * exactly.
 *
 * <p>Recording is one atomic increment, plus a compare-and-set when a new largest duration arrives.
 */
final class LatencyHistogram {

    /** Bits of a value below its leading one that pick the bucket within its power of two. */
    private static final int SUB_BUCKET_BITS = 3;
    private static final int SUB_BUCKETS = 1 << SUB_BUCKET_BITS;
    /** The highest power of two with buckets of its own (2^3 is the lowest); its last bucket also holds the rest. */
    private static final int TOP_EXPONENT = 36;
    static final int BUCKETS = (TOP_EXPONENT - SUB_BUCKET_BITS + 2) * SUB_BUCKETS;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);
    private final AtomicLong max = new AtomicLong();

    void record(long nanos) {
        long value = Math.max(0, nanos); // a clock that went backwards counts as instantaneous
        // The largest first: a reader that sees the count (it reads counts, then the largest) sees it too
        if (value > max.get()) {
            raiseMax(value);
        }
        counts.getAndIncrement(bucket(value));
    }

    private void raiseMax(long value) {
        long current;
        while (value > (current = max.get()) && !max.compareAndSet(current, value)) {
            Thread.onSpinWait();
        }
    }

    /** Forgets every count. Recordings racing with it may survive: callers clear only what nobody records into. */
    void clear() {
        for (int i = 0; i < BUCKETS; i++) {
            counts.set(i, 0);
        }
        max.set(0);
    }

    /**
     * Adds this histogram's counts into {@code into} (of {@link #BUCKETS} entries); returns its largest value, which
     * is at least every value counted in what was added.
     */
    long addTo(long[] into) {
        for (int i = 0; i < BUCKETS; i++) {
            into[i] += counts.get(i);
        }
        return max.get();
    }

    /** The bucket of a non-negative value: its exponent's group of 8, then the 3 bits after its leading one. */
    static int bucket(long value) {
        int shift = Math.max(0, 63 - SUB_BUCKET_BITS - Long.numberOfLeadingZeros(value));
        return (int) Math.min(BUCKETS - 1, ((long) shift << SUB_BUCKET_BITS) + (value >>> shift));
    }

    /** The smallest value in the bucket. */
    static long lowest(int bucket) {
        if (bucket < SUB_BUCKETS) {
            return bucket;
        }
        int shift = (bucket >> SUB_BUCKET_BITS) - 1;
        return (long) (SUB_BUCKETS + (bucket & (SUB_BUCKETS - 1))) << shift;
    }

    /** The largest value in the bucket; the last bucket is open-ended. */
    static long highest(int bucket) {
        return bucket == BUCKETS - 1 ? Long.MAX_VALUE : lowest(bucket + 1) - 1;
    }
}
