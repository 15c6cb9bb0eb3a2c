package io.stowage.kernel.store;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import io.stowage.api.BackendUnavailableException;
import io.stowage.api.StorageException;
import io.stowage.api.UnsupportedCapabilityException;
import io.stowage.kernel.Kernel;
import io.stowage.kernel.feed.ChangeLog;
import io.stowage.kernel.feed.Changes;
import io.stowage.kernel.migration.Migration;
import io.stowage.spi.Capability;
import io.stowage.spi.ValueReader;

/**
 * The one way every operation of a store reaches its backend: through the migration gate (reads and mirrored writes
 * while the store or its instance is being copied), registered as in flight on the instance serving the store, and
 * with failures counted and typed. One per handle; it keeps no state per call, so the point operations allocate
 * nothing here.
 */
final class StoreAccess {

    /**
     * What an operation does on the backend. The point operations pass constants that capture nothing (their
     * arguments come in the call), so the hot path allocates no lambda.
     */
    interface BackendCall<T> {
        /** {@code raw} is under {@code keys}' prefix already; keys the call brings along it puts there itself. */
        T call(BoundBackend bound, Keyspace keys, byte[] raw, byte[] envelope, long expiresAt);
    }

    final StoreRoute route;
    final Kernel kernel;
    /** The store's values through its transform chain: every operation that writes or reads values uses it. */
    final StoreValues values;

    StoreAccess(StoreRoute route, Kernel kernel) {
        this.route = route;
        this.kernel = kernel;
        this.values = new StoreValues(route, kernel);
    }

    /** A read of the store. */
    <T> T read(BackendCall<T> call, byte[] raw) {
        return run(call, raw, null, 0L, false, null, null);
    }

    /**
     * A get: what {@link #read} does with a call that reads the key's value through {@code reader}, in code of its
     * own. The template's call site sees every operation's call and so cannot be compiled into any of them, and a
     * get is short enough that the call and its lost inlining weighed about a sixth of a kernel get on the memory
     * backend. Anything but an instance to enter at once, with no migration, takes the template's path.
     */
    <T> T readValue(byte[] raw, ValueReader<T> reader) {
        int inFlight = route.ungated.enter();
        try {
            BoundBackend bound;
            if (route.migration() == null && (bound = route.slot().tryEnter()) != null) {
                try {
                    return bound.backend().get(route.keyspaceOn(bound).key(raw), reader);
                } catch (BackendUnavailableException e) {
                    if (!bound.isRetired()) {
                        throw e;
                    }
                    // Refused by an instance that ended under it: the template waits for the next one
                } finally {
                    bound.exit();
                }
            }
        } finally {
            route.ungated.exit(inFlight);
        }
        return read((bound, keys, key, envelope, expiresAt) -> bound.backend().get(key, reader), raw);
    }

    /** A write of one key; {@code changes} tells a watched store's change log what it did. */
    <T> T write(BackendCall<T> call, byte[] raw, byte[] envelope, long expiresAt, Changes<T> changes) {
        return run(call, raw, envelope, expiresAt, true, null, changes);
    }

    /** A write of several keys (a batch, a page of a clear). */
    <T> T write(BackendCall<T> call, List<byte[]> rawKeys, Changes<T> changes) {
        return write(call, () -> rawKeys, changes);
    }

    /** A write of several keys, listed only if a migration asks which (a transaction's commit). */
    <T> T write(BackendCall<T> call, Supplier<List<byte[]>> rawKeys, Changes<T> changes) {
        return run(call, null, null, 0L, true, rawKeys, changes);
    }

    /** A write that changes no value as the store's readers see it (a rewrite through other transforms). */
    <T> T writeUnchanged(BackendCall<T> call, byte[] raw, byte[] envelope, long expiresAt) {
        return run(call, raw, envelope, expiresAt, true, null, null);
    }

    /**
     * The template. While the store (or its whole backend instance) is being migrated, a read goes where the
     * migration says and a write is mirrored to the target, key by key. An operation counts as ungated from before
     * it looks for a migration until it is done, so that a migration can wait for those that looked too early.
     */
    private <T> T run(BackendCall<T> call, byte[] raw, byte[] envelope, long expiresAt, boolean write,
            Supplier<List<byte[]>> rawKeys, Changes<T> changes) {
        int inFlight = route.ungated.enter();
        // Read after counting as ungated: a log opened meanwhile waits for this write (StoreRoute.watch)
        ChangeLog log = changes == null ? null : route.changeLog();
        if (log != null) {
            return recorded(log, changes, call, raw, envelope, expiresAt, rawKeys, inFlight);
        }
        Migration migration = route.migration();
        if (migration == null) {
            try {
                return onCurrentBackend(call, raw, envelope, expiresAt);
            } finally {
                route.ungated.exit(inFlight);
            }
        }
        route.ungated.exit(inFlight);
        return gated(migration, call, raw, envelope, expiresAt, write, rawKeys);
    }

