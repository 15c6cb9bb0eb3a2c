package io.stowage.jcache;

import javax.cache.Cache;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.EventType;

/**
 * An event as one listener receives it: the old value only when the listener's configuration asked for it.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
final class StowageCacheEntryEvent<K, V> extends CacheEntryEvent<K, V> {

    private static final long serialVersionUID = 1L;

    private final K key;
    private final V value;
    private final V oldValue;
    private final boolean oldValueAvailable;

    StowageCacheEntryEvent(Cache<K, V> source, CacheEvent<K, V> event, boolean withOldValue) {
        super(source, event.type());
        this.key = event.key();
        this.oldValueAvailable = withOldValue && event.oldValue() != null;
        this.oldValue = oldValueAvailable ? event.oldValue() : null;
        // A removal's or expiry's value is the old one, so it too is only there when the old value was asked for
        boolean gone = event.type() == EventType.REMOVED || event.type() == EventType.EXPIRED;
        this.value = gone ? oldValue : event.value();
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
    public V getOldValue() {
        return oldValue;
    }

    @Override
    public boolean isOldValueAvailable() {
        return oldValueAvailable;
    }

    @Override
    public <T> T unwrap(Class<T> type) {
        return Unwrapping.unwrap(type, "a cache entry event", this);
    }

    @Override
    public String toString() {
        return "StowageCacheEntryEvent[" + getEventType() + " " + key + "]";
    }
}
