package io.stowage.kernel.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.stowage.kernel.store.BackendSlot;

/**
 * The traffic of one store, shared by all its handles and kept while the kernel runs: one {@link StoreTraffic} per
 * backend configuration the store was routed to, so that a migrated store's figures stay with the configuration
 * that served them.
 */
public final class StoreMetrics {

    private final Map<BackendSlot, StoreTraffic> traffic = new ConcurrentHashMap<>();
    /** Its transactions, on whichever configurations they ran. */
    public final TransactionCounter transactions = new TransactionCounter();
    /** What its transform chain did, on whichever configurations its values went to. */
    public final TransformCounter transforms = new TransformCounter();

    /**
     * The store's traffic on the slot's configuration, made (and announced to the slot) on first use. The store's
     * route keeps the one it uses now at hand, so operations come here only when the store is first used on a
     * configuration or comes back to one.
     */
    public StoreTraffic on(BackendSlot slot) {
        return traffic.computeIfAbsent(slot, served -> {
            StoreTraffic made = new StoreTraffic(served, System.nanoTime());
            served.served(made);
            return made;
        });
    }

    /** The store's figures over every configuration it was routed to. */
    public TrafficSnapshot snapshot() {
        return TrafficSnapshot.of(traffic.values(), System.nanoTime());
    }
}