    /**
     * A write of a watched store: under its change log's lock from before the backend call until its changes are
     * appended, so that positions follow commit order. Counted as ungated as {@link #run} counts it.
     */
    private <T> T recorded(ChangeLog log, Changes<T> changes, BackendCall<T> call, byte[] raw, byte[] envelope,
            long expiresAt, Supplier<List<byte[]>> rawKeys, int inFlight) {
        log.lock();
        try {
            T result;
            Migration migration = route.migration();
            // The instance the write went to: if it keeps a change stream, the log reads the change from there
            BoundBackend[] served = new BoundBackend[1];
            if (migration == null) {
                try {
                    result = onCurrentBackend((bound, keys, key, value, expiry) -> {
                        served[0] = bound;
                        return call.call(bound, keys, key, value, expiry);
                    }, raw, envelope, expiresAt);
                } finally {
                    route.ungated.exit(inFlight);
                }
            } else {
                route.ungated.exit(inFlight);
                result = gated(migration, call, raw, envelope, expiresAt, true, rawKeys);
            }
            if (!StoreStreams.tookWrite(route, log, kernel, served[0], migration != null)) {
                changes.record(log, result);
            }
            return result;
        } finally {
            log.unlock();
        }
    }

    /** Apart from {@link #run}, so the path without a migration stays small enough to be inlined. */
    private <T> T gated(Migration migration, BackendCall<T> call, byte[] raw, byte[] envelope, long expiresAt,
            boolean write, Supplier<List<byte[]>> rawKeys) {
        if (!write) {
            return migration.read(() -> onCurrentBackend(call, raw, envelope, expiresAt));
        }
        List<byte[]> keys = rawKeys != null ? rawKeys.get() : raw != null ? List.of(raw) : List.of();
        // The index entries the write changes join its keys, so that the migration mirrors them too
        List<byte[]> mirrored = new ArrayList<>(keys);
        return IndexedWrites.mirroring(mirrored,
                () -> migration.write(mirrored, route, () -> onCurrentBackend(call, raw, envelope, expiresAt)));
    }

    /**
     * Runs the call on the instance serving the store, registered as in flight there, with the store's keys put
     * under its prefix in that instance: an instance being ended waits for the call (bounded), and a call arriving
     * meanwhile waits for the next instance. A call refused because its instance ended under it (an extension whose
     * instance SCR ended before the kernel could retire it) did nothing, so it runs again on the next instance.
     */
    private <T> T onCurrentBackend(BackendCall<T> call, byte[] raw, byte[] envelope, long expiresAt) {
        while (true) {
            BackendSlot slot = route.slot();
            BoundBackend bound = slot.tryEnter();
            if (bound == null) {
                bound = awaitBackend(slot);
            }
            try {
                Keyspace keys = route.keyspaceOn(bound);
                return call.call(bound, keys, keys.key(raw), envelope, expiresAt);
            } catch (BackendUnavailableException e) {
                if (!bound.isRetired()) {
                    throw e;
                }
            } finally {
                bound.exit();
            }
        }
    }

    /**
     * Apart from {@link #onCurrentBackend}: only an operation that found no instance to enter reads the kernel's
     * timeout and waits for one.
     */
    private BoundBackend awaitBackend(BackendSlot slot) {
        return slot.enter(kernel.operationTimeoutMillis(), route.label);
    }

    void require(BoundBackend bound, Capability capability, String operation) {
        if (!bound.can(capability)) {
            throw new UnsupportedCapabilityException("store " + route.label + ": " + operation + " need "
                    + capability + ", which the " + bound.type() + " backend of configuration '"
                    + route.slot().configuration() + "' lacks");
        }
    }

    /** Counts the failure and gives it the store's type: a backend's own exception becomes unavailability. */
    StorageException failed(RuntimeException e) {
        route.traffic().errors.increment();
        if (e instanceof StorageException storage) {
            return storage;
        }
        return new BackendUnavailableException("store " + route.label + ": backend of configuration '"
                + route.slot().configuration() + "' failed: " + e, e);
    }
}
