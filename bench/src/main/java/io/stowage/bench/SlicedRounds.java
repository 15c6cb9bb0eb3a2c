package io.stowage.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;

/**
 * Runs two or more sides in rounds of short slices of the same length, every side once a round, in an order drawn
 * at random each round, and keeps each slice's operations, nanoseconds and allocated bytes. The ratio of two sides'
 * rates within a round is one sample: noise that lasts seconds hits every slice of a round alike, so it moves the
 * rates but hardly the ratios. A side may run on several threads at once; its slice then counts all their operations.
 */
final class SlicedRounds {

    /** One thread's share of a side: performs a small, fixed amount of work and says how many operations it was. */
    @FunctionalInterface
    interface Side {
        int operate();
    }

    /** A side as measured: its label and one {@link Side} for each thread that runs it during its slices. */
    record Contender(String label, List<Side> threads) {

        static Contender of(String label, Side side) {
            return new Contender(label, List.of(side));
        }

        /** {@code count} threads, each with a side of its own (its own cursor), all running in the same slices. */
        static Contender threads(String label, int count, IntFunction<Side> perThread) {
            List<Side> sides = new ArrayList<>();
            for (int t = 0; t < count; t++) {
                sides.add(perThread.apply(t));
            }
            return new Contender(label, List.copyOf(sides));
        }
    }

    /**
     * What each side did in each round (its rate and its bytes allocated per operation there), and over all its
     * slices (operations, nanoseconds, bytes). Sides are numbered in the order they were given.
     */
    record Samples(List<String> labels, double[][] rates, double[][] bytesPerOperation, long[] operations,
            long[] nanos, long[] bytes) {

        int rounds() {
            return rates.length;
        }

        int side(String label) {
            int index = labels.indexOf(label);
            if (index < 0) {
                throw new IllegalArgumentException("no side " + label + " among " + labels);
            }
            return index;
        }

        /** Per round: side {@code a}'s rate over side {@code b}'s. */
        double[] ratios(int a, int b) {
            double[] ratios = new double[rounds()];
            for (int r = 0; r < ratios.length; r++) {
                ratios[r] = rates[r][a] / rates[r][b];
            }
            return ratios;
        }

        /** Per round: {@link #leadRatio} of the kernel, raw and peer sides' rates in that round. */
        double[] leadRatios(int kernel, int raw, int peer) {
            double[] ratios = new double[rounds()];
            for (int r = 0; r < ratios.length; r++) {
                ratios[r] = leadRatio(rates[r][kernel], rates[r][raw], rates[r][peer]);
            }
            return ratios;
        }

        /** Per round: side {@code a}'s bytes per operation minus side {@code b}'s. */
        double[] bytesPerOperationDifferences(int a, int b) {
            double[] differences = new double[rounds()];
            for (int r = 0; r < differences.length; r++) {
                differences[r] = bytesPerOperation[r][a] - bytesPerOperation[r][b];
            }
            return differences;
        }

        /** Operations per second over all the side's slices. */
        double rate(int side) {
            return operations[side] * 1e9 / nanos[side];
        }

        /** Bytes allocated per operation over all the side's slices. */
        double bytesPerOperation(int side) {
            return perOperation(bytes[side], operations[side]);
        }
    }

    private final LongSupplier nanoClock;
    private final LongSupplier allocatedBytes;
    private final Random order;
    private final long sliceNanos;

    /**
     * @param allocatedBytes bytes allocated so far by the threads the sides run on (and any they hand work to),
     *                       read before and after each slice
     */
    SlicedRounds(LongSupplier nanoClock, LongSupplier allocatedBytes, long seed, long sliceNanos) {
        this.nanoClock = nanoClock;
        this.allocatedBytes = allocatedBytes;
        this.order = new Random(seed);
        this.sliceNanos = sliceNanos;
    }

