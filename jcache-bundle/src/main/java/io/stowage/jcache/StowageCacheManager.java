package io.stowage.jcache;

import java.net.URI;
import java.util.Collections;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.Configuration;

import io.stowage.api.StorageService;
import io.stowage.api.Store;

/**
 * A JCache cache manager over one Stowage namespace: each cache is the store named after it ({@link StoreNames}).
 * Closing a cache or the manager leaves the entries in their stores; {@link #destroyCache} clears them.
 */
public final class StowageCacheManager implements CacheManager {

    private final StowageCachingProvider provider;
    private final URI uri;
    private final ClassLoader classLoader;
    private final Properties properties;
    private final StorageService storage;
    private final EntryCoding coding;
    private final ConcurrentMap<String, StowageCache<?, ?>> caches = new ConcurrentHashMap<>();
    private volatile boolean closed;

    StowageCacheManager(StowageCachingProvider provider, URI uri, ClassLoader classLoader, Properties properties,
            StorageService storage) {
        this.provider = provider;
        this.uri = uri;
        this.classLoader = classLoader;
        this.properties = properties;
        this.storage = storage;
        this.coding = new EntryCoding(classLoader, CacheSettings.serialFilter(properties));
    }

    @Override
    public StowageCachingProvider getCachingProvider() {
        return provider;
    }

    @Override
    public URI getURI() {
        return uri;
    }

    @Override
    public ClassLoader getClassLoader() {
        return classLoader;
    }

    @Override
    public Properties getProperties() {
        return properties;
    }

    @Override
    public <K, V, C extends Configuration<K, V>> Cache<K, V> createCache(String cacheName, C configuration) {
        checkOpen();
        Objects.requireNonNull(cacheName, "the cache name cannot be null");
        Objects.requireNonNull(configuration, "the cache configuration cannot be null");
        if (!configuration.isStoreByValue()) {
            // Entries live in a store, outside the heap: a reference cannot be stored
            throw new UnsupportedOperationException("cache " + cacheName + ": Stowage stores by value only");
        }
        StowageCache<?, ?>[] created = new StowageCache<?, ?>[1];
        caches.computeIfAbsent(cacheName, name -> created[0] = new StowageCache<>(this, name,
                storage.store(StoreNames.forCache(name)), coding, new CacheSettings<>(configuration)));
        if (created[0] == null) {
            throw new CacheException("cache " + cacheName + " exists already in cache manager " + uri);
        }
        @SuppressWarnings("unchecked")
        Cache<K, V> cache = (Cache<K, V>) created[0];
        return cache;
    }

    @Override
    public <K, V> Cache<K, V> getCache(String cacheName, Class<K> keyType, Class<V> valueType) {
        checkOpen();
        Objects.requireNonNull(cacheName, "the cache name cannot be null");
        Objects.requireNonNull(keyType, "the key type cannot be null");
        Objects.requireNonNull(valueType, "the value type cannot be null");
        StowageCache<?, ?> cache = caches.get(cacheName);
        if (cache == null) {
            return null;
        }
        Configuration<?, ?> configuration = cache.getConfiguration(Configuration.class);
        if (configuration.getKeyType() != keyType || configuration.getValueType() != valueType) {
            throw new ClassCastException("cache " + cacheName + " holds " + configuration.getKeyType().getName()
                    + " -> " + configuration.getValueType().getName() + ", not " + keyType.getName() + " -> "
                    + valueType.getName());
        }
        @SuppressWarnings("unchecked")
        Cache<K, V> typed = (Cache<K, V>) cache;
        return typed;
    }

    @Override
    public <K, V> Cache<K, V> getCache(String cacheName) {
        checkOpen();
        Objects.requireNonNull(cacheName, "the cache name cannot be null");
        @SuppressWarnings("unchecked")
        Cache<K, V> cache = (Cache<K, V>) caches.get(cacheName);
        return cache;
    }

    @Override
    public Iterable<String> getCacheNames() {
        checkOpen();
        return Collections.unmodifiableSet(new TreeSet<>(caches.keySet()));
    }

    /** Closes the cache and clears its store: its entries are gone, on every backend. */
    @Override
    public void destroyCache(String cacheName) {
        checkOpen();
        Objects.requireNonNull(cacheName, "the cache name cannot be null");
        StowageCache<?, ?> cache = caches.get(cacheName);
        // Closed first: it waits for its background loads, which would otherwise store into the cleared store
        if (cache != null) {
            cache.close();
        }
        try (Store store = storage.store(StoreNames.forCache(cacheName))) {
            store.clear();
        }
    }

    @Override
    public void enableManagement(String cacheName, boolean enabled) {
        checkOpen();
        StowageCache<?, ?> cache = caches.get(Objects.requireNonNull(cacheName, "the cache name cannot be null"));
        if (cache != null) {
            cache.enableManagement(enabled);
        }
    }

    @Override
    public void enableStatistics(String cacheName, boolean enabled) {
        checkOpen();
        StowageCache<?, ?> cache = caches.get(Objects.requireNonNull(cacheName, "the cache name cannot be null"));
        if (cache != null) {
            cache.enableStatistics(enabled);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (StowageCache<?, ?> cache : caches.values()) {
            cache.close();
        }
        caches.clear();
        provider.released(this);
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    /** Unwraps to this manager, or to the Stowage {@link StorageService} whose stores its caches are. */
    @Override
    public <T> T unwrap(Class<T> type) {
        return Unwrapping.unwrap(type, "cache manager " + uri, this, storage);
    }

    /** A cache closed itself: a later {@code getCache} does not return it. */
    void released(StowageCache<?, ?> cache) {
        caches.remove(cache.getName(), cache);
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("cache manager " + uri + " is closed");
        }
    }
}
