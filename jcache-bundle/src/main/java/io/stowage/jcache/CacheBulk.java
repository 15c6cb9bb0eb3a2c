package io.stowage.jcache;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

import javax.cache.Cache;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheLoaderException;
import javax.cache.integration.CacheWriter;
import javax.cache.integration.CacheWriterException;
import javax.cache.integration.CompletionListener;
import javax.cache.processor.EntryProcessorException;
import javax.cache.processor.EntryProcessorResult;

import io.stowage.api.Store;

/**
 * A cache's operations on many keys: each key is still its own transaction, but the loader and the writer are asked
 * once for all of them ({@code loadAll}, {@code writeAll}, {@code deleteAll}), and what a failing writer did write
 * is stored before its exception is thrown (JSR-107 section 10.4).
 *
 * @param <K> the key type
 * @param <V> the value type
 */
final class CacheBulk<K, V> {

    private final String cacheName;
    private final Store store;
    private final EntryCoding coding;
    private final CacheSettings<K, V> settings;
    private final EntryTransaction<K, V> entries;
    private final CacheCounters counters;
    private final CacheListeners<K, V> listeners;
    private final RunningLoads loads = new RunningLoads();

    CacheBulk(String cacheName, Store store, EntryCoding coding, CacheSettings<K, V> settings,
            EntryTransaction<K, V> entries, CacheCounters counters, CacheListeners<K, V> listeners) {
        this.cacheName = cacheName;
        this.store = store;
        this.coding = coding;
        this.settings = settings;
        this.entries = entries;
        this.counters = counters;
        this.listeners = listeners;
    }

    Map<K, V> getAll(Set<? extends K> keys) {
        checkKeys(keys);
        long start = System.nanoTime();
        Map<K, V> found = new LinkedHashMap<>();
        List<K> missing = new ArrayList<>();
        for (K key : keys) {
            EntryTransaction.Outcome<K, V> outcome = entries.run(key, EntryChange::access);
            V value = outcome.change().current();
            if (value == null) {
                counters.misses(1);
                missing.add(key);
            } else {
                counters.hits(1);
                found.put(key, value);
            }
        }
        CacheLoader<K, V> loader = settings.readThrough();
        if (loader != null && !missing.isEmpty()) {
            found.putAll(store(load(loader, missing), false));
        }
        counters.getTime(start);
        return found;
    }

    /** The loads {@link #loadAll} started that still run: the cache waits for them when it closes. */
    RunningLoads loads() {
        return loads;
    }

    void loadAll(Set<? extends K> keys, boolean replaceExisting, CompletionListener listener) {
        checkKeys(keys);
        CacheLoader<K, V> loader = settings.loader();
        if (loader == null) {
            if (listener != null) {
                listener.onCompletion();
            }
            return;
        }
        loads.start(() -> {
            try {
                List<K> wanted = new ArrayList<>();
                for (K key : keys) {
                    if (replaceExisting || !store.exists(entries.storeKey(key))) {
                        wanted.add(key);
                    }
                }
                store(load(loader, wanted), replaceExisting);
                if (listener != null) {
                    listener.onCompletion();
                }
            } catch (Exception e) {
                if (listener != null) {
                    listener.onException(e);
                }
            }
        });
    }

    /** Stores what a loader gave, without the writer; returns what is now stored for those keys. */
    private Map<K, V> store(Map<K, V> loaded, boolean replaceExisting) {
        Map<K, V> stored = new HashMap<>();
        for (Map.Entry<K, V> entry : loaded.entrySet()) {
            if (entry.getKey() == null || entry.getValue() == null) {
                continue;
            }
            EntryTransaction.Outcome<K, V> outcome = entries.run(entry.getKey(), change -> {
                if (change.original() == null) {
                    change.load(entry.getValue());
                } else if (replaceExisting) {
                    change.setValue(entry.getValue());
                }
            }, null);
            tell(outcome);
            if (outcome.change().current() != null) {
                stored.put(entry.getKey(), outcome.change().current());
            }
        }
        return stored;
    }

