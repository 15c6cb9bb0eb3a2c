package io.stowage.kernel.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.function.LongSupplier;

import org.junit.jupiter.api.Test;

/**
 * The histogram's promise: every percentile it reports is within 6.25% of the exact percentile of what was recorded
 * (checked against the sorted samples of known distributions), the largest value is exact, and concurrent
 * recording loses no count.
 */
class LatencyHistogramTest {

    private static final double BUCKET_ERROR = 1.0 / 16;
    private static final double[] QUANTILES = {0.0, 0.01, 0.25, 0.50, 0.75, 0.90, 0.99, 0.999, 0.9999, 1.0};

    @Test
    void bucketsTileTheValuesWithoutGapsOrOverlaps() {
        assertEquals(0, LatencyHistogram.lowest(0));
        for (int bucket = 0; bucket < LatencyHistogram.BUCKETS - 1; bucket++) {
            long lowest = LatencyHistogram.lowest(bucket);
            long highest = LatencyHistogram.highest(bucket);
            assertEquals(highest + 1, LatencyHistogram.lowest(bucket + 1), "bucket " + bucket);
            assertEquals(bucket, LatencyHistogram.bucket(lowest));
            assertEquals(bucket, LatencyHistogram.bucket(highest));
            // Half a bucket's width is at most 1/16 of its lowest value: the midpoint's promised error
            assertTrue((highest - lowest + 1) / 2.0 <= Math.max(0.5, lowest * BUCKET_ERROR), "bucket " + bucket);
        }
        assertEquals(LatencyHistogram.BUCKETS - 1, LatencyHistogram.bucket(Long.MAX_VALUE));
        assertEquals(Long.MAX_VALUE, LatencyHistogram.highest(LatencyHistogram.BUCKETS - 1));
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 100_000; i++) {
            long value = random.nextLong(1L << random.nextInt(1, 63));
            int bucket = LatencyHistogram.bucket(value);
            assertTrue(LatencyHistogram.lowest(bucket) <= value && value <= LatencyHistogram.highest(bucket),
                    value + " in bucket " + bucket);
        }
    }

    @Test
    void uniformDurations() {
        SplittableRandom random = new SplittableRandom(1);
        checkAgainstExactPercentiles(() -> random.nextLong(1, 10_000_000));
    }

    @Test
    void exponentialDurations() {
        SplittableRandom random = new SplittableRandom(2);
        checkAgainstExactPercentiles(() -> 200 + (long) (-Math.log(1 - random.nextDouble()) * 50_000));
    }

    @Test
    void logNormalDurationsOverManyPowersOfTwo() {
        SplittableRandom random = new SplittableRandom(3);
        checkAgainstExactPercentiles(() -> (long) Math.exp(9 + 2.5 * gaussian(random)));
    }

    /** Fast operations with a slow tail, the shape a cache in front of a disk gives. */
    @Test
    void bimodalDurations() {
        SplittableRandom random = new SplittableRandom(4);
        checkAgainstExactPercentiles(() -> random.nextInt(100) < 3 ? random.nextLong(2_000_000, 9_000_000)
                : random.nextLong(300, 900));
    }

    @Test
    void tinyDurationsAreExact() {
        LatencyHistogram histogram = new LatencyHistogram();
        for (long value = 0; value < 8; value++) {
            histogram.record(value);
        }
        LatencyDistribution distribution = distributionOf(histogram);
        assertEquals(0, distribution.valueAt(0.125));
        assertEquals(3, distribution.valueAt(0.5));
        assertEquals(7, distribution.valueAt(1.0));
        assertEquals(8, distribution.count());
    }

    @Test
    void aSingleDurationIsReportedWithinTheBucketErrorAndItsMaximumExactly() {
        LatencyHistogram histogram = new LatencyHistogram();
        histogram.record(1_234_567);
        LatencyDistribution distribution = distributionOf(histogram);
        assertEquals(1, distribution.count());
        assertEquals(1_234_567, distribution.max());
        for (double quantile : QUANTILES) {
            assertWithin(1_234_567, distribution.valueAt(quantile), "q" + quantile);
            assertTrue(distribution.valueAt(quantile) <= 1_234_567, "never above the largest value");
        }
    }

    @Test
    void hugeAndNegativeDurationsAreClamped() {
        LatencyHistogram histogram = new LatencyHistogram();
        histogram.record(-5);
        histogram.record(Long.MAX_VALUE);
        LatencyDistribution distribution = distributionOf(histogram);
        assertEquals(0, distribution.valueAt(0.5));
        assertEquals(Long.MAX_VALUE, distribution.valueAt(1.0));
        assertEquals(Long.MAX_VALUE, distribution.max());
    }

    @Test
    void anEmptyHistogramReportsZeros() {
        LatencyDistribution distribution = distributionOf(new LatencyHistogram());
        assertEquals(0, distribution.count());
        assertEquals(0, distribution.valueAt(0.99));
        assertEquals(0, distribution.max());
        assertThrows(IllegalArgumentException.class, () -> distribution.valueAt(1.5));
    }

    @Test
    void clearForgetsEverything() {
        LatencyHistogram histogram = new LatencyHistogram();
        histogram.record(1_000);
        histogram.clear();
        LatencyDistribution distribution = distributionOf(histogram);
        assertEquals(0, distribution.count());
        assertEquals(0, distribution.max());
    }

    @Test
    void concurrentRecordingLosesNoCount() throws Exception {
        LatencyHistogram histogram = new LatencyHistogram();
        int threads = 4;
        int each = 250_000;
        CountDownLatch start = new CountDownLatch(1);
        Thread[] recorders = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            long seed = t;
            recorders[t] = new Thread(() -> {
                SplittableRandom random = new SplittableRandom(seed);
                awaitQuietly(start);
                for (int i = 0; i < each; i++) {
                    // Few distinct values, so threads collide on the same buckets
                    histogram.record(1_000 + random.nextInt(4));
                }
            });
            recorders[t].start();
        }
        start.countDown();
        for (Thread recorder : recorders) {
            recorder.join();
        }
        LatencyDistribution distribution = distributionOf(histogram);
        assertEquals((long) threads * each, distribution.count());
        assertEquals(1_003, distribution.max());
    }

    @Test
    void distributionsOfSeveralHistogramsAddUp() {
        LatencyHistogram fast = new LatencyHistogram();
        LatencyHistogram slow = new LatencyHistogram();
        for (int i = 0; i < 99; i++) {
            fast.record(1_000);
        }
        slow.record(5_000_000);
        LatencyDistribution distribution = new LatencyDistribution();
        distribution.add(fast);
        distribution.add(slow);
        assertEquals(100, distribution.count());
        assertWithin(1_000, distribution.valueAt(0.99), "p99");
        assertEquals(5_000_000, distribution.valueAt(1.0));
        assertEquals(5_000_000, distribution.max());
    }

    private static void checkAgainstExactPercentiles(LongSupplier durations) {
        int samples = 200_000;
        long[] recorded = new long[samples];
        LatencyHistogram histogram = new LatencyHistogram();
        for (int i = 0; i < samples; i++) {
            recorded[i] = durations.getAsLong();
            histogram.record(recorded[i]);
        }
        Arrays.sort(recorded);
        LatencyDistribution distribution = distributionOf(histogram);
        assertEquals(samples, distribution.count());
        assertEquals(recorded[samples - 1], distribution.max());
        for (double quantile : QUANTILES) {
            long exact = recorded[(int) Math.max(0, Math.ceil(quantile * samples - 1e-6) - 1)];
            assertWithin(exact, distribution.valueAt(quantile), "q" + quantile);
        }
    }

    private static void assertWithin(long exact, long reported, String what) {
        assertTrue(Math.abs(reported - exact) <= exact * BUCKET_ERROR + 0.5,
                what + ": reported " + reported + ", exact " + exact);
    }

    private static LatencyDistribution distributionOf(LatencyHistogram histogram) {
        LatencyDistribution distribution = new LatencyDistribution();
        distribution.add(histogram);
        return distribution;
    }

    private static double gaussian(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
