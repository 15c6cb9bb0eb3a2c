package io.stowage.kernel.frontend;

import io.stowage.kernel.store.KernelStore;
import io.stowage.kernel.store.ValueEnvelope;

/**
 * What a store holds, found by a scan of the whole store: its live keys and the bytes of those keys (UTF-8) and their
 * values, as callers see them (the backend's own overhead and the kernel's key prefix and envelope not counted).
 */
public final class StoreContents {

    private final long keys;
    private final long keyBytes;
    private final long valueBytes;

    public StoreContents(long keys, long keyBytes, long valueBytes) {
        this.keys = keys;
        this.keyBytes = keyBytes;
        this.valueBytes = valueBytes;
    }

    public long getKeys() {
        return keys;
    }

    public long getKeyBytes() {
        return keyBytes;
    }

    public long getValueBytes() {
        return valueBytes;
    }

    /** Key and value bytes together. */
    public long getBytes() {
        return keyBytes + valueBytes;
    }

    /** Measures the store: a scan of its live entries, counted as one listing of it. */
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
