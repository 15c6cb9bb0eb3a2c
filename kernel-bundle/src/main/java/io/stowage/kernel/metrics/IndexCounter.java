package io.stowage.kernel.metrics;

import java.util.concurrent.atomic.LongAdder;

/**
 * How one index of a store was used since the kernel started: lookups with their latencies (timed as a store's
 * reads are, by {@link LatencySampling}), the index entries that writes put and deleted, and the writes its
 * uniqueness refused. Recording takes no lock and allocates nothing; a lookup is a scan, so a {@code LongAdder}
 * per count is cheap beside it.
 */
public final class IndexCounter {

    private final LongAdder lookups = new LongAdder();
    private final LongAdder entriesWritten = new LongAdder();
    private final LongAdder entriesRemoved = new LongAdder();
    private final LongAdder uniqueRefusals = new LongAdder();
    private final LatencySampling lookupSampling = new LatencySampling();
    private final LatencyWindow lookupLatency = new LatencyWindow(System.nanoTime());

    /** What the counts were at one moment, with the lookup latencies over the window that ends then. */
    public record Snapshot(long lookups, LatencyDistribution lookupLatency, long windowNanos, long entriesWritten,
            long entriesRemoved, long uniqueRefusals) {
    }

    /** The start of a lookup, to hand to {@link #lookedUp}: its {@code System.nanoTime} when it is timed. */
    public long startLookup() {
        return lookupSampling.start();
    }

    /** A lookup that began at {@code started} returned a page. */
    public void lookedUp(long started) {
        lookups.increment();
        if (started != LatencySampling.NOT_TIMED) {
            long ended = System.nanoTime();
            lookupLatency.record(started, ended);
            lookupSampling.timed(ended);
        }
    }

    /** A write that applied put {@code written} of this index's entries and deleted {@code removed}. */
    public void wrote(int written, int removed) {
        if (written > 0) {
            entriesWritten.add(written);
        }
        if (removed > 0) {
            entriesRemoved.add(removed);
        }
    }

    /** A write was refused: it would have given this unique index's key to a second key. */
    public void refused() {
        uniqueRefusals.increment();
    }

    public Snapshot snapshot() {
        long now = System.nanoTime();
        LatencyDistribution latency = new LatencyDistribution();
        lookupLatency.addTo(latency, now);
        return new Snapshot(lookups.sum(), latency, LatencyWindow.coveredNanos(now), entriesWritten.sum(),
                entriesRemoved.sum(), uniqueRefusals.sum());
    }
}
