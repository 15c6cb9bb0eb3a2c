package io.stowage.kernel.frontend;

import io.stowage.kernel.Kernel;
import io.stowage.kernel.metrics.TrafficSnapshot;
import io.stowage.kernel.store.KernelStore;
import io.stowage.kernel.store.StoreRoute;

/** A store's MBean: reads the store's traffic when asked, holds nothing but the store's route. */
final class StoreBean implements StoreMXBean {

    private final StoreRoute route;
    private final Kernel kernel;

    StoreBean(StoreRoute route, Kernel kernel) {
        this.route = route;
        this.kernel = kernel;
    }

    @Override
    public String getNamespace() {
        return route.namespace;
    }

    @Override
    public String getName() {
        return route.name;
    }

    @Override
    public String getConfiguration() {
        return route.slot().configuration();
    }

    @Override
    public long getReads() {
        return route.metrics.snapshot().reads();
    }

    @Override
    public long getMisses() {
        return route.metrics.snapshot().misses();
    }

    @Override
    public long getWrites() {
        return route.metrics.snapshot().writes();
    }

    @Override
    public long getDeletes() {
        return route.metrics.snapshot().deletes();
    }

    @Override
    public long getListings() {
        return route.metrics.snapshot().listings();
    }

    @Override
    public long getErrors() {
        return route.metrics.snapshot().errors();
    }

    @Override
    public long getBytesRead() {
        return route.metrics.snapshot().bytesRead();
    }

    @Override
    public long getBytesWritten() {
        return route.metrics.snapshot().bytesWritten();
    }

    @Override
    public LatencyStatistics getReadLatency() {
        TrafficSnapshot snapshot = route.metrics.snapshot();
        return new LatencyStatistics(snapshot.readLatency(), snapshot.windowNanos());
    }

    @Override
    public LatencyStatistics getWriteLatency() {
        TrafficSnapshot snapshot = route.metrics.snapshot();
        return new LatencyStatistics(snapshot.writeLatency(), snapshot.windowNanos());
    }

    @Override
    public StoreContents measureContents() {
        try (KernelStore handle = kernel.open(route, null)) {
            return StoreContents.of(handle);
        }
    }
}
