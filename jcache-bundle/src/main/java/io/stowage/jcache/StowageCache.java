package io.stowage.jcache;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.configuration.Configuration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.integration.CompletionListener;
import javax.cache.processor.EntryProcessor;
import javax.cache.processor.EntryProcessorException;
import javax.cache.processor.EntryProcessorResult;

import io.stowage.api.Store;

/**
 * A JCache cache whose entries live in one Stowage store: each operation on a key that may change it is one
 * transaction on that store ({@link EntryTransaction}), so entry processors and conditional operations are atomic on
 * every backend that serves transactions, and entries expire by the store's TTLs. A get that changes nothing is one
 * read.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class StowageCache<K, V> implements Cache<K, V> {

    /** How long {@link #close} waits for loads {@code loadAll} runs in the background. */
    static final long LOADS_ON_CLOSE_MILLIS = 10_000;

    private final StowageCacheManager manager;
    private final String name;
    private final Store store;
    private final CacheSettings<K, V> settings;
    private final EntryTransaction<K, V> entries;
    private final CacheListeners<K, V> listeners;
    private final CacheCounters counters = new CacheCounters();
    private final CacheBulk<K, V> bulk;
    private volatile boolean closed;

    StowageCache(StowageCacheManager manager, String name, Store store, EntryCoding coding,
            CacheSettings<K, V> settings) {
        this.manager = manager;
        this.name = name;
        this.store = store;
        this.settings = settings;
        this.entries = new EntryTransaction<>(name, store, coding, settings);
        this.listeners = new CacheListeners<>(this,
                expired -> new ExpiryFollower<>(name, store, coding.keys(), expired));
        this.bulk = new CacheBulk<>(name, store, coding, settings, entries, counters, listeners);
        for (CacheEntryListenerConfiguration<K, V> listener : settings.configuration()
                .getCacheEntryListenerConfigurations()) {
            listeners.register(listener);
        }
        counters.enable(settings.configuration().isStatisticsEnabled());
        publishManagement();
    }

    @Override
    public V get(K key) {
        checkOpen(key);
        long start = System.nanoTime();
        EntryTransaction.Found<V> found = entries.read(key);
        if (found == null) {
            return apply(key, EntryChange::getValue, true).change().current();
        }
        if (found.value() != null) {
            counters.hits(1);
        } else {
            counters.misses(1);
        }
        counters.getTime(start);
        return found.value();
    }

    @Override
    public Map<K, V> getAll(Set<? extends K> keys) {
        checkOpen();
        return bulk.getAll(keys);
    }

    @Override
    public boolean containsKey(K key) {
        checkOpen(key);
        return store.exists(entries.storeKey(key));
    }

    @Override
    public void loadAll(Set<? extends K> keys, boolean replaceExistingValues, CompletionListener completionListener) {
        checkOpen();
        bulk.loadAll(keys, replaceExistingValues, completionListener);
    }

    @Override
    public void put(K key, V value) {
        checkOpen(key, value);
        apply(key, change -> change.setValue(value), false);
    }

    @Override
    public V getAndPut(K key, V value) {
        checkOpen(key, value);
        return apply(key, change -> change.setValue(value), true).change().original();
    }

    @Override
    public void putAll(Map<? extends K, ? extends V> map) {
        checkOpen();
        bulk.putAll(map);
    }

    @Override
    public boolean putIfAbsent(K key, V value) {
        checkOpen(key, value);
        return apply(key, change -> {
            if (change.original() == null) {
                change.setValue(value);
            }
        }, true).put();
    }

    @Override
    public boolean remove(K key) {
        checkOpen(key);
        return apply(key, EntryChange::remove, false).removed();
    }

    @Override
    public boolean remove(K key, V oldValue) {
        checkOpen(key, oldValue);
        return apply(key, change -> {
            if (oldValue.equals(change.original())) {
                change.remove();
            } else {
                change.access();
            }
        }, true).removed();
    }

    @Override
    public V getAndRemove(K key) {
        checkOpen(key);
        return apply(key, EntryChange::remove, true).change().original();
    }

    @Override
    public boolean replace(K key, V oldValue, V newValue) {
        checkOpen(key, oldValue);
        settings.checkValue(newValue);
        return replaceWhen(key, newValue, change -> oldValue.equals(change.original())).put();
    }

    @Override
    public boolean replace(K key, V value) {
        checkOpen(key, value);
        return replaceWhen(key, value, change -> true).put();
    }

    @Override
    public V getAndReplace(K key, V value) {
        checkOpen(key, value);
        return replaceWhen(key, value, change -> true).change().original();
    }

    /** Replaces a present value that passes the test; a present value that does not counts as an access. */
    private EntryTransaction.Outcome<K, V> replaceWhen(K key, V value, Predicate<EntryChange<K, V>> test) {
        return apply(key, change -> {
            if (change.original() == null) {
                return;
            }
            if (test.test(change)) {
                change.setValue(value);
            } else {
                change.access();
            }
        }, true);
    }

    @Override
    public void removeAll(Set<? extends K> keys) {
        checkOpen();
        bulk.removeAll(keys);
    }

    @Override
    public void removeAll() {
        checkOpen();
        bulk.removeAll();
    }

    /** Empties the store without telling the writer or the listeners (JSR-107: {@code clear} is not a removal). */
    @Override
    public void clear() {
        checkOpen();
        store.clear();
    }

    @Override
    public <C extends Configuration<K, V>> C getConfiguration(Class<C> type) {
        MutableConfiguration<K, V> copy = new MutableConfiguration<>(settings.configuration());
        if (type.isInstance(copy)) {
            return type.cast(copy);
        }
        throw new IllegalArgumentException("cache " + name + " has no configuration of type " + type.getName());
    }

    @Override
    public <T> T invoke(K key, EntryProcessor<K, V, T> processor, Object... arguments) {
        checkOpen(key);
        Objects.requireNonNull(processor, "the entry processor cannot be null");
        Object[] result = new Object[1];
        try {
            apply(key, change -> result[0] = processor.process(change, arguments), true);
        } catch (EntryProcessorException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new EntryProcessorException("cache " + name + ": the entry processor failed on key " + key, e);
        }
        @SuppressWarnings("unchecked")
        T value = (T) result[0];
        return value;
    }

    @Override
    public <T> Map<K, EntryProcessorResult<T>> invokeAll(Set<? extends K> keys, EntryProcessor<K, V, T> processor,
            Object... arguments) {
        checkOpen();
        return bulk.invokeAll(keys, key -> invoke(key, processor, arguments));
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public CacheManager getCacheManager() {
        return manager;
    }

    /** Closes this cache's handle: its entries stay in the store (JSR-107 section 4.1.3). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        // Background loads still use the loader and the listeners closed below; one that hangs is left to fail
        bulk.loads().awaitAll(LOADS_ON_CLOSE_MILLIS);
        manager.released(this);
        publishManagement();
        listeners.close();
        settings.close();
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    /**
     * Unwraps to this cache, to the Stowage {@link Store} it keeps its entries in, or to its statistics
     * ({@link javax.cache.management.CacheStatisticsMXBean}, the bean JMX shows when statistics are enabled).
     */
    @Override
    public <T> T unwrap(Class<T> type) {
        return Unwrapping.unwrap(type, "cache " + name, this, store, counters);
    }

    @Override
    public void registerCacheEntryListener(CacheEntryListenerConfiguration<K, V> configuration) {
        checkOpen();
        Objects.requireNonNull(configuration, "the listener configuration cannot be null");
        settings.configuration().addCacheEntryListenerConfiguration(configuration);
        listeners.register(configuration);
    }

    @Override
    public void deregisterCacheEntryListener(CacheEntryListenerConfiguration<K, V> configuration) {
        checkOpen();
        Objects.requireNonNull(configuration, "the listener configuration cannot be null");
        settings.configuration().removeCacheEntryListenerConfiguration(configuration);
        listeners.deregister(configuration);
    }

    @Override
    public Iterator<Entry<K, V>> iterator() {
        checkOpen();
        return bulk.iterator(this::remove);
    }

    /** Turns statistics on or off, with their MXBean (from the manager's {@code enableStatistics}). */
    void enableStatistics(boolean on) {
        settings.configuration().setStatisticsEnabled(on);
        counters.enable(on);
        publishManagement();
    }

    /** Turns the configuration MXBean on or off (from the manager's {@code enableManagement}). */
    void enableManagement(boolean on) {
        settings.configuration().setManagementEnabled(on);
        publishManagement();
    }

    private void publishManagement() {
        String uri = manager.getURI().toString();
        var statistics = CacheMBeans.name("CacheStatistics", uri, name);
        var configuration = CacheMBeans.name("CacheConfiguration", uri, name);
        if (settings.configuration().isStatisticsEnabled() && !closed) {
            CacheMBeans.register(counters, statistics);
        } else {
            CacheMBeans.unregister(statistics);
        }
        if (settings.configuration().isManagementEnabled() && !closed) {
            CacheMBeans.register(new CacheConfigurationBean(settings.configuration()), configuration);
        } else {
            CacheMBeans.unregister(configuration);
        }
    }

    /**
     * Runs one key's operation and records what it did: a hit or a miss when the operation reads ({@code read}),
     * a put, a removal, and the event for the listeners.
     */
    private EntryTransaction.Outcome<K, V> apply(K key, Consumer<EntryChange<K, V>> operation, boolean read) {
        long start = System.nanoTime();
        EntryTransaction.Outcome<K, V> outcome = entries.run(key, operation);
        if (read) {
            countRead(outcome);
            counters.getTime(start);
        }
        countWrite(outcome, start);
        countRemoval(outcome, start);
        tell(outcome);
        return outcome;
    }

    private void countRead(EntryTransaction.Outcome<K, V> outcome) {
        if (outcome.change().original() != null) {
            counters.hits(1);
        } else {
            counters.misses(1);
        }
    }

    private void countWrite(EntryTransaction.Outcome<K, V> outcome, long start) {
        if (outcome.put()) {
            counters.puts(1);
            counters.putTime(start);
        }
    }

    private void countRemoval(EntryTransaction.Outcome<K, V> outcome, long start) {
        if (outcome.removed()) {
            counters.removals(1);
            counters.removeTime(start);
        }
    }

    private void tell(EntryTransaction.Outcome<K, V> outcome) {
        if (outcome.event() != null) {
            listeners.tell(List.of(outcome.event()));
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("cache " + name + " is closed");
        }
    }

    private void checkOpen(Object key) {
        checkOpen();
        settings.checkKey(key);
    }

    private void checkOpen(Object key, Object value) {
        checkOpen();
        settings.checkKey(key);
        settings.checkValue(value);
    }
}
