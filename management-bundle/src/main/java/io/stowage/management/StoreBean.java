package io.stowage.management;

import io.stowage.admin.StoreId;
import io.stowage.admin.StowageAdmin;
import io.stowage.admin.Traffic;

/** A store's MBean: reads the store's traffic when asked, holds nothing but the store's name. */
final class StoreBean implements StoreMXBean {

    private final StoreId store;
    private final StowageAdmin admin;

    StoreBean(StoreId store, StowageAdmin admin) {
        this.store = store;
        this.admin = admin;
    }

    private io.stowage.admin.StoreStatistics statistics() {
        return admin.storeStatistics(store);
    }

    private Traffic traffic() {
        return statistics().traffic();
    }

    @Override
    public String getNamespace() {
        return store.namespace();
    }

    @Override
    public String getName() {
        return store.store();
    }

    @Override
    public String getConfiguration() {
        return statistics().configuration();
    }

    @Override
    public long getReads() {
        return traffic().reads();
    }

    @Override
    public long getMisses() {
        return traffic().misses();
    }

    @Override
    public long getWrites() {
        return traffic().writes();
    }

    @Override
    public long getDeletes() {
        return traffic().deletes();
    }

    @Override
    public long getListings() {
        return traffic().listings();
    }

    @Override
    public long getErrors() {
        return traffic().errors();
    }

    @Override
    public long getBytesRead() {
        return traffic().bytesRead();
    }

    @Override
    public long getBytesWritten() {
        return traffic().bytesWritten();
    }

    @Override
    public LatencyStatistics getReadLatency() {
        Traffic traffic = traffic();
        return new LatencyStatistics(traffic.readLatency(), traffic.window());
    }

    @Override
    public LatencyStatistics getWriteLatency() {
        Traffic traffic = traffic();
        return new LatencyStatistics(traffic.writeLatency(), traffic.window());
    }

    @Override
    public StoreContents measureContents() {
        return new StoreContents(admin.measure(store).orElseThrow(() -> new IllegalStateException(
                "no instance serves store " + store.label() + " now: its keys cannot be counted")));
    }
}
