package io.stowage.kernel.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Phaser;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/**
 * The window's promise: a reading covers the current interval so far and the whole previous one, no older
 * recording, on any caller's clock; intervals are aligned, so windows made at different times cover the same time.
 */
class LatencyWindowTest {

    private static final long MINUTE = LatencyWindow.INTERVAL_NANOS;
    /** Some aligned start, far from zero like a real nanoTime. */
    private static final long T0 = 1_000 * MINUTE;

    @Test
    void aRecordingCountsInItsIntervalAndTheNextThenGoes() {
        LatencyWindow window = new LatencyWindow(T0);
        window.record(T0 + 10, T0 + 1_010);
        assertEquals(1, count(window, T0 + 20));
        assertEquals(1, count(window, T0 + MINUTE - 1));
        assertEquals(1, count(window, T0 + MINUTE), "the previous interval is still in the window");
        assertEquals(1, count(window, T0 + 2 * MINUTE - 1));
        assertEquals(0, count(window, T0 + 2 * MINUTE), "two intervals on it is gone");
    }

    @Test
    void recordingsKeepTheirIntervalsAsTimeMovesOn() {
        LatencyWindow window = new LatencyWindow(T0);
        window.record(T0, T0 + 1_000);
        window.record(T0 + MINUTE, T0 + MINUTE + 2_000);
        window.record(T0 + MINUTE + 5, T0 + MINUTE + 2_005);
        LatencyDistribution both = distribution(window, T0 + MINUTE + 10);
        assertEquals(3, both.count());
        window.record(T0 + 2 * MINUTE, T0 + 2 * MINUTE + 4_000);
        LatencyDistribution later = distribution(window, T0 + 2 * MINUTE + 10);
        assertEquals(3, later.count(), "the first interval left, the third came");
        assertEquals(4_000, later.max());
        assertEquals(2_000, later.valueAt(0.5), 2_000 / 16.0);
    }

    @Test
    void aLongIdleGapLeavesNothingOld() {
        LatencyWindow window = new LatencyWindow(T0);
        for (int i = 0; i < 100; i++) {
            window.record(T0 + i, T0 + i + 1_000_000);
        }
        // Nothing for ten minutes, then one recording: the interval before it was empty, not the old one
        long later = T0 + 10 * MINUTE + 5;
        window.record(later - 500, later);
        LatencyDistribution distribution = distribution(window, later + 1);
        assertEquals(1, distribution.count());
        assertEquals(500, distribution.max());
    }

    @Test
    void readingAfterAnIdleGapShowsAnEmptyWindow() {
        LatencyWindow window = new LatencyWindow(T0);
        window.record(T0, T0 + 1_000);
        LatencyDistribution distribution = distribution(window, T0 + 5 * MINUTE);
        assertEquals(0, distribution.count());
        assertEquals(0, distribution.max());
    }

    @Test
    void windowsMadeAtDifferentTimesCoverTheSameIntervals() {
        LatencyWindow early = new LatencyWindow(T0 + 1);
        LatencyWindow late = new LatencyWindow(T0 + MINUTE - 1);
        early.record(T0 + 2, T0 + 3);
        late.record(T0 + MINUTE - 1, T0 + MINUTE - 1);
        long reading = T0 + 2 * MINUTE - 1;
        assertEquals(1, count(early, reading));
        assertEquals(1, count(late, reading));
        assertEquals(0, count(early, reading + 1));
        assertEquals(0, count(late, reading + 1));
    }

    @Test
    void theCoveredTimeIsThePreviousIntervalAndTheCurrentOneSoFar() {
        assertEquals(MINUTE, LatencyWindow.coveredNanos(T0));
        assertEquals(MINUTE + 5, LatencyWindow.coveredNanos(T0 + 5));
        assertEquals(2 * MINUTE - 1, LatencyWindow.coveredNanos(T0 + MINUTE - 1));
    }

    /** Recorders crossing interval ends lose no recording of the two intervals the window shows. */
    @Test
    void concurrentRecordersAcrossIntervalEndsLoseNothingRecent() throws Exception {
        LatencyWindow window = new LatencyWindow(T0);
        AtomicLong clock = new AtomicLong(T0);
        int threads = 2;
        int each = 500_000;
        CountDownLatch start = new CountDownLatch(1);
        // The recorders meet every 10,000 recordings (a 25th of an interval), so that one the machine deschedules
        // cannot fall a whole interval behind the other: that would be a stall of a minute in the kernel, where
        // here an interval is a few milliseconds of a loaded machine
        Phaser inStep = new Phaser(threads);
        Thread[] recorders = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            recorders[t] = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < each; i++) {
                    // Four intervals in all: time moves on by an interval every 250,000 recordings
                    long now = clock.addAndGet(MINUTE / 250_000);
                    window.record(now - 100, now);
                    if (i % 10_000 == 9_999) {
                        inStep.arriveAndAwaitAdvance();
                    }
                }
            });
            recorders[t].start();
        }
        start.countDown();
        for (Thread recorder : recorders) {
            recorder.join();
        }
        long end = clock.get();
        // Recordings ended at T0 + k * MINUTE / 250_000 for k = 1..1_000_000: the window holds its intervals' ones
        long windowStart = Math.floorDiv(end, MINUTE) * MINUTE - MINUTE;
        long expected = (end - windowStart) / (MINUTE / 250_000) + 1;
        long counted = count(window, end);
        // A recorder descheduled between reading the interval and counting may still miss the interval's end
        assertTrue(Math.abs(counted - expected) <= expected / 200, "counted " + counted + ", expected " + expected);
    }

    private static long count(LatencyWindow window, long now) {
        return distribution(window, now).count();
    }

    private static LatencyDistribution distribution(LatencyWindow window, long now) {
        LatencyDistribution distribution = new LatencyDistribution();
        window.addTo(distribution, now);
        return distribution;
    }
}
