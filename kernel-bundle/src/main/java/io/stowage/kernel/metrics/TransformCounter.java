package io.stowage.kernel.metrics;

import io.stowage.admin.TransformCounts;

/**
 * What a store's transform chain did: values and bytes through it each way, and the time spent in it. Only values
 * that go through a chain come here, so a store without one and a read of a plain value pay nothing; the counts are
 * per thread, as a get's are ({@link ThreadCounters}), because every read of a transformed value adds to them.
 */
public final class TransformCounter {

    private static final int ENCODED = 0;
    private static final int STORED_PLAIN = 1;
    private static final int ENCODED_BYTES_IN = 2;
    private static final int ENCODED_BYTES_OUT = 3;
    private static final int ENCODE_NANOS = 4;
    private static final int DECODED = 5;
    private static final int DECODED_BYTES_IN = 6;
    private static final int DECODED_BYTES_OUT = 7;
    private static final int DECODE_NANOS = 8;

    /**
     * Each thread times one value in this many, the first included, and counts its time for all of them: reading
     * the clock costs 25 to 60 ns on the virtual machines measured, twice per value each way, which was a few percent
     * of a put and a get of a compressed value (issue 18). Counts and bytes stay exact.
     */
    public static final int TIMED_ONE_IN = 16;
    /** What {@link #encodeStarts()} and {@link #decodeStarts()} give for a value that is not timed. */
    public static final long NOT_TIMED = Long.MIN_VALUE;

    private final ThreadCounters counts = new ThreadCounters(9);

    /** The clock now, if the calling thread's next encode is one to time, else {@link #NOT_TIMED}. */
    public long encodeStarts() {
        return startsTimed(ENCODED);
    }

    /** The clock now, if the calling thread's next decode is one to time, else {@link #NOT_TIMED}. */
    public long decodeStarts() {
        return startsTimed(DECODED);
    }

    private long startsTimed(int counter) {
        return counts.mine()[counter] % TIMED_ONE_IN == 0 ? System.nanoTime() : NOT_TIMED;
    }

    /**
     * A value of {@code bytesIn} bytes went through the chain and is stored as {@code bytesOut}; {@code started} is
     * what {@link #encodeStarts()} gave before.
     */
    public void encoded(long bytesIn, long bytesOut, boolean storedPlain, long started) {
        long[] mine = counts.mine();
        ThreadCounters.add(mine, ENCODED, 1);
        if (storedPlain) {
            ThreadCounters.add(mine, STORED_PLAIN, 1);
        }
        ThreadCounters.add(mine, ENCODED_BYTES_IN, bytesIn);
        ThreadCounters.add(mine, ENCODED_BYTES_OUT, bytesOut);
        addTime(mine, ENCODE_NANOS, started);
    }

    /**
     * A transformed payload of {@code bytesIn} bytes decoded to a value of {@code bytesOut}; {@code started} is what
     * {@link #decodeStarts()} gave before.
     */
    public void decoded(long bytesIn, long bytesOut, long started) {
        long[] mine = counts.mine();
        ThreadCounters.add(mine, DECODED, 1);
        ThreadCounters.add(mine, DECODED_BYTES_IN, bytesIn);
        ThreadCounters.add(mine, DECODED_BYTES_OUT, bytesOut);
        addTime(mine, DECODE_NANOS, started);
    }

    private static void addTime(long[] mine, int counter, long started) {
        if (started != NOT_TIMED) {
            ThreadCounters.add(mine, counter, (System.nanoTime() - started) * TIMED_ONE_IN);
        }
    }

    public TransformCounts snapshot() {
        return new TransformCounts(counts.sum(ENCODED), counts.sum(STORED_PLAIN), counts.sum(ENCODED_BYTES_IN),
                counts.sum(ENCODED_BYTES_OUT), counts.sum(ENCODE_NANOS), counts.sum(DECODED),
                counts.sum(DECODED_BYTES_IN), counts.sum(DECODED_BYTES_OUT), counts.sum(DECODE_NANOS));
    }
}
