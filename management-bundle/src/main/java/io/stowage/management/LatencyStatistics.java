package io.stowage.management;

import java.time.Duration;

import io.stowage.admin.Latencies;

/**
 * Percentiles of operation latencies over a recent window, as JMX shows them: the operations timed in the window,
 * p50, p90, p99, p99.9 and the largest, in microseconds, all read from one snapshot. Each percentile is within
 * 6.25% of the true value; the largest is exact among the timed operations. A busy store's operations are timed by
 * random sample.
 */
public final class LatencyStatistics {

    private static final double NANOS_PER_MICRO = 1_000.0;

    private final Latencies latencies;
    private final long windowSeconds;

    LatencyStatistics(Latencies latencies, Duration window) {
        this.latencies = latencies;
        this.windowSeconds = window.toSeconds();
    }

    /** Operations timed that ended in the window: all of them, or a random sample of a busy store's. */
    public long getTimed() {
        return latencies.timed();
    }

    public double getP50Micros() {
        return latencies.p50Nanos() / NANOS_PER_MICRO;
    }

    public double getP90Micros() {
        return latencies.p90Nanos() / NANOS_PER_MICRO;
    }

    public double getP99Micros() {
        return latencies.p99Nanos() / NANOS_PER_MICRO;
    }

    public double getP999Micros() {
        return latencies.p999Nanos() / NANOS_PER_MICRO;
    }

    public double getMaxMicros() {
        return latencies.maxNanos() / NANOS_PER_MICRO;
    }

    /** How far back the window reaches: the previous minute and the current one so far, 60 to 120 seconds. */
    public long getWindowSeconds() {
        return windowSeconds;
    }
}
