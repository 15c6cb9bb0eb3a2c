package io.stowage.kernel.admin;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.stowage.admin.Migration;
import io.stowage.admin.MigrationPhase;
import io.stowage.admin.MigrationProgress;
import io.stowage.admin.MigrationResult;
import io.stowage.admin.StoreId;
import io.stowage.kernel.migration.MigrationWatch;

/**
 * One store migration as an operator follows it: its phase and count, updated by the migrating thread, and its end.
 * A cancel is honoured until the store switches: the copy stops at the next page and the store stays in its source.
 */
final class MigrationRun implements Migration, MigrationWatch {

    private final StoreId store;
    private final String source;
    private final String target;
    private final long startedNanos = System.nanoTime();
    private final CompletableFuture<MigrationResult> end = new CompletableFuture<>();
    private volatile MigrationPhase phase = MigrationPhase.PREPARING;
    private volatile long copied;
    private boolean cancelRequested;

    MigrationRun(StoreId store, String source, String target) {
        this.store = store;
        this.source = source;
        this.target = target;
    }

    @Override
    public MigrationProgress progress() {
        return new MigrationProgress(store, source, target, phase, copied,
                Duration.ofNanos(System.nanoTime() - startedNanos));
    }

    @Override
    public Optional<MigrationResult> await(Duration timeout) throws InterruptedException {
        try {
            return Optional.of(end.get(timeout.toNanos(), TimeUnit.NANOSECONDS));
        } catch (TimeoutException stillRunning) {
            return Optional.empty();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure
                    : new IllegalStateException("migration of store " + store + " failed", e.getCause());
        }
    }

    @Override
    public synchronized boolean cancel() {
        if (phase != MigrationPhase.PREPARING && phase != MigrationPhase.COPYING) {
            return false;
        }
        cancelRequested = true;
        return true;
    }

    @Override
    public synchronized void checkNotCancelled() {
        if (cancelRequested) {
            throw new CancellationException("migration of store " + store + " was cancelled; it stays in "
                    + "configuration '" + source + "'");
        }
    }

    @Override
    public void copying() {
        phase = MigrationPhase.COPYING;
    }

    @Override
    public void copied(long entries) {
        copied = entries;
    }

    @Override
    public synchronized void switched() {
        checkNotCancelled();
        phase = MigrationPhase.SWITCHED;
    }

    void finished(MigrationResult result) {
        phase = MigrationPhase.DONE;
        end.complete(result);
    }

    void failed(RuntimeException failure) {
        phase = failure instanceof CancellationException ? MigrationPhase.CANCELLED : MigrationPhase.FAILED;
        end.completeExceptionally(failure);
    }
}
