package io.stowage.admin;

/**
 * What a store holds, found by a scan: its live keys and the bytes of those keys (UTF-8) and values, as callers see
 * them (the backend's own overhead and the kernel's key prefix and envelope are not counted).
 */
public record StoreContents(long keys, long keyBytes, long valueBytes) {

    public long bytes() {
        return keyBytes + valueBytes;
    }
}
