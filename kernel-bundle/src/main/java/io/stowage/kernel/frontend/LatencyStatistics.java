package io.stowage.kernel.frontend;

import io.stowage.kernel.metrics.LatencyDistribution;
import io.stowage.kernel.metrics.LatencySampling;

/**
 * Percentiles of operation latencies over a recent window, as JMX shows them: the operations timed in the window,
 * p50, p90, p99, p99.9 and the largest, in microseconds, all read from one snapshot. Each percentile is within
 * 6.25% of the true value (the midpoint of a logarithmic bucket); the largest is exact among the timed operations.
 * Every operation is timed while a store has at most about 4,000 a second, a random sample beyond
 * ({@link LatencySampling}).
 */
public final class LatencyStatistics {

    private static final double NANOS_PER_MICRO = 1_000.0;

    private final long timed;
    private final double p50;
    private final double p90;
    private final double p99;
    private final double p999;
    private final double max;
    private final long windowSeconds;

    LatencyStatistics(LatencyDistribution distribution, long windowNanos) {
        this.timed = distribution.count();
        this.p50 = distribution.valueAt(0.50) / NANOS_PER_MICRO;
        this.p90 = distribution.valueAt(0.90) / NANOS_PER_MICRO;
        this.p99 = distribution.valueAt(0.99) / NANOS_PER_MICRO;
        this.p999 = distribution.valueAt(0.999) / NANOS_PER_MICRO;
        this.max = distribution.max() / NANOS_PER_MICRO;
        this.windowSeconds = windowNanos / 1_000_000_000L;
    }

    /** Operations timed that ended in the window: all of them, or a random sample of a busy store's. */
    public long getTimed() {
        return timed;
    }

    public double getP50Micros() {
        return p50;
    }

    public double getP90Micros() {
        return p90;
    }

    public double getP99Micros() {
        return p99;
    }

    public double getP999Micros() {
        return p999;
    }

    public double getMaxMicros() {
        return max;
    }

    /** How far back the window reaches: the previous minute and the current one so far, 60 to 120 seconds. */
    public long getWindowSeconds() {
        return windowSeconds;
    }
}
