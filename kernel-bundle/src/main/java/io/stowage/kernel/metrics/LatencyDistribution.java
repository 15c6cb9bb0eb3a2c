package io.stowage.kernel.metrics;

/**
 * Durations gathered from histograms, read as percentiles. A percentile is the midpoint of the bucket holding that
 * rank, so within 6.25% of the true value, and never above the largest duration gathered; the top rank is that
 * largest duration itself.
 */
public final class LatencyDistribution {

    private final long[] counts = new long[LatencyHistogram.BUCKETS];
    private long count;
    private long max;

    void add(LatencyHistogram histogram) {
        max = Math.max(max, histogram.addTo(counts));
        long total = 0;
        for (long bucket : counts) {
            total += bucket;
        }
        count = total;
    }

    /** Durations gathered. */
    public long count() {
        return count;
    }

    /** The largest duration gathered, in nanoseconds; 0 when none was. */
    public long max() {
        return max;
    }

    /**
     * The duration (nanoseconds) that {@code quantile} of the durations do not exceed: the nearest rank,
     * {@code ceil(quantile * count)}; 0 when no duration was gathered.
     */
    public long valueAt(double quantile) {
        if (quantile < 0 || quantile > 1) {
            throw new IllegalArgumentException("quantile " + quantile + " is outside 0..1");
        }
        if (count == 0) {
            return 0;
        }
        // The factor keeps products such as 0.999 * 1000 from rounding up past the rank they stand for
        long rank = Math.max(1, (long) Math.ceil(quantile * count * (1 - 1e-12)));
        if (rank == count) {
            return max; // the top rank is the largest duration, which is known exactly
        }
        long seen = 0;
        for (int bucket = 0; bucket < counts.length; bucket++) {
            seen += counts[bucket];
            if (seen >= rank) {
                return Math.min(midpoint(bucket), max);
            }
        }
        return max;
    }

    private static long midpoint(int bucket) {
        long lowest = LatencyHistogram.lowest(bucket);
        long highest = LatencyHistogram.highest(bucket);
        return highest == Long.MAX_VALUE ? Long.MAX_VALUE : lowest + (highest - lowest) / 2;
    }
}