    /**
     * How far the kernel keeps raw lmdbjava's lead over a peer: (kernel / peer) / (raw / peer). Within one round
     * the peer's rate cancels, so this is the kernel-to-raw ratio of that round; the peer only sets the scene (its
     * data in the same memory, its slices between theirs).
     */
    static double leadRatio(double kernelRate, double rawRate, double peerRate) {
        return (kernelRate / peerRate) / (rawRate / peerRate);
    }

    static double perOperation(long bytes, long operations) {
        return (double) bytes / operations;
    }

    /** Runs rounds until {@code totalNanos} have passed on the clock (at least one round). */
    Samples run(List<Contender> sides, long totalNanos) {
        int threads = sides.stream().mapToInt(side -> side.threads().size()).max().orElse(1);
        ExecutorService helpers = threads > 1 ? Executors.newFixedThreadPool(threads - 1, runnable -> {
            Thread thread = new Thread(runnable, "paired-slice");
            thread.setDaemon(true);
            return thread;
        }) : null;
        try {
            return run(sides, totalNanos, helpers);
        } finally {
            if (helpers != null) {
                helpers.shutdownNow();
            }
        }
    }

    private Samples run(List<Contender> sides, long totalNanos, ExecutorService helpers) {
        int count = sides.size();
        List<double[]> rates = new ArrayList<>();
        List<double[]> bytesPerOperation = new ArrayList<>();
        long[] operations = new long[count];
        long[] nanos = new long[count];
        long[] bytes = new long[count];
        int[] sequence = new int[count];
        long end = nanoClock.getAsLong() + totalNanos;
        do {
            shuffle(sequence);
            double[] roundRates = new double[count];
            double[] roundBytes = new double[count];
            for (int side : sequence) {
                long[] slice = slice(sides.get(side), helpers);
                operations[side] += slice[0];
                nanos[side] += slice[1];
                bytes[side] += slice[2];
                roundRates[side] = (double) slice[0] / slice[1];
                roundBytes[side] = perOperation(slice[2], slice[0]);
            }
            rates.add(roundRates);
            bytesPerOperation.add(roundBytes);
        } while (nanoClock.getAsLong() < end);
        return new Samples(sides.stream().map(Contender::label).toList(), rates.toArray(double[][]::new),
                bytesPerOperation.toArray(double[][]::new), operations, nanos, bytes);
    }

    /** A random permutation of 0 … length − 1, drawn from the seeded order. */
    private void shuffle(int[] sequence) {
        for (int i = 0; i < sequence.length; i++) {
            int j = order.nextInt(i + 1);
            sequence[i] = sequence[j];
            sequence[j] = i;
        }
    }

    /**
     * Operations, nanoseconds (from the slice's start to the last thread's last operation) and bytes allocated of one
     * slice; the first thread of the side runs on the calling one, the others on helpers, all to the same deadline.
     */
    private long[] slice(Contender side, ExecutorService helpers) {
        long bytesBefore = allocatedBytes.getAsLong();
        long start = nanoClock.getAsLong();
        long deadline = start + sliceNanos;
        List<Future<long[]>> others = new ArrayList<>();
        for (Side other : side.threads().subList(1, side.threads().size())) {
            others.add(helpers.submit(() -> until(other, deadline)));
        }
        long[] total = until(side.threads().get(0), deadline);
        for (Future<long[]> other : others) {
            long[] done = join(other);
            total[0] += done[0];
            total[1] = Math.max(total[1], done[1]);
        }
        long bytes = allocatedBytes.getAsLong() - bytesBefore;
        return new long[] {total[0], total[1] - start, bytes};
    }

    /** Operations done and the clock's reading after the last one, which is the first reading past the deadline. */
    private long[] until(Side side, long deadline) {
        long operations = 0;
        long now;
        do {
            operations += side.operate();
            now = nanoClock.getAsLong();
        } while (now < deadline);
        return new long[] {operations, now};
    }

    private static long[] join(Future<long[]> other) {
        try {
            return other.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while a slice's other threads ran", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a slice's other thread failed", e.getCause());
        }
    }
}
