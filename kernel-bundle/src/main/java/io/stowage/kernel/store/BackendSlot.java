package io.stowage.kernel.store;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.stowage.api.BackendUnavailableException;
import io.stowage.api.StorageException;
import io.stowage.kernel.metrics.StoreTraffic;
import io.stowage.kernel.metrics.TrafficSnapshot;
import io.stowage.kernel.migration.Migration;

/**
 * Where the stores of one backend configuration find their backend. The binding comes and goes as instances are
 * created and ended; an operation that finds no binding waits a bounded time for one, then fails. The slot also
 * keeps the traffic of every store routed to it, whichever instances served it: its figures are the configuration's.
 */
public final class BackendSlot {

    private final String configuration;
    private volatile BoundBackend bound;
    private volatile StorageException failure;
    private volatile String lastStartError;
    private volatile Migration migration;
    private final List<StoreTraffic> traffic = new CopyOnWriteArrayList<>();

    public BackendSlot(String configuration) {
        this.configuration = configuration;
    }

    public String configuration() {
        return configuration;
    }

    /** A store was routed here for the first time: its traffic here counts toward the configuration's. */
    public void served(StoreTraffic store) {
        traffic.add(store);
    }

    /** The configuration's figures: counts since the kernel started, latencies over the last minute or two. */
    public TrafficSnapshot snapshot() {
        return TrafficSnapshot.of(traffic, System.nanoTime());
    }

    /** The bound backend, or null. */
    public BoundBackend current() {
        return bound;
    }

    /** Why the configuration cannot be served, or null. */
    public StorageException failure() {
        return failure;
    }

    public synchronized void bind(BoundBackend backend) {
        this.failure = null;
        this.lastStartError = null;
        this.bound = backend;
        notifyAll();
    }

    public synchronized void unbind() {
        this.bound = null;
    }

    /** Unbinds only if {@code backend} is still the bound one: a newer binding stays. */
    public synchronized void unbind(Object backend) {
        if (bound != null && bound.backend() == backend) {
            this.bound = null;
        }
    }

    /** Marks the configuration as unservable: operations fail at once with this error until the next bind. */
    public synchronized void fail(StorageException cause) {
        this.bound = null;
        this.failure = cause;
        notifyAll();
    }

    /**
     * Records why the last attempt to start an instance failed. Unlike {@link #fail}, operations still wait for a
     * backend: the failure may pass (an extension that was stopping, say), and the next start clears it.
     */
    public void startFailed(String reason) {
        this.lastStartError = reason;
    }

    /** The migration copying this configuration's whole instance to its successor, or null. */
    Migration migration() {
        return migration;
    }

    public void startMigration(Migration started) {
        migration = started;
    }

    public void endMigration() {
        migration = null;
    }

    /** Why the last start failed, or null. */
    public String lastStartError() {
        return lastStartError;
    }

    /** The bound backend; waits up to {@code timeoutMillis} for one. */
    public BoundBackend await(long timeoutMillis, String storeLabel) {
        BoundBackend current = bound;
        return current != null ? current : awaitSlowly(timeoutMillis, storeLabel);
    }

    /**
     * The bound backend with one more operation registered as running on it, which the caller ends with
     * {@link BoundBackend#exit()}; or null, at once, if none is bound or the bound one is being retired.
     */
    BoundBackend tryEnter() {
        BoundBackend current = bound;
        return current != null && current.enter() ? current : null;
    }

    /**
     * The bound backend with one more operation registered as running on it, which the caller ends with
     * {@link BoundBackend#exit()}. A backend being retired lets no operation in: it was unbound first, so the caller
     * waits for the next binding instead.
     */
    public BoundBackend enter(long timeoutMillis, String storeLabel) {
        BoundBackend current = await(timeoutMillis, storeLabel);
        if (current.enter()) {
            return current;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (true) {
            Thread.yield();
            current = await(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())), storeLabel);
            if (current.enter()) {
                return current;
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new BackendUnavailableException("store " + storeLabel + ": the backend of configuration '"
                        + configuration + "' is ending and no other took its place within " + timeoutMillis + " ms");
            }
        }
    }

    private synchronized BoundBackend awaitSlowly(long timeoutMillis, String storeLabel) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (bound == null) {
            if (failure != null) {
                throw failure;
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                throw new BackendUnavailableException("store " + storeLabel + ": no backend serves configuration '"
                        + configuration + "' after waiting " + timeoutMillis + " ms (is a backend configuration named '"
                        + configuration + "' present and its storage extension installed?)"
                        + (lastStartError == null ? "" : "; the last start failed: " + lastStartError));
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, remaining);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BackendUnavailableException("store " + storeLabel + ": interrupted while waiting for a backend",
                        e);
            }
        }
        return bound;
    }
}
