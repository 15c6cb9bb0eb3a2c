package io.stowage.kernel.store;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

import io.stowage.api.StorageException;
import io.stowage.api.Transaction;
import io.stowage.api.TransactionConflictException;
import io.stowage.kernel.KernelSettings;
import io.stowage.kernel.metrics.StoreTraffic;
import io.stowage.kernel.metrics.TransactionCounter;
import io.stowage.spi.Capability;

/**
 * Runs a store's transactions: the work on a fresh {@link KernelTransaction}, then one conditional write of the
 * backend that applies the attempt's writes only if everything it read is still as it was; on a conflict, after a
 * random pause that doubles with each attempt, the work again, up to the configured attempts; the later half of
 * them alone among the store's transactions ({@link TransactionGate}).
 *
 * <p>The commit goes through {@link StoreAccess} like any write: while the store is migrated it is checked and
 * applied on the source and its keys mirrored, and after the switch it runs on the target, where the copied
 * envelopes are the same bytes, so conditions read on the source still hold or fail there as they should.
 */
final class TransactionRunner {

    private final StoreAccess access;
    private final StoreRoute route;

    private final IndexedWrites indexed;

    TransactionRunner(StoreAccess access) {
        this.access = access;
        this.route = access.route;
        this.indexed = new IndexedWrites(access);
    }

    <T> T run(Function<Transaction, T> work) {
        Objects.requireNonNull(work, "work");
        KernelTransaction.requireCapability(access);
        TransactionCounter counts = route.metrics.transactions;
        KernelSettings settings = access.kernel.settings();
        for (int attempt = 1; ; attempt++) {
            Lock gate = route.transactionGate.enter(attempt, settings.transactionAttempts(),
                    access.kernel.operationTimeoutMillis());
            Committed<T> committed;
            try {
                committed = attempt(work);
            } finally {
                if (gate != null) {
                    gate.unlock();
                }
            }
            if (committed != null) {
                counts.committed();
                return committed.result();
            }
            counts.conflicted();
            if (attempt >= settings.transactionAttempts()) {
                throw new TransactionConflictException("store " + route.label + ": transaction conflicted with "
                        + "concurrent writes " + attempt + " times; nothing of it was written");
            }
            counts.retried();
            pause(attempt, settings.transactionBackoffMillis());
        }
    }

    /** What the work of a committed attempt returned. */
    private record Committed<T>(T result) {
    }

    /** Runs the work once and commits what it did: what it returned if it committed, null on a conflict. */
    private <T> Committed<T> attempt(Function<Transaction, T> work) {
        StoreTraffic traffic = route.traffic();
        long started = traffic.startWrite();
        KernelTransaction attempted = new KernelTransaction(access);
        T result;
        try {
            result = work.apply(attempted);
        } catch (StorageException e) {
            throw e;
        } catch (RuntimeException e) {
            attempted.end();
            // The work may have failed on a view that was never consistent: then it deserves another attempt
            if (stillHolds(attempted, e)) {
                throw e;
            }
            traffic.unchanged(started);
            return null;
        } finally {
            attempted.end();
        }
        if (commit(attempted, false)) {
            traffic.write(started, attempted.writes().size(), attempted.writes().bytes());
            return new Committed<>(result);
        }
        traffic.unchanged(started);
        return null;
    }

    /**
     * Whether what the failed attempt read still holds. If the check itself fails, that failure is thrown, with the
     * work's suppressed in it.
     */
    private boolean stillHolds(KernelTransaction attempted, RuntimeException workFailure) {
        try {
            return commit(attempted, true);
        } catch (RuntimeException e) {
            e.addSuppressed(workFailure);
            throw e;
        }
    }

    /**
     * Applies the attempt's writes (none when {@code checkOnly}) if what it read still holds; returns whether it
     * did. An attempt that read nothing needs no check.
     */
    private boolean commit(KernelTransaction attempted, boolean checkOnly) {
        ReadSet reads = attempted.reads();
        WriteBuffer writes = attempted.writes();
        boolean nothingToWrite = checkOnly || writes.isEmpty();
        if (reads.isEmpty() && nothingToWrite) {
            return true;
        }
        try {
            return access.write((bound, keys, raw, envelope, expiresAt) -> {
                access.require(bound, Capability.CONDITIONAL_WRITE, "transactions");
                long deadline = reads.expires()
                        ? reads.deadline(access.kernel.nowMillis(), System.currentTimeMillis()) : Long.MAX_VALUE;
                if (deadline == Long.MIN_VALUE) {
                    return false;
                }
                if (nothingToWrite || route.indexes().isEmpty()) {
                    return bound.backend().writeIf(reads.conditions(keys),
                            nothingToWrite ? List.of() : writes.mutations(keys), deadline);
                }
                return indexed.commit(bound, keys, reads.conditions(keys), writes, deadline);
            }, nothingToWrite ? List::of : () -> writes.keys(route.lastPrefix()),
                    nothingToWrite ? null : StoreChanges.commit(writes, access.values));
        } catch (RuntimeException e) {
            throw access.failed(e);
        }
    }

    /** A random pause of up to {@code backoffMillis} doubled per attempt (at most 64 times): contenders spread out. */
    private static void pause(int attempt, long backoffMillis) {
        if (backoffMillis <= 0) {
            return;
        }
        long most = TimeUnit.MILLISECONDS.toNanos(backoffMillis) << Math.min(attempt - 1, 6);
        LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(most / 2, most + 1));
    }
}
