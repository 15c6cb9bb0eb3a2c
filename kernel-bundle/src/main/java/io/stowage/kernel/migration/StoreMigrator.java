package io.stowage.kernel.migration;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.stowage.api.StorageException;
import io.stowage.kernel.Kernel;
import io.stowage.kernel.store.BackendSlot;
import io.stowage.kernel.store.StoreRoute;
import io.stowage.spi.BackendEntry;
import io.stowage.spi.BackendMutation;
import io.stowage.spi.Capability;

/**
 * Copies one store, live, to another backend configuration and then switches the store to it:
 *
 * <ol>
 * <li>the target's range of the store is cleared (leftovers of an interrupted migration);</li>
 * <li>from then on every write is mirrored to the target (see {@link Migration});</li>
 * <li>the source is copied a page at a time, each page with no write in flight, entries with their absolute expiry,
 * expired ones skipped;</li>
 * <li>with no operation in flight the store is routed to the target, and the route is persisted;</li>
 * <li>unless asked to keep it, the source's copy is deleted.</li>
 * </ol>
 *
 * If anything fails before the switch, the store stays on the source, which is complete, and the target's partial
 * copy is left for the next migration to clear.
 */
public final class StoreMigrator {

    /** Saves a store's new route where the next start of the kernel finds it. */
    interface RouteStore {
        void persist(String namespace, String store, String configuration);
    }

    private static final int DELETE_PAGE = 1_000;
    private static final long PROGRESS_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Kernel kernel;
    private final RouteStore routes;

    public StoreMigrator(Kernel kernel, RouteStore routes) {
        this.kernel = kernel;
        this.routes = routes;
    }

    /** Migrates the store and returns a summary; progress lines go to {@code progress} about once a second. */
    public String migrate(String namespace, String store, String targetConfiguration, boolean keepSource,
            Consumer<String> progress) {
        StoreRoute route = kernel.route(namespace, store);
        BackendSlot source = route.slot();
        if (source.configuration().equals(targetConfiguration)) {
            throw new IllegalArgumentException("store " + route.label + " is already in configuration '"
                    + targetConfiguration + "'");
        }
        BackendSlot target = kernel.slot(targetConfiguration);
        long timeout = kernel.operationTimeoutMillis();
        Migration migration = new Migration(source, target, route.label, timeout);
        long started = System.nanoTime();
        long copied;
        // Neither may lose its instance meanwhile: the target may have no store routed there yet, and the source
        // none any more once the store has moved, while its copy is still to be deleted
        kernel.migrationUses(source.configuration());
        kernel.migrationUses(targetConfiguration);
        String persisted;
        long deleted;
        try {
            requireOrdered(migration, source);
            requireOrdered(migration, target);
            deleteRange(migration, target, route);
            copied = copyAndSwitch(migration, route, progress, started);
            try {
                routes.persist(namespace, store, targetConfiguration);
                persisted = "route saved";
            } catch (RuntimeException e) {
                persisted = "the route could not be saved (" + e.getMessage() + "): it lasts until the kernel "
                        + "restarts";
            }
            deleted = keepSource ? 0 : deleteRange(migration, source, route);
        } finally {
            kernel.migrationNoLongerUses(targetConfiguration);
            kernel.migrationNoLongerUses(source.configuration());
        }
        return String.format("migrated %s from '%s' to '%s': %d entries copied in %d ms; %s; %s", route.label,
                source.configuration(), targetConfiguration, copied,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), persisted,
                keepSource ? "the source keeps its copy" : deleted + " entries deleted from the source");
    }

    /** Mirrors writes from now on, copies the store, and routes it to the target with nothing in flight. */
    private long copyAndSwitch(Migration migration, StoreRoute route, Consumer<String> progress, long started) {
        long timeout = kernel.operationTimeoutMillis();
        route.startMigration(migration);
        try {
            if (!route.awaitUngated(timeout)) {
                throw new StorageException("migration of store " + route.label + " not started: operations that "
                        + "began before it still ran after " + timeout + " ms");
            }
            long copied = copy(migration, route, progress, started);
            migration.exclusively(() -> {
                failIfMirrorFailed(migration, route);
                kernel.routeMigratedStore(route.namespace, route.name, migration.target().configuration());
                migration.markSwitched();
            });
            return copied;
        } finally {
            route.endMigration();
        }
    }

    private long copy(Migration migration, StoreRoute route, Consumer<String> progress, long started) {
        long[] lastReport = {started};
        return migration.copy(route.prefix, route.end, kernel::nowMillis, () -> failIfMirrorFailed(migration, route),
                copied -> {
                    long now = System.nanoTime();
                    if (now - lastReport[0] >= PROGRESS_NANOS) {
                        lastReport[0] = now;
                        progress.accept(String.format("%s: %d entries copied, %d ms", route.label, copied,
                                TimeUnit.NANOSECONDS.toMillis(now - started)));
                    }
                });
    }

    /** Deletes the store's range in one configuration, a page per batch; returns how many entries went. */
    private static long deleteRange(Migration migration, BackendSlot slot, StoreRoute route) {
        long deleted = 0;
        while (true) {
            List<BackendEntry> page = migration.onSlot(slot,
                    backend -> backend.scan(route.prefix, route.end, DELETE_PAGE));
            if (page.isEmpty()) {
                return deleted;
            }
            migration.onSlot(slot, backend -> {
                backend.write(page.stream().map(entry -> BackendMutation.delete(entry.key())).toList());
                return null;
            });
            deleted += page.size();
        }
    }

    private static void requireOrdered(Migration migration, BackendSlot slot) {
        boolean ordered = migration.onSlot(slot, backend -> backend.capabilities().contains(Capability.ORDERED_SCAN)
                && backend.capabilities().contains(Capability.ATOMIC_BATCH));
        if (!ordered) {
            throw new IllegalArgumentException("configuration '" + slot.configuration() + "' cannot take part in a "
                    + "migration: it needs ordered scans and atomic batches");
        }
    }

    private static void failIfMirrorFailed(Migration migration, StoreRoute route) {
        RuntimeException failure = migration.mirrorFailure();
        if (failure != null) {
            throw new StorageException("migration of store " + route.label + " aborted: a write could not be mirrored "
                    + "to configuration '" + migration.target().configuration() + "' (" + failure.getMessage()
                    + "); the store stays in configuration '" + migration.source().configuration() + "'", failure);
        }
    }
}
