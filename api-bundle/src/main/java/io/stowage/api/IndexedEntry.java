package io.stowage.api;

/**
 * One entry of a {@link StoreIndex} with the value it was computed from.
 *
 * @param indexKey the index key
 * @param key      the store's key
 * @param value    the key's value, which gives {@code indexKey}; the caller's own array
 * @since 1.4
 */
public record IndexedEntry(String indexKey, String key, byte[] value) {
}
