package io.stowage.kernel;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One store of one namespace, shared by every handle on it: its key prefix, the backend configuration it is routed
 * to, and its counters.
 */
final class StoreRoute {

    final String namespace;
    final String name;
    final String label;
    final byte[] prefix;
    final byte[] end;
    final StoreMetrics metrics = new StoreMetrics();
    /** Operations that looked for a migration and found none, until they are done (see {@link #awaitUngated}). */
    final AtomicInteger ungated = new AtomicInteger();
    private volatile BackendSlot slot;
    private volatile Migration migration;

    StoreRoute(String namespace, String name, BackendSlot slot) {
        this.namespace = namespace;
        this.name = name;
        this.label = namespace + "/" + name;
        this.prefix = KeyCodec.storePrefix(namespace, name);
        this.end = KeyCodec.prefixEnd(prefix);
        this.slot = slot;
    }

    BackendSlot slot() {
        return slot;
    }

    /** Where this store's operations count now: its traffic on the configuration it is routed to. */
    StoreTraffic traffic() {
        return metrics.on(slot);
    }

    void routeTo(BackendSlot slot) {
        this.slot = slot;
    }

    /** The migration copying this store, or the whole instance it is routed to, elsewhere; or null. */
    Migration migration() {
        Migration own = migration;
        return own != null ? own : slot.migration();
    }

    /**
     * Waits until no operation that looked for a migration before one began is still running: after that, every
     * write of the store goes through the migration. Returns false if some still ran after the timeout.
     */
    boolean awaitUngated(long timeoutMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (ungated.get() > 0) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            Thread.onSpinWait();
        }
        return true;
    }

    synchronized void startMigration(Migration started) {
        if (migration != null) {
            throw new IllegalStateException("store " + label + " is already being migrated to configuration '"
                    + migration.target().configuration() + "'");
        }
        migration = started;
    }

    synchronized void endMigration() {
        migration = null;
    }
}
