package io.stowage.kernel.metrics;

import java.util.Collection;

/**
 * Traffic figures added up at one moment: counts and bytes since the kernel started, and the latencies of reads and
 * writes over the window that ends at that moment ({@code windowNanos} long, one to two minutes).
 */
public record TrafficSnapshot(long reads, long misses, long writes, long deletes, long listings, long errors, long bytesRead,
        long bytesWritten, LatencyDistribution readLatency, LatencyDistribution writeLatency, long windowNanos) {

    public static TrafficSnapshot of(Collection<StoreTraffic> traffic, long nowNanos) {
        long reads = 0;
        long misses = 0;
        long writes = 0;
        long deletes = 0;
        long listings = 0;
        long errors = 0;
        long bytesRead = 0;
        long bytesWritten = 0;
        LatencyDistribution readLatency = new LatencyDistribution();
        LatencyDistribution writeLatency = new LatencyDistribution();
        for (StoreTraffic one : traffic) {
            reads += one.reading.sum(StoreTraffic.READS);
            misses += one.reading.sum(StoreTraffic.MISSES);
            writes += one.writes.sum();
            deletes += one.deletes.sum();
            listings += one.listings.sum();
            errors += one.errors.sum();
            bytesRead += one.reading.sum(StoreTraffic.BYTES_READ);
            bytesWritten += one.bytesWritten.sum();
            one.readLatency.addTo(readLatency, nowNanos);
            one.writeLatency.addTo(writeLatency, nowNanos);
        }
        return new TrafficSnapshot(reads, misses, writes, deletes, listings, errors, bytesRead, bytesWritten,
                readLatency, writeLatency, LatencyWindow.coveredNanos(nowNanos));
    }

    /** Reads, writes, deletes and listings, counted as in each of those (a batch of 10 puts is 10 writes). */
    public long operations() {
        return reads + writes + deletes + listings;
    }
}
