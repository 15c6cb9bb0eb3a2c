package io.stowage.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.LongSupplier;

/**
 * Runs two sides in alternating short slices of the same length, the order within each pair drawn at random, and
 * takes the ratio of A's rate to B's in each pair as one sample: noise that lasts seconds hits both slices of a
 * pair alike, so it moves the rates but hardly the ratio.
 */
final class SlicedPair {

    /** One side of a comparison: performs a small, fixed amount of work and says how many operations it was. */
    @FunctionalInterface
    interface Side {
        int operate();
    }

    /** The per-pair ratios of A over B, and each side's operations and nanoseconds over all its slices. */
    record Samples(double[] ratios, long operationsA, long nanosA, long operationsB, long nanosB) {

        double rateA() {
            return operationsA * 1e9 / nanosA;
        }

        double rateB() {
            return operationsB * 1e9 / nanosB;
        }
    }

    private final LongSupplier nanoClock;
    private final Random order;
    private final long sliceNanos;

    SlicedPair(LongSupplier nanoClock, long seed, long sliceNanos) {
        this.nanoClock = nanoClock;
        this.order = new Random(seed);
        this.sliceNanos = sliceNanos;
    }

    /** Runs pairs of slices until {@code totalNanos} have passed on the clock (at least one pair). */
    Samples run(Side a, Side b, long totalNanos) {
        List<Double> ratios = new ArrayList<>();
        long[] totals = new long[4];
        long end = nanoClock.getAsLong() + totalNanos;
        do {
            long[] sliceA;
            long[] sliceB;
            if (order.nextBoolean()) {
                sliceA = slice(a);
                sliceB = slice(b);
            } else {
                sliceB = slice(b);
                sliceA = slice(a);
            }
            totals[0] += sliceA[0];
            totals[1] += sliceA[1];
            totals[2] += sliceB[0];
            totals[3] += sliceB[1];
            double rateA = (double) sliceA[0] / sliceA[1];
            double rateB = (double) sliceB[0] / sliceB[1];
            ratios.add(rateA / rateB);
        } while (nanoClock.getAsLong() < end);
        return new Samples(ratios.stream().mapToDouble(Double::doubleValue).toArray(),
                totals[0], totals[1], totals[2], totals[3]);
    }

    /** Operations and nanoseconds of one slice, timed from its first operation to its last. */
    private long[] slice(Side side) {
        long start = nanoClock.getAsLong();
        long deadline = start + sliceNanos;
        long operations = 0;
        long now;
        do {
            operations += side.operate();
            now = nanoClock.getAsLong();
        } while (now < deadline);
        return new long[] {operations, now - start};
    }
}
