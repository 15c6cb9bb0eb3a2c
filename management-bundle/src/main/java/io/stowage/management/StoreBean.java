package io.stowage.management;

import java.util.List;

import io.stowage.admin.StoreId;
import io.stowage.admin.StowageAdmin;
import io.stowage.admin.Traffic;
import io.stowage.admin.TransformCounts;

/** A store's MBean: reads the store's traffic when asked, holds nothing but the store's name. */
final class StoreBean extends TrafficBean implements StoreMXBean {

    private final StoreId store;
    private final StowageAdmin admin;

    StoreBean(StoreId store, StowageAdmin admin) {
        this.store = store;
        this.admin = admin;
    }

    private io.stowage.admin.StoreStatistics statistics() {
        return admin.storeStatistics(store);
    }

    @Override
    Traffic traffic() {
        return statistics().traffic();
    }

    @Override
    public long getTransactionCommits() {
        return statistics().transactions().commits();
    }

    @Override
    public long getTransactionConflicts() {
        return statistics().transactions().conflicts();
    }

    @Override
    public long getTransactionRetries() {
        return statistics().transactions().retries();
    }

    private TransformCounts transforms() {
        return statistics().transforms();
    }

    @Override
    public long getTransformValuesEncoded() {
        return transforms().encoded();
    }

    @Override
    public long getTransformValuesStoredPlain() {
        return transforms().storedPlain();
    }

    @Override
    public long getTransformBytesIn() {
        return transforms().encodedBytesIn();
    }

    @Override
    public long getTransformBytesOut() {
        return transforms().encodedBytesOut();
    }

    @Override
    public double getTransformRatio() {
        return transforms().ratio();
    }

    @Override
    public long getTransformEncodeNanos() {
        return transforms().encodeNanos();
    }

    @Override
    public long getTransformValuesDecoded() {
        return transforms().decoded();
    }

    @Override
    public long getTransformDecodedBytesIn() {
        return transforms().decodedBytesIn();
    }

    @Override
    public long getTransformDecodedBytesOut() {
        return transforms().decodedBytesOut();
    }

    @Override
    public long getTransformDecodeNanos() {
        return transforms().decodeNanos();
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
    public long getMisses() {
        return traffic().misses();
    }

    @Override
    public List<IndexStatistics> getIndexes() {
        return admin.indexStatistics(store).stream().map(IndexStatistics::new).toList();
    }

    @Override
    public StoreContents measureContents() {
        return new StoreContents(admin.measure(store).orElseThrow(() -> new IllegalStateException(
                "no instance serves store " + store.label() + " now: its keys cannot be counted")));
    }
}
