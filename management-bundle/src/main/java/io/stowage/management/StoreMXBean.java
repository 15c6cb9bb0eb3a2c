package io.stowage.management;

import java.util.List;

/**
 * One store, as JMX tools see it under {@code io.stowage:type=Store,namespace=<namespace>,name=<store>}: counts and
 * bytes since the kernel started (over every configuration the store was routed to), and latencies over the last
 * one to two minutes; the Transform attributes count only values that went through a transform chain, and Indexes
 * shows how each secondary index was used. Registered when the store is first opened or listed since the kernel
 * started, unregistered when the kernel stops.
 */
public interface StoreMXBean {

    String getNamespace();

    String getName();

    /** The backend configuration the store is routed to now. */
    String getConfiguration();

    /** Keys looked up: point reads, existence and TTL checks, each key of a batch get. */
    long getReads();

    /** Keys looked up that were absent or expired. */
    long getMisses();

    /** Keys written: puts, the mutations of batches, compare-and-set that wrote. */
    long getWrites();

    long getDeletes();

    /** Key listings, range scans, counts and whole-store reads. */
    long getListings();

    /** Operations that failed with an error from the backend or the kernel (not refused input). */
    long getErrors();

    /** Key and value bytes returned to callers by reads, listings and scans. */
    long getBytesRead();

    /** Key and value bytes of the entries callers wrote. */
    long getBytesWritten();

    /** Point reads and batch gets (one each), from the call to its return. */
    LatencyStatistics getReadLatency();

    /** Puts, deletes, batches and compare-and-set (one each), from the call to its return. */
    LatencyStatistics getWriteLatency();

    /** Transactions that committed. */
    long getTransactionCommits();

    /** Transaction attempts that conflicted with concurrent writes and wrote nothing. */
    long getTransactionConflicts();

    /** Transaction attempts run again after a conflict. */
    long getTransactionRetries();

    /** Values written through the store's transform chain (since the kernel started, as every count here). */
    long getTransformValuesEncoded();

    /** Of those, values stored as they were: shorter than the chain's minimum size, or not shrunk by a compression. */
    long getTransformValuesStoredPlain();

    /** Bytes of the values written through the chain, before it. */
    long getTransformBytesIn();

    /** Bytes stored for them: transformed payloads with their transform headers, plain values as they were. */
    long getTransformBytesOut();

    /** TransformBytesOut / TransformBytesIn: below 1 when the chain compresses; 1 when nothing went through it. */
    double getTransformRatio();

    /** Time spent in the chain on writes, in nanoseconds. */
    long getTransformEncodeNanos();

    /** Transformed values read and decoded (plain values are read without the chain and not counted). */
    long getTransformValuesDecoded();

    /** Bytes of the transformed payloads decoded. */
    long getTransformDecodedBytesIn();

    /** Bytes of the values they decoded to. */
    long getTransformDecodedBytesOut();

    /** Time spent undoing the chain on reads, in nanoseconds. */
    long getTransformDecodeNanos();

    /** Its secondary indexes that answer lookups, each with how it was used (counters only, no scan). */
    List<IndexStatistics> getIndexes();

    /** The store's live keys and their bytes: a scan of the whole store, so an operation, not an attribute. */
    StoreContents measureContents();
}
