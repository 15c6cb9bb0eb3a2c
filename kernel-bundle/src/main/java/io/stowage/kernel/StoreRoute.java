package io.stowage.kernel;

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

    void routeTo(BackendSlot slot) {
        this.slot = slot;
    }

    /** The migration copying this store to another configuration, or null. */
    Migration migration() {
        return migration;
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
