package io.stowage.management;

import io.stowage.admin.Traffic;
import io.stowage.admin.TransactionCounts;
import io.stowage.admin.TransformCounts;

/** One store's row of {@link StowageMXBean#getStores()}; getters, as JMX maps them to open data. */
public final class StoreStatistics {

    private final String store;
    private final String configuration;
    private final Traffic traffic;
    private final TransactionCounts transactions;
    private final TransformCounts transforms;

    StoreStatistics(io.stowage.admin.StoreStatistics statistics) {
        this.store = statistics.store().label();
        this.configuration = statistics.configuration();
        this.traffic = statistics.traffic();
        this.transactions = statistics.transactions();
        this.transforms = statistics.transforms();
    }

    public String getStore() {
        return store;
    }

    public String getConfiguration() {
        return configuration;
    }

    public long getReads() {
        return traffic.reads();
    }

    public long getMisses() {
        return traffic.misses();
    }

    public long getWrites() {
        return traffic.writes();
    }

    public long getDeletes() {
        return traffic.deletes();
    }

    public long getListings() {
        return traffic.listings();
    }

    public long getErrors() {
        return traffic.errors();
    }

    /** Key and value bytes returned to callers by reads, listings and scans. */
    public long getBytesRead() {
        return traffic.bytesRead();
    }

    /** Key and value bytes of the entries callers wrote. */
    public long getBytesWritten() {
        return traffic.bytesWritten();
    }

    /** Transactions that committed. */
    public long getTransactionCommits() {
        return transactions.commits();
    }

    /** Transaction attempts that conflicted with concurrent writes and wrote nothing. */
    public long getTransactionConflicts() {
        return transactions.conflicts();
    }

    /** Transaction attempts run again after a conflict. */
    public long getTransactionRetries() {
        return transactions.retries();
    }

    /** Bytes of the values written through the store's transform chain, before it. */
    public long getTransformBytesIn() {
        return transforms.encodedBytesIn();
    }

    /** Bytes stored for the values written through the chain. */
    public long getTransformBytesOut() {
        return transforms.encodedBytesOut();
    }

    /** TransformBytesOut / TransformBytesIn: below 1 when the chain compresses; 1 when nothing went through it. */
    public double getTransformRatio() {
        return transforms.ratio();
    }
}
