package io.stowage.kernel.metrics;

import java.util.concurrent.atomic.LongAdder;

import io.stowage.admin.TransactionCounts;

/** A store's transactions since the kernel started: commits, conflicts and attempts run again. */
public final class TransactionCounter {

    private final LongAdder commits = new LongAdder();
    private final LongAdder conflicts = new LongAdder();
    private final LongAdder retries = new LongAdder();

    public void committed() {
        commits.increment();
    }

    public void conflicted() {
        conflicts.increment();
    }

    public void retried() {
        retries.increment();
    }

    public TransactionCounts snapshot() {
        return new TransactionCounts(commits.sum(), conflicts.sum(), retries.sum());
    }
}
