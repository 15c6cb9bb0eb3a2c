package io.stowage.kernel.frontend;

import io.stowage.kernel.metrics.TrafficSnapshot;

/** One store's row of {@link StowageMXBean#getStores()}; getters, as JMX maps them to open data. */
public final class StoreStatistics {

    private final String store;
    private final String configuration;
    private final TrafficSnapshot counts;

    StoreStatistics(String store, String configuration, TrafficSnapshot counts) {
        this.store = store;
        this.configuration = configuration;
        this.counts = counts;
    }

    public String getStore() {
        return store;
    }

    public String getConfiguration() {
        return configuration;
    }

    public long getReads() {
        return counts.reads();
    }

    public long getMisses() {
        return counts.misses();
    }

    public long getWrites() {
        return counts.writes();
    }

    public long getDeletes() {
        return counts.deletes();
    }

    public long getListings() {
        return counts.listings();
    }

    public long getErrors() {
        return counts.errors();
    }

    /** Key and value bytes returned to callers by reads, listings and scans. */
    public long getBytesRead() {
        return counts.bytesRead();
    }

    /** Key and value bytes of the entries callers wrote. */
    public long getBytesWritten() {
        return counts.bytesWritten();
    }
}
