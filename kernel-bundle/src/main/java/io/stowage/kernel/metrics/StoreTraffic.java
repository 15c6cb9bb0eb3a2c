package io.stowage.kernel.metrics;

import java.util.concurrent.atomic.LongAdder;

import io.stowage.kernel.store.BackendSlot;

/**
 * What one store did while routed to one backend configuration, since the kernel started: operation counts, the key
 * and value bytes callers read and wrote, and the latencies of reads and writes over the last one to two minutes
 * (of all of them, or of a random sample when there are many: see {@link LatencySampling}). A store's figures add up
 * the traffic of every configuration it was routed to; a configuration's add up the traffic of every store routed
 * to it. Recording takes no lock and allocates nothing.
 *
 * <p>An operation calls {@link #startRead()} or {@link #startWrite()} first and hands what it returned to the
 * method that records it.
 */
public final class StoreTraffic {

    /** Where the store was routed. */
    public final BackendSlot slot;
    static final int READS = 0;
    static final int MISSES = 1;
    static final int BYTES_READ = 2;
    /** Reads, misses and bytes read: counted on every get, so without an atomic instruction. */
    final ThreadCounters reading = new ThreadCounters(3);
    final LongAdder writes = new LongAdder();
    public final LongAdder deletes = new LongAdder();
    public final LongAdder listings = new LongAdder();
    public final LongAdder errors = new LongAdder();
    final LongAdder bytesWritten = new LongAdder();
    /** Point reads and batch gets (one each), from the caller's call to its return. */
    final LatencyWindow readLatency;
    /** Puts, deletes, batches and compare-and-set (one each), from the caller's call to its return. */
    final LatencyWindow writeLatency;
    final LatencySampling readSampling = new LatencySampling();
    final LatencySampling writeSampling = new LatencySampling();

    StoreTraffic(BackendSlot slot, long nowNanos) {
        this.slot = slot;
        this.readLatency = new LatencyWindow(nowNanos);
        this.writeLatency = new LatencyWindow(nowNanos);
    }

    /** Bytes a listing or scan returned (it counts no read). */
    public void readBytes(long bytes) {
        reading.add(BYTES_READ, bytes);
    }

    /** The start of a read, to hand to {@link #read}: when it is timed, its {@code System.nanoTime}. */
    public long startRead() {
        return readSampling.start();
    }

    /** The start of a write, to hand to {@link #write}, {@link #delete} or {@link #unchanged}. */
    public long startWrite() {
        return writeSampling.start();
    }

    /** A read that began at {@code started} looked up {@code keys} keys, missed {@code missed}, returned bytes. */
    public void read(long started, int keys, int missed, long bytes) {
        long[] counts = reading.mine();
        ThreadCounters.add(counts, READS, keys);
        if (missed > 0) {
            ThreadCounters.add(counts, MISSES, missed);
        }
        if (bytes > 0) {
            ThreadCounters.add(counts, BYTES_READ, bytes);
        }
        if (started != LatencySampling.NOT_TIMED) {
            long ended = System.nanoTime();
            readLatency.record(started, ended);
            readSampling.timed(ended);
        }
    }

    /** Keys a transaction looked up, {@code missed} of them absent; its commit is what is timed. */
    public void lookedUp(int keys, int missed) {
        long[] counts = reading.mine();
        ThreadCounters.add(counts, READS, keys);
        ThreadCounters.add(counts, MISSES, missed);
    }

    /** A write that began at {@code started} applied {@code mutations} puts or deletes holding {@code bytes}. */
    public void write(long started, int mutations, long bytes) {
        writes.add(mutations);
        if (bytes > 0) {
            bytesWritten.add(bytes);
        }
        timedWrite(started);
    }

    /** A delete that began at {@code started}. */
    public void delete(long started) {
        deletes.increment();
        timedWrite(started);
    }

    /** A compare-and-set that began at {@code started} and wrote nothing: a write all the same, for latency. */
    public void unchanged(long started) {
        timedWrite(started);
    }

    private void timedWrite(long started) {
        if (started != LatencySampling.NOT_TIMED) {
            long ended = System.nanoTime();
            writeLatency.record(started, ended);
            writeSampling.timed(ended);
        }
    }
}
