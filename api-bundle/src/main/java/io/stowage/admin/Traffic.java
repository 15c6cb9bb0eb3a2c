package io.stowage.admin;

import java.time.Duration;

/**
 * Traffic figures read at one moment: counts and bytes since the kernel started, latencies over the window that
 * ends at that moment (one to two minutes).
 *
 * @param reads keys looked up: point reads, existence and TTL checks, each key of a batch get
 * @param misses keys looked up that were absent or expired
 * @param writes keys written: puts, the mutations of batches, compare-and-set that wrote
 * @param listings key listings, range scans, counts and whole-store reads
 * @param errors operations that failed with an error of the backend or the kernel (not refused input)
 * @param bytesRead key and value bytes returned to callers
 * @param bytesWritten key and value bytes of the entries callers wrote
 * @param readLatency point reads and batch gets, one each
 * @param writeLatency puts, deletes, batches and compare-and-set, one each
 * @param window how far back the latencies reach
 */
public record Traffic(long reads, long misses, long writes, long deletes, long listings, long errors, long bytesRead,
        long bytesWritten, Latencies readLatency, Latencies writeLatency, Duration window) {

    /** Reads, writes, deletes and listings, each counted as in its own figure. */
    public long operations() {
        return reads + writes + deletes + listings;
    }
}
