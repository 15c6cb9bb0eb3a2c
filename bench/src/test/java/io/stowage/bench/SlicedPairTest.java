package io.stowage.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Sides that only advance a fake clock, at known rates: no timing on the real machine. */
class SlicedPairTest {

    private long now;

    @Test
    void sidesOfKnownRatesGiveTheirRatioInEveryPair() {
        SlicedPair pair = new SlicedPair(() -> now, 1, 1_000);
        // A: 1 operation per 10 ns, B: 4 operations per 100 ns; A runs 2.5 times as fast
        SlicedPair.Samples samples = pair.run(() -> advance(10, 1), () -> advance(100, 4), 100_000);
        assertEquals(50, samples.ratios().length);
        for (double ratio : samples.ratios()) {
            assertEquals(2.5, ratio, 1e-9);
        }
        assertEquals(1e8, samples.rateA(), 1);
        assertEquals(4e7, samples.rateB(), 1);
        assertEquals(2.5, MedianInterval.of(samples.ratios(), 200, 1).lower(), 1e-9);
    }

    @Test
    void aSlowdownThatHitsBothSlicesOfAPairLeavesItsRatioAlone() {
        SlicedPair pair = new SlicedPair(() -> now, 1, 1_000);
        // Every other pair runs 3 times slower, as when something else loads the machine for a while
        Slices slices = new Slices(1_000, true);
        SlicedPair.Samples samples = pair.run(slices.side('a', 10), slices.side('b', 20), 60_000);
        assertTrue(samples.ratios().length >= 10);
        for (double ratio : samples.ratios()) {
            assertEquals(2.0, ratio, 1e-9);
        }
    }

    @Test
    void theOrderWithinPairsIsRandomisedAndReproducible() {
        List<Character> leaders = leaders(5);
        assertTrue(leaders.contains('a') && leaders.contains('b'), leaders::toString);
        assertEquals(leaders, leaders(5));
    }

    /** Which side ran first in each pair. */
    private List<Character> leaders(long seed) {
        Slices slices = new Slices(100, false);
        new SlicedPair(() -> now, seed, 100).run(slices.side('a', 10), slices.side('b', 10), 4_000);
        List<Character> leaders = new ArrayList<>();
        for (int i = 0; i < slices.started.size(); i += 2) {
            leaders.add(slices.started.get(i));
        }
        return leaders;
    }

    /** Fake sides that note each slice they start and, if asked, run 3 times slower in every other pair. */
    private final class Slices {
        final List<Character> started = new ArrayList<>();
        private final long sliceNanos;
        private final boolean slowEveryOtherPair;
        private long sliceEnd;
        private long slowdown = 1;

        Slices(long sliceNanos, boolean slowEveryOtherPair) {
            this.sliceNanos = sliceNanos;
            this.slowEveryOtherPair = slowEveryOtherPair;
        }

        SlicedPair.Side side(char name, long nanosPerOperation) {
            return () -> {
                // A slice ends at the first clock reading past its length, so an operation after that starts one
                if (started.isEmpty() || now >= sliceEnd) {
                    started.add(name);
                    sliceEnd = now + sliceNanos;
                    slowdown = slowEveryOtherPair && (started.size() - 1) / 2 % 2 == 1 ? 3 : 1;
                }
                return advance(nanosPerOperation * slowdown, 1);
            };
        }
    }

    private int advance(long nanos, int operations) {
        now += nanos;
        return operations;
    }
}
