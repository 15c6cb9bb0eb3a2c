package io.stowage.kernel.metrics;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Decides which operations are timed, so that timing stays cheap however busy a store is. A {@code System.nanoTime}
 * call costs far more than the rest of the recording: on the benchmark machine, timing every kernel get on the
 * memory backend made it about 300 ns (60%) slower, as the clock read also keeps the processor from overlapping one
 * get's memory misses with the next one's. So every operation is timed while there are at most about 4,000 a
 * second; past that, 1 in 2, 4, ... up to 1 in 1,024, each picked at random (an unbiased sample), keeping 2,000 to
 * 4,000 timed a second (more past 4 million operations a second): over a minute, plenty for p99.9. Timing then
 * costs well under a nanosecond per operation.
 *
 * <p>The rate is known only when a timed operation ends, so a store that quietens after being busy is sampled as
 * before until its next timed operation, at most about 1,024 operations later; then every operation is timed
 * again. The decision reads one field and, while sampling, draws from {@link ThreadLocalRandom} (state in the
 * calling thread, not a {@code ThreadLocal}). Counting happens per timed operation only. Racy updates are fine: a
 * lost one only delays adapting.
 */
public final class LatencySampling {

    /** What {@link #start()} returns for an operation that is not timed. */
    static final long NOT_TIMED = Long.MIN_VALUE;

    private static final long PERIOD_NANOS = 10_000_000;
    /** More timed operations in a period (4,000 a second): time half as many, at once. */
    private static final int MOST_PER_PERIOD = 40;
    /** Fewer in a period (1,000 a second): time as many as the rate seen since the last change allows. */
    private static final int FEWEST_PER_PERIOD = 10;
    /** At most 1 in 1,024: beyond, a store that quietens would stay unmeasured too long. */
    private static final int MAX_MASK = (1 << 10) - 1;

    /** 1 in {@code mask + 1} operations is timed; a power of two less one. */
    private volatile int mask;
    private long periodStart;
    private int timedInPeriod;

    /** The operation's start ({@code System.nanoTime}) if it is to be timed, else {@link #NOT_TIMED}. */
    long start() {
        int sampling = mask;
        if (sampling != 0 && (ThreadLocalRandom.current().nextInt() & sampling) != 0) {
            return NOT_TIMED;
        }
        return System.nanoTime();
    }

    /** A timed operation ended at {@code endNanos}: times fewer if they come too often, more if too rarely. */
    void timed(long endNanos) {
        int timed = ++timedInPeriod;
        long elapsed = endNanos - periodStart;
        int sampling = mask;
        if (elapsed < PERIOD_NANOS) {
            if (timed > MOST_PER_PERIOD) {
                if (sampling < MAX_MASK) {
                    mask = (sampling << 1) | 1;
                }
                newPeriod(endNanos);
            }
            return;
        }
        double perPeriod = timed * (double) PERIOD_NANOS / elapsed;
        if (perPeriod < FEWEST_PER_PERIOD && sampling > 0) {
            // The operations of a period, timed or not; time as many of them as stays within the most
            double operations = perPeriod * (sampling + 1.0);
            int oneIn = 1;
            while (operations / oneIn > MOST_PER_PERIOD && oneIn <= MAX_MASK) {
                oneIn <<= 1;
            }
            mask = Math.min(sampling, oneIn - 1);
        }
        newPeriod(endNanos);
    }

    private void newPeriod(long startNanos) {
        periodStart = startNanos;
        timedInPeriod = 0;
    }

    /** 1 in how many operations is timed now. */
    int oneIn() {
        return mask + 1;
    }
}