    private Map<K, V> load(CacheLoader<K, V> loader, Collection<K> keys) {
        try {
            Map<K, V> loaded = loader.loadAll(keys);
            return loaded == null ? Map.of() : loaded;
        } catch (CacheLoaderException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CacheLoaderException("cache " + cacheName + ": the loader failed to load " + keys.size()
                    + " keys: " + e, e);
        }
    }

    void putAll(Map<? extends K, ? extends V> map) {
        for (Map.Entry<? extends K, ? extends V> entry : map.entrySet()) {
            settings.checkKey(entry.getKey());
            settings.checkValue(entry.getValue());
        }
        long start = System.nanoTime();
        Map<K, V> toStore = new LinkedHashMap<>(map);
        CacheWriterException failure = null;
        @SuppressWarnings("unchecked")
        CacheWriter<K, V> writer = (CacheWriter<K, V>) settings.writer();
        if (writer != null) {
            Collection<Cache.Entry<? extends K, ? extends V>> unwritten = new ArrayList<>();
            map.forEach((key, value) -> unwritten.add(new StowageCacheEntry<>(key, value)));
            try {
                writer.writeAll(unwritten);
            } catch (RuntimeException e) {
                failure = e instanceof CacheWriterException cwe ? cwe
                        : new CacheWriterException("cache " + cacheName + ": the writer failed: " + e, e);
                unwritten.forEach(entry -> toStore.remove(entry.getKey()));
            }
        }
        for (Map.Entry<K, V> entry : toStore.entrySet()) {
            V value = entry.getValue();
            EntryTransaction.Outcome<K, V> outcome = entries.run(entry.getKey(), change -> change.setValue(value),
                    null);
            if (outcome.put()) {
                counters.puts(1);
            }
            tell(outcome);
        }
        counters.putTime(start);
        if (failure != null) {
            throw failure;
        }
    }

    void removeAll(Set<? extends K> keys) {
        checkKeys(keys);
        long start = System.nanoTime();
        Set<K> toRemove = new HashSet<>(keys);
        CacheWriterException failure = null;
        CacheWriter<? super K, ? super V> writer = settings.writer();
        if (writer != null && !keys.isEmpty()) {
            Collection<Object> undeleted = new ArrayList<>(keys);
            try {
                writer.deleteAll(undeleted);
            } catch (RuntimeException e) {
                failure = e instanceof CacheWriterException cwe ? cwe
                        : new CacheWriterException("cache " + cacheName + ": the writer failed: " + e, e);
                toRemove.removeAll(undeleted);
            }
        }
        for (K key : toRemove) {
            EntryTransaction.Outcome<K, V> outcome = entries.run(key, EntryChange::remove, null);
            if (outcome.removed()) {
                counters.removals(1);
            }
            tell(outcome);
        }
        counters.removeTime(start);
        if (failure != null) {
            throw failure;
        }
    }

    @SuppressWarnings("unchecked")
    void removeAll() {
        Set<K> keys = new HashSet<>();
        StoreEntries.forEach(store, (storeKey, envelope) -> keys.add((K) coding.key(storeKey, envelope, cacheName)),
                coding, cacheName);
        removeAll(keys);
    }

    <T> Map<K, EntryProcessorResult<T>> invokeAll(Set<? extends K> keys, Function<K, T> invoke) {
        checkKeys(keys);
        Map<K, EntryProcessorResult<T>> results = new HashMap<>();
        for (K key : keys) {
            try {
                T result = invoke.apply(key);
                if (result != null) {
                    results.put(key, () -> result);
                }
            } catch (EntryProcessorException e) {
                results.put(key, () -> {
                    throw e;
                });
            }
        }
        return results;
    }

    /** Iterates the store a page at a time; each entry handed out counts as a hit and an access. */
    Iterator<Cache.Entry<K, V>> iterator(Consumer<K> remove) {
        return new CacheIterator<>(store, coding, cacheName, entries, counters, remove);
    }

    private void tell(EntryTransaction.Outcome<K, V> outcome) {
        if (outcome.event() != null) {
            listeners.tell(List.of(outcome.event()));
        }
    }

    private static void checkKeys(Collection<?> keys) {
        if (keys == null) {
            throw new NullPointerException("the keys cannot be null");
        }
        for (Object key : keys) {
            if (key == null) {
                throw new NullPointerException("a cache key cannot be null");
            }
        }
    }
}
