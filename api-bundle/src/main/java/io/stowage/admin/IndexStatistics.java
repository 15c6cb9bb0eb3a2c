package io.stowage.admin;

import java.time.Duration;

/**
 * How one secondary index of a store was used, counted by the kernel since it started (counters restart with the
 * runtime, and with a new definition once it takes over). The counts cost nothing to read: the index's entries, which
 * take a scan, are in {@link IndexInfo#entries()}.
 *
 * @param store          the indexed store
 * @param name           the index's name within the store
 * @param state          where the index is in its life
 * @param built          how many of the store's entries its last build went through
 * @param buildTime      how long its last build took, or has taken so far while it runs
 * @param lookups        pages of lookups it answered ({@code StoreIndex.find} and {@code entries}, one each)
 * @param lookupLatency  those lookups' latencies over {@code window}: the reading of each page from the backend
 *                       (a wait for an instance to serve the store is not in them)
 * @param window         how far back {@code lookupLatency} reaches (one to two minutes)
 * @param entriesWritten index entries writes put: every index key of each value written (an unchanged one is written
 *                       again, with the value's expiry)
 * @param entriesRemoved index entries writes deleted: index keys a replaced or deleted value had and the new one has
 *                       not
 * @param uniqueRefusals writes refused because they would give this unique index's key to a second key (each
 *                       wrote nothing)
 * @since 1.6
 */
public record IndexStatistics(StoreId store, String name, IndexState state, long built, Duration buildTime,
        long lookups, Latencies lookupLatency, Duration window, long entriesWritten, long entriesRemoved,
        long uniqueRefusals) {
}
