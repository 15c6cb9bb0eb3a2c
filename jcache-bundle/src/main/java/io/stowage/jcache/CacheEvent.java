package io.stowage.jcache;

import javax.cache.event.EventType;

/**
 * A change an operation made, to be told to the listeners once it is committed.
 *
 * @param oldValue the value before, for updates and removals; null otherwise
 */
record CacheEvent<K, V>(EventType type, K key, V value, V oldValue) {
}
