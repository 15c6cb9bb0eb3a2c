package io.stowage.jcache;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Consumer;

import javax.cache.Cache;

import io.stowage.api.Store;

/**
 * Iterates a cache: each entry handed out is read again in its own transaction as an access (so the access expiry
 * applies and an entry removed meanwhile is skipped), and counts as a hit. {@link #remove()} is the cache's
 * {@code remove(key)}, writer and listeners included.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
final class CacheIterator<K, V> implements Iterator<Cache.Entry<K, V>> {

    private final StoreEntries stored;
    private final EntryCoding coding;
    private final String cacheName;
    private final EntryTransaction<K, V> entries;
    private final CacheCounters counters;
    private final Consumer<K> remove;
    private Cache.Entry<K, V> next;
    private K last;

    CacheIterator(Store store, EntryCoding coding, String cacheName, EntryTransaction<K, V> entries,
            CacheCounters counters, Consumer<K> remove) {
        this.stored = new StoreEntries(store, coding, cacheName);
        this.coding = coding;
        this.cacheName = cacheName;
        this.entries = entries;
        this.counters = counters;
        this.remove = remove;
    }

    @Override
    @SuppressWarnings("unchecked")
    public boolean hasNext() {
        while (next == null && stored.hasNext()) {
            StoreEntries.Stored entry = stored.next();
            K key = (K) coding.key(entry.storeKey(), entry.envelope(), cacheName);
            V value = entries.run(key, EntryChange::access, null).change().original();
            if (value != null) {
                next = new StowageCacheEntry<>(key, value);
            }
        }
        return next != null;
    }

    @Override
    public Cache.Entry<K, V> next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Cache.Entry<K, V> entry = next;
        next = null;
        last = entry.getKey();
        counters.hits(1);
        return entry;
    }

    @Override
    public void remove() {
        if (last == null) {
            throw new IllegalStateException("next() has not handed out an entry to remove");
        }
        remove.accept(last);
        last = null;
    }
}
