package io.stowage.admin;

/**
 * Percentiles of operation latencies over a recent window, in nanoseconds, each within 6.25% of the true value;
 * the largest is exact among the operations timed. A busy store's operations are timed by random sample.
 *
 * @param timed how many operations were timed in the window; the percentiles are 0 when none was
 */
public record Latencies(long timed, long p50Nanos, long p90Nanos, long p99Nanos, long p999Nanos, long maxNanos) {
}
