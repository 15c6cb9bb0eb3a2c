package io.stowage.jcache;

import java.util.Objects;

import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheLoaderException;
import javax.cache.processor.MutableEntry;

/**
 * One cache entry as an operation sees it inside its transaction, recording what the operation does to it: every
 * cache operation on a key, and every entry processor, works on one of these, and {@link EntryTransaction} turns the
 * recorded {@link Action} into the store's writes, the writer's calls, events and statistics.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
final class EntryChange<K, V> implements MutableEntry<K, V> {

    /** What the operation did to the entry, in the terms of JSR-107's entry processor (section 9.3). */
    enum Action {
        /** Nothing: the entry was not read, or was absent. */
        NONE,
        /** The value was read: the access expiry applies. */
        ACCESS,
        /** The loader gave a value for an absent entry: stored without the writer. */
        LOAD,
        /** A value was set on an absent entry. */
        CREATE,
        /** A value was set on a present entry. */
        UPDATE,
        /** The entry was removed (the writer is told even if it was absent). */
        REMOVE
    }

    private final K key;
    private final V original;
    private final CacheLoader<K, V> readThrough;
    private V value;
    private Action action = Action.NONE;

    /**
     * @param original    the value stored at the start, or null
     * @param readThrough the loader {@link #getValue()} asks for an absent value, or null
     */
    EntryChange(K key, V original, CacheLoader<K, V> readThrough) {
        this.key = key;
        this.original = original;
        this.value = original;
        this.readThrough = readThrough;
    }

    @Override
    public K getKey() {
        return key;
    }

    /** The value stored when the operation began, without counting as an access. */
    V original() {
        return original;
    }

    /** The value the entry has now, without counting as an access. */
    V current() {
        return value;
    }

    Action action() {
        return action;
    }

    @Override
    public V getValue() {
        if (action == Action.NONE && value != null) {
            action = Action.ACCESS;
        } else if (action == Action.NONE && readThrough != null) {
            value = load();
            action = value == null ? Action.NONE : Action.LOAD;
        }
        return value;
    }

    /** Marks a read of a present value as an access, for operations that read without {@link #getValue()}. */
    void access() {
        if (action == Action.NONE && value != null) {
            action = Action.ACCESS;
        }
    }

    /** Gives an absent entry a value from the loader: stored without the writer, told as a creation. */
    void load(V loaded) {
        if (value == null && loaded != null) {
            value = loaded;
            action = Action.LOAD;
        }
    }

    @Override
    public boolean exists() {
        return value != null;
    }

    @Override
    public void setValue(V newValue) {
        Objects.requireNonNull(newValue, "a cache value cannot be null");
        action = original == null ? Action.CREATE : Action.UPDATE;
        value = newValue;
    }

    @Override
    public void remove() {
        action = action == Action.CREATE || action == Action.LOAD ? Action.NONE : Action.REMOVE;
        value = null;
    }

    @Override
    public <T> T unwrap(Class<T> type) {
        return Unwrapping.unwrap(type, "a cache entry", this);
    }

    private V load() {
        try {
            return readThrough.load(key);
        } catch (CacheLoaderException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CacheLoaderException("the cache loader failed to load key " + key + ": " + e, e);
        }
    }
}
