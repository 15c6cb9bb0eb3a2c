package io.stowage.kernel.migration;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import io.stowage.admin.MigrationResult;
import io.stowage.admin.StoreId;
import io.stowage.api.StorageException;
import io.stowage.kernel.Kernel;
import io.stowage.kernel.store.BackendSlot;
import io.stowage.kernel.store.KeyCodec;
import io.stowage.kernel.store.Keyspace;
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
    public interface RouteStore {
        void persist(String namespace, String store, String configuration);
    }

    private static final int DELETE_PAGE = 1_000;

    private final Kernel kernel;
    private final RouteStore routes;

    public StoreMigrator(Kernel kernel, RouteStore routes) {
        this.kernel = kernel;
        this.routes = routes;
    }

    /**
     * Migrates the store, telling the watch how far it is. Runs on the caller's thread; an exception leaves the
     * store in its source, which is complete, unless it came after the switch.
     */
    public MigrationResult migrate(StoreRoute route, String targetConfiguration, boolean keepSource,
            MigrationWatch watch) {
        BackendSlot source = route.slot();
        if (source.configuration().equals(targetConfiguration)) {
            throw new IllegalArgumentException("store " + route.label + " is already in configuration '"
                    + targetConfiguration + "'");
        }
        BackendSlot target = kernel.slot(targetConfiguration);
        long timeout = kernel.operationTimeoutMillis();
        Migration migration = new Migration(source, target, route, timeout);
        long started = System.nanoTime();
        long copied;
        // Neither may lose its instance meanwhile: the target may have no store routed there yet, and the source
        // none any more once the store has moved, while its copy is still to be deleted
        kernel.migrationUses(source.configuration());
        kernel.migrationUses(targetConfiguration);
        String routeSaveError = "";
        long deleted;
        try {
            requireOrdered(migration, source);
            requireOrdered(migration, target);
            deleteRange(migration, target, route);
            watch.copying();
            copied = copyAndSwitch(migration, route, watch);
            try {
                routes.persist(route.namespace, route.name, targetConfiguration);
            } catch (RuntimeException e) {
                routeSaveError = String.valueOf(e.getMessage());
            }
            deleted = keepSource ? 0 : deleteRange(migration, source, route);
        } finally {
            kernel.migrationNoLongerUses(targetConfiguration);
            kernel.migrationNoLongerUses(source.configuration());
        }
        return new MigrationResult(new StoreId(route.namespace, route.name), source.configuration(),
                targetConfiguration, copied, Duration.ofNanos(System.nanoTime() - started), routeSaveError,
                keepSource, deleted);
    }

    /** Mirrors writes from now on, copies the store, and routes it to the target with nothing in flight. */
    private long copyAndSwitch(Migration migration, StoreRoute route, MigrationWatch watch) {
        long timeout = kernel.operationTimeoutMillis();
        route.startMigration(migration);
        try {
            if (!route.awaitUngated(timeout)) {
                throw new StorageException("migration of store " + route.label + " not started: operations that "
                        + "began before it still ran after " + timeout + " ms");
            }
            Keyspace keys = migration.keysIn(migration.source());
            Runnable check = () -> {
                watch.checkNotCancelled();
                failIfMirrorFailed(migration, route);
            };
            long copied = migration.copy(keys.prefix(), keys.end(), kernel::nowMillis, check, watch::copied);
            // Then the store's index entries, above its keys: the store moves with its indexes built
            migration.copy(keys.end(), KeyCodec.prefixEnd(keys.prefix()), kernel::nowMillis, check, entries -> { });
            migration.exclusively(() -> {
                failIfMirrorFailed(migration, route);
                watch.switched();
                kernel.routeMigratedStore(route.namespace, route.name, migration.target().configuration());
                migration.markSwitched();
            });
            return copied;
        } finally {
            route.endMigration();
        }
    }

    /** Deletes the store's range in one configuration, a page per batch; returns how many entries went. */
    private static long deleteRange(Migration migration, BackendSlot slot, StoreRoute route) {
        long deleted = 0;
        Keyspace keys = migration.keysIn(slot);
        while (true) {
            List<BackendEntry> page = migration.onSlot(slot,
                    backend -> backend.scan(keys.prefix(), KeyCodec.prefixEnd(keys.prefix()), DELETE_PAGE));
            if (page.isEmpty()) {
                return deleted;
            }
            migration.onSlot(slot, backend -> {
                backend.write(page.stream().map(entry -> BackendMutation.delete(entry.key())).toList());
                return null;
            });
            // Index entries go with the store's keys, but only its keys are counted
            deleted += page.stream().filter(entry -> Arrays.compareUnsigned(entry.key(), keys.end()) < 0).count();
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
