package io.stowage.management;

import java.util.Locale;

/**
 * One index's row of {@link StoreMXBean#getIndexes()}: how it was used since the kernel started (counts restart with
 * the runtime, and with a new definition once it takes over); getters, as JMX maps them to open data.
 */
public final class IndexStatistics {

    private final io.stowage.admin.IndexStatistics statistics;

    IndexStatistics(io.stowage.admin.IndexStatistics statistics) {
        this.statistics = statistics;
    }

    public String getName() {
        return statistics.name();
    }

    /** building, ready or failed. */
    public String getState() {
        return statistics.state().name().toLowerCase(Locale.ROOT);
    }

    /** Entries of the store its last build went through. */
    public long getBuilt() {
        return statistics.built();
    }

    /** How long its last build took, or has taken so far while it runs, in milliseconds. */
    public double getBuildMillis() {
        return statistics.buildTime().toNanos() / 1_000_000.0;
    }

    /** Pages of lookups it answered. */
    public long getLookups() {
        return statistics.lookups();
    }

    /** Those lookups' latencies over the last one to two minutes. */
    public LatencyStatistics getLookupLatency() {
        return new LatencyStatistics(statistics.lookupLatency(), statistics.window());
    }

    /** Index entries that writes put: every index key of each value written. */
    public long getEntriesWritten() {
        return statistics.entriesWritten();
    }

    /** Index entries that writes deleted: keys a replaced or deleted value had and the new one has not. */
    public long getEntriesRemoved() {
        return statistics.entriesRemoved();
    }

    /** Writes refused because they would give this unique index's key to a second key; each wrote nothing. */
    public long getUniqueRefusals() {
        return statistics.uniqueRefusals();
    }
}
