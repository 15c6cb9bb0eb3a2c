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

    private final ThreadCounters counts = new ThreadCounters(9);

    /** A value of {@code bytesIn} bytes went through the chain in {@code nanos} and is stored as {@code bytesOut}. */
    public void encoded(long bytesIn, long bytesOut, boolean storedPlain, long nanos) {
        long[] mine = counts.mine();
        ThreadCounters.add(mine, ENCODED, 1);
        if (storedPlain) {
            ThreadCounters.add(mine, STORED_PLAIN, 1);
        }
        ThreadCounters.add(mine, ENCODED_BYTES_IN, bytesIn);
        ThreadCounters.add(mine, ENCODED_BYTES_OUT, bytesOut);
        ThreadCounters.add(mine, ENCODE_NANOS, nanos);
    }

    /** A transformed payload of {@code bytesIn} bytes decoded in {@code nanos} to a value of {@code bytesOut}. */
    public void decoded(long bytesIn, long bytesOut, long nanos) {
        long[] mine = counts.mine();
        ThreadCounters.add(mine, DECODED, 1);
        ThreadCounters.add(mine, DECODED_BYTES_IN, bytesIn);
        ThreadCounters.add(mine, DECODED_BYTES_OUT, bytesOut);
        ThreadCounters.add(mine, DECODE_NANOS, nanos);
    }

    public TransformCounts snapshot() {
        return new TransformCounts(counts.sum(ENCODED), counts.sum(STORED_PLAIN), counts.sum(ENCODED_BYTES_IN),
                counts.sum(ENCODED_BYTES_OUT), counts.sum(ENCODE_NANOS), counts.sum(DECODED),
                counts.sum(DECODED_BYTES_IN), counts.sum(DECODED_BYTES_OUT), counts.sum(DECODE_NANOS));
    }
}
