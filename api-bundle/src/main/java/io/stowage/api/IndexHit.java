package io.stowage.api;

/**
 * One entry of a {@link StoreIndex}: a store key whose value gives this index key.
 *
 * @param indexKey the index key
 * @param key      the store's key
 * @since 1.4
 */
public record IndexHit(String indexKey, String key) {
}
