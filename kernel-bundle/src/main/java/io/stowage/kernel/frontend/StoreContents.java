package io.stowage.kernel.frontend;

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
}
