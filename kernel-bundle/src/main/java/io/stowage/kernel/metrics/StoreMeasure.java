package io.stowage.kernel.metrics;

import io.stowage.admin.StoreContents;
import io.stowage.kernel.store.KernelStore;
import io.stowage.kernel.store.ValueEnvelope;

/** What a store holds, counted by a scan of its live entries: an operation, counted as one listing of the store. */
public final class StoreMeasure {

    private StoreMeasure() {
    }

    public static StoreContents of(KernelStore store) {
        long[] sizes = {0, 0, 0};
        store.forEachLive(false, (key, keyBytes, envelope) -> {
            sizes[0]++;
            sizes[1] += keyBytes;
            sizes[2] += ValueEnvelope.valueLength(envelope);
        });
        return new StoreContents(sizes[0], sizes[1], sizes[2]);
    }
}
