/**
 * Traffic figures: per store and per backend configuration, counts, bytes and latency percentiles from sampled
 * timings ({@code StoreTraffic}, {@code LatencySampling}, {@code LatencyWindow}, {@code LatencyHistogram}) and the
 * snapshots read from them. Lock-free and allocation-free on the hot path; it touches nothing but its own counters.
 */
package io.stowage.kernel.metrics;
