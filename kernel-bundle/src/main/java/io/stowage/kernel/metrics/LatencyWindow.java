package io.stowage.kernel.metrics;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;

/**
 * The durations of the last one to two intervals: the current interval so far and the whole previous one. Intervals
 * are {@link #INTERVAL_NANOS} long and aligned to the {@code System.nanoTime} clock, so windows of different stores
 * cover the same time and add up.
 *
 * <p>Three histograms take turns: one being recorded into, the previous one, and a spare kept empty. Moving to the
 * next interval makes the spare the current one and then clears the interval that has left the window, which becomes
 * the spare; whichever caller first sees the interval's end does so, recording or reading. Recording allocates
 * nothing and takes no lock.
 */
final class LatencyWindow {

    static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(60);

    private static final VarHandle ENDS_AT;

    static {
        try {
            ENDS_AT = MethodHandles.lookup().findVarHandle(LatencyWindow.class, "endsAt", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final LatencyHistogram[] turns = {new LatencyHistogram(), new LatencyHistogram(), new LatencyHistogram()};
    /** The {@code nanoTime} at which the current interval ends. */
    private volatile long endsAt;
    /** Which of {@link #turns} is the current interval; the previous one is just before it. */
    private volatile int current;

    LatencyWindow(long nowNanos) {
        this.endsAt = intervalEnd(nowNanos);
    }

    /** Records an operation that ran from {@code startedNanos} to {@code endedNanos} ({@code System.nanoTime}). */
    void record(long startedNanos, long endedNanos) {
        if (endedNanos - endsAt >= 0) {
            advance(endedNanos);
        }
        turns[current].record(endedNanos - startedNanos);
    }

    /** Adds the current and the previous interval, as of {@code nowNanos}, to the distribution. */
    void addTo(LatencyDistribution distribution, long nowNanos) {
        if (nowNanos - endsAt >= 0) {
            advance(nowNanos);
        }
        int now = current;
        distribution.add(turns[now]);
        distribution.add(turns[(now + 2) % 3]);
    }

    /** How much time the window covers at {@code nowNanos}: the previous interval and the current one so far. */
    static long coveredNanos(long nowNanos) {
        return INTERVAL_NANOS + (nowNanos - (intervalEnd(nowNanos) - INTERVAL_NANOS));
    }

    private void advance(long nowNanos) {
        long end = endsAt;
        if (nowNanos - end < 0) {
            return;
        }
        long next = intervalEnd(nowNanos);
        if (!ENDS_AT.compareAndSet(this, end, next)) {
            return; // another caller moves on; recordings meanwhile land in the interval just ended
        }
        int now = current;
        // The spare was cleared when it became the spare: switching to it first keeps the time in which other
        // recorders still write to the interval just ended down to a few instructions, not a histogram's clearing
        current = (now + 1) % 3;
        if (next - end > INTERVAL_NANOS) {
            // Nothing was recorded in the interval before the new one: it is empty, not the one that just ended
            turns[now].clear();
        }
        // The new spare held the interval that has just left the window
        turns[(now + 2) % 3].clear();
    }

    private static long intervalEnd(long nowNanos) {
        return Math.floorDiv(nowNanos, INTERVAL_NANOS) * INTERVAL_NANOS + INTERVAL_NANOS;
    }
}
