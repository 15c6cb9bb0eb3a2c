package io.stowage.kernel;

import java.util.concurrent.atomic.LongAdder;

/** Operation counters of one store, shared by all its handles and kept while the kernel runs. */
final class StoreMetrics {

    final LongAdder reads = new LongAdder();
    final LongAdder misses = new LongAdder();
    final LongAdder writes = new LongAdder();
    final LongAdder deletes = new LongAdder();
    final LongAdder listings = new LongAdder();
    final LongAdder errors = new LongAdder();

    Snapshot snapshot() {
        return new Snapshot(reads.sum(), misses.sum(), writes.sum(), deletes.sum(), listings.sum(), errors.sum());
    }

    record Snapshot(long reads, long misses, long writes, long deletes, long listings, long errors) {
    }
}
