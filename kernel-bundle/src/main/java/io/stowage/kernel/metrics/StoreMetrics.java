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
    /** The traffic last asked for: nearly always the one of the configuration the store is routed to now. */
    private volatile StoreTraffic latest;

    /** The store's traffic on the slot's configuration, made (and announced to the slot) on first use. */
    public StoreTraffic on(BackendSlot slot) {
        StoreTraffic known = latest;
        return known != null && known.slot == slot ? known : firstOn(slot);
    }

    /** Apart from {@link #on}, so that the operations' path stays small enough to be compiled into each of them. */
    private StoreTraffic firstOn(BackendSlot slot) {
        StoreTraffic current = traffic.computeIfAbsent(slot, served -> {
            StoreTraffic made = new StoreTraffic(served, System.nanoTime());
            served.served(made);
            return made;
        });
        latest = current;
        return current;
    }

    /** The store's figures over every configuration it was routed to. */
    public TrafficSnapshot snapshot() {
        return TrafficSnapshot.of(traffic.values(), System.nanoTime());
    }
}
