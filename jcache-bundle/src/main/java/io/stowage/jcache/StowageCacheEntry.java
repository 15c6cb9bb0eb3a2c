package io.stowage.jcache;

import javax.cache.Cache;

/**
 * A key and a value as a cache hands them out (iteration) or to its writer: the application's own copies.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class StowageCacheEntry<K, V> implements Cache.Entry<K, V> {

    private final K key;
    private final V value;

    StowageCacheEntry(K key, V value) {
        this.key = key;
        this.value = value;
    }

    @Override
    public K getKey() {
        return key;
    }

    @Override
    public V getValue() {
        return value;
    }

    @Override
    public <T> T unwrap(Class<T> type) {
        return Unwrapping.unwrap(type, "a cache entry", this);
    }

    @Override
    public String toString() {
        return "StowageCacheEntry[" + key + "]";
    }
}
