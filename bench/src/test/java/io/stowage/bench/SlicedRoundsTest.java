package io.stowage.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

import org.junit.jupiter.api.Test;

import io.stowage.bench.SlicedRounds.Contender;

/** Sides that only advance a fake clock and a fake allocation counter, at known rates: no timing on the machine. */
class SlicedRoundsTest {

    private long now;
    private long allocated;

    @Test
    void sidesOfKnownRatesGiveTheirRatioInEveryRound() {
        SlicedRounds rounds = new SlicedRounds(() -> now, () -> allocated, 1, 1_000);
        // A: 1 operation per 10 ns, B: 4 operations per 100 ns; A runs 2.5 times as fast
        SlicedRounds.Samples samples = rounds.run(List.of(Contender.of("a", () -> advance(10, 1, 0)),
                Contender.of("b", () -> advance(100, 4, 0))), 100_000);
        assertEquals(50, samples.rounds());
        for (double ratio : samples.ratios(0, 1)) {
            assertEquals(2.5, ratio, 1e-9);
        }
        assertEquals(1e8, samples.rate(0), 1);
        assertEquals(4e7, samples.rate(samples.side("b")), 1);
        assertEquals(2.5, MedianInterval.of(samples.ratios(0, 1), 200, 1).lower(), 1e-9);
    }

    @Test
    void eachSideIsChargedTheBytesAllocatedDuringItsOwnSlices() {
        SlicedRounds rounds = new SlicedRounds(() -> now, () -> allocated, 3, 1_000);
        // The kernel side allocates 328 bytes an operation, the raw side 152 (two gets of 76 bytes each call)
        SlicedRounds.Samples samples = rounds.run(List.of(Contender.of("kernel", () -> advance(10, 1, 328)),
                Contender.of("raw", () -> advance(20, 2, 304))), 20_000);
        assertEquals(328, samples.bytesPerOperation(0), 1e-9);
        assertEquals(152, samples.bytesPerOperation(1), 1e-9);
        for (double difference : samples.bytesPerOperationDifferences(0, 1)) {
            assertEquals(176, difference, 1e-9);
        }
        assertEquals(samples.operations()[0] * 328, samples.bytes()[0]);
    }

    @Test
    void allocationPerOperationIsBytesOverOperations() {
        assertEquals(152.5, SlicedRounds.perOperation(305, 2), 1e-12);
        assertEquals(0, SlicedRounds.perOperation(0, 7), 1e-12);
    }

    @Test
    void theLeadRatioIsTheKernelsShareOfRawLmdbsLeadOverThePeer() {
        // Raw is 3x the peer, the kernel 2.7x: the kernel keeps 90% of the lead
        assertEquals(0.9, SlicedRounds.leadRatio(270, 300, 100), 1e-12);
        // Whatever the peer did in that round
        assertEquals(0.9, SlicedRounds.leadRatio(270, 300, 37), 1e-12);
        assertEquals(1.25, SlicedRounds.leadRatio(500, 400, 250), 1e-12);
    }

    @Test
    void threeSidesRotateAndEachRoundGivesItsLeadRatio() {
        SlicedRounds rounds = new SlicedRounds(() -> now, () -> allocated, 5, 1_000);
        Slices slices = new Slices(1_000, true);
        // Kernel 1 op / 25 ns, raw 1 op / 20 ns, peer 1 op / 60 ns; every other round 3 times slower for all
        SlicedRounds.Samples samples = rounds.run(List.of(Contender.of("kernel", slices.side('k', 25)),
                Contender.of("raw", slices.side('r', 20)), Contender.of("peer", slices.side('p', 60))), 60_000);
        assertTrue(samples.rounds() >= 10, () -> "rounds: " + samples.rounds());
        for (double lead : samples.leadRatios(0, 1, 2)) {
            assertEquals(0.8, lead, 1e-9);
        }
        for (double ratio : samples.ratios(1, 2)) {
            assertEquals(3.0, ratio, 1e-9);
        }
        // Every round ran each side exactly once
        for (int start = 0; start + 3 <= slices.started.size(); start += 3) {
            List<Character> round = new ArrayList<>(slices.started.subList(start, start + 3));
            round.sort(null);
            assertEquals(List.of('k', 'p', 'r'), round);
        }
    }

