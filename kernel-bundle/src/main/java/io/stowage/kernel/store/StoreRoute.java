package io.stowage.kernel.store;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.stowage.kernel.metrics.StoreMetrics;
import io.stowage.kernel.metrics.StoreTraffic;
import io.stowage.kernel.migration.Migration;

/**
 * One store of one namespace, shared by every handle on it: its key prefix, the backend configuration it is routed
 * to, and its counters.
 */
public final class StoreRoute {

    public final String namespace;
    public final String name;
    public final String label;
    public final byte[] prefix;
    public final byte[] end;
    public final StoreMetrics metrics = new StoreMetrics();
    /** Operations that looked for a migration and found none, until they are done (see {@link #awaitUngated}). */
    final AtomicInteger ungated = new AtomicInteger();
    private volatile BackendSlot slot;
    /** The store's traffic on the configuration it was last used on: nearly always the one it is routed to now. */
    private volatile StoreTraffic traffic;
    private volatile Migration migration;

    public StoreRoute(String namespace, String name, BackendSlot slot) {
        this.namespace = namespace;
        this.name = name;
        this.label = namespace + "/" + name;
        this.prefix = KeyCodec.storePrefix(namespace, name);
        this.end = KeyCodec.prefixEnd(prefix);
        this.slot = slot;
    }

    public BackendSlot slot() {
        return slot;
    }

    /** Where this store's operations count now: its traffic on the configuration it is routed to. */
    StoreTraffic traffic() {
        StoreTraffic known = traffic;
        BackendSlot current = slot;
        return known != null && known.slot == current ? known : firstTrafficOn(current);
    }

    /** Apart from {@link #traffic}, so that the operations' path stays small enough to be compiled into each of them. */
    private StoreTraffic firstTrafficOn(BackendSlot current) {
        StoreTraffic made = metrics.on(current);
        traffic = made;
        return made;
    }

    public void routeTo(BackendSlot slot) {
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
    public boolean awaitUngated(long timeoutMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (ungated.get() > 0) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            Thread.onSpinWait();
        }
        return true;
    }

    public synchronized void startMigration(Migration started) {
        if (migration != null) {
            throw new IllegalStateException("store " + label + " is already being migrated to configuration '"
                    + migration.target().configuration() + "'");
        }
        migration = started;
    }

    public synchronized void endMigration() {
        migration = null;
    }
}
