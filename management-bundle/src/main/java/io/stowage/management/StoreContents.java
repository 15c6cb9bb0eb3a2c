package io.stowage.management;

/**
 * What a store holds, found by a scan of the whole store: its live keys and the bytes of those keys (UTF-8) and their
 * values, as callers see them (the backend's own overhead and the kernel's key prefix and envelope not counted).
 */
public final class StoreContents {

    private final io.stowage.admin.StoreContents contents;

    StoreContents(io.stowage.admin.StoreContents contents) {
        this.contents = contents;
    }

    public long getKeys() {
        return contents.keys();
    }

    public long getKeyBytes() {
        return contents.keyBytes();
    }

    public long getValueBytes() {
        return contents.valueBytes();
    }

    /** Key and value bytes together. */
    public long getBytes() {
        return contents.bytes();
    }
}