    @Test
    void aSlowdownThatHitsBothSlicesOfAPairLeavesItsRatioAlone() {
        SlicedRounds rounds = new SlicedRounds(() -> now, () -> allocated, 1, 1_000);
        // Every other pair runs 3 times slower, as when something else loads the machine for a while
        Slices slices = new Slices(1_000, true);
        SlicedRounds.Samples samples = rounds.run(List.of(Contender.of("a", slices.side('a', 10)),
                Contender.of("b", slices.side('b', 20))), 60_000);
        assertTrue(samples.rounds() >= 10);
        for (double ratio : samples.ratios(0, 1)) {
            assertEquals(2.0, ratio, 1e-9);
        }
    }

    @Test
    void theOrderWithinRoundsIsRandomisedAndReproducible() {
        List<Character> leaders = leaders(5);
        assertTrue(leaders.contains('a') && leaders.contains('b'), leaders::toString);
        assertEquals(leaders, leaders(5));
    }

    /** The real clock and real threads: a two-thread side's slices count the operations of both threads. */
    @Test
    void aSideOnTwoThreadsCountsTheOperationsOfBoth() {
        AtomicLongArray byThread = new AtomicLongArray(2);
        SlicedRounds rounds = new SlicedRounds(System::nanoTime, () -> 0, 1, TimeUnit.MILLISECONDS.toNanos(5));
        SlicedRounds.Samples samples = rounds.run(List.of(
                Contender.threads("two", 2, thread -> () -> {
                    byThread.incrementAndGet(thread);
                    return 1;
                }),
                Contender.of("one", () -> 1)), TimeUnit.MILLISECONDS.toNanos(50));
        assertTrue(byThread.get(0) > 0 && byThread.get(1) > 0, byThread::toString);
        assertEquals(byThread.get(0) + byThread.get(1), samples.operations()[0]);
    }

    /** Which side ran first in each round. */
    private List<Character> leaders(long seed) {
        Slices slices = new Slices(100, false);
        new SlicedRounds(() -> now, () -> allocated, seed, 100)
                .run(List.of(Contender.of("a", slices.side('a', 10)), Contender.of("b", slices.side('b', 10))), 4_000);
        List<Character> leaders = new ArrayList<>();
        for (int i = 0; i < slices.started.size(); i += 2) {
            leaders.add(slices.started.get(i));
        }
        return leaders;
    }

    /** Fake sides that note each slice they start and, if asked, run 3 times slower in every other round. */
    private final class Slices {
        final List<Character> started = new ArrayList<>();
        private final long sliceNanos;
        private final boolean slowEveryOtherRound;
        private long sliceEnd;
        private long slowdown = 1;
        private final List<Character> sides = new ArrayList<>();

        Slices(long sliceNanos, boolean slowEveryOtherRound) {
            this.sliceNanos = sliceNanos;
            this.slowEveryOtherRound = slowEveryOtherRound;
        }

        SlicedRounds.Side side(char name, long nanosPerOperation) {
            sides.add(name);
            return () -> {
                // A slice ends at the first clock reading past its length, so an operation after that starts one
                if (started.isEmpty() || now >= sliceEnd) {
                    started.add(name);
                    sliceEnd = now + sliceNanos;
                    int round = (started.size() - 1) / sides.size();
                    slowdown = slowEveryOtherRound && round % 2 == 1 ? 3 : 1;
                }
                return advance(nanosPerOperation * slowdown, 1, 0);
            };
        }
    }

    private int advance(long nanos, int operations, long bytes) {
        now += nanos;
        allocated += bytes;
        return operations;
    }
}
