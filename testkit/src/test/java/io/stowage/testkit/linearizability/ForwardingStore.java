package io.stowage.testkit.linearizability;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.function.Function;

import io.stowage.api.Batch;
import io.stowage.api.ChangeFeed;
import io.stowage.api.Entry;
import io.stowage.api.KeyTtl;
import io.stowage.api.Page;
import io.stowage.api.Store;
import io.stowage.api.StoreIndex;
import io.stowage.api.Transaction;

/** A store that passes every call to another: the base of the deliberately broken stores the checks must catch. */
abstract class ForwardingStore implements Store {

    protected final Store delegate;

    ForwardingStore(Store delegate) {
        this.delegate = delegate;
    }

    @Override
    public String namespace() {
        return delegate.namespace();
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public byte[] get(String key) {
        return delegate.get(key);
    }

    @Override
    public void put(String key, byte[] value) {
        delegate.put(key, value);
    }

    @Override
    public void put(String key, byte[] value, Duration ttl) {
        delegate.put(key, value, ttl);
    }

    @Override
    public boolean delete(String key) {
        return delegate.delete(key);
    }

    @Override
    public boolean exists(String key) {
        return delegate.exists(key);
    }

    @Override
    public KeyTtl ttl(String key) {
        return delegate.ttl(key);
    }

    @Override
    public Map<String, byte[]> getAll(Collection<String> keys) {
        return delegate.getAll(keys);
    }

    @Override
    public void write(Batch batch) {
        delegate.write(batch);
    }

    @Override
    public boolean putIfAbsent(String key, byte[] value) {
        return delegate.putIfAbsent(key, value);
    }

    @Override
    public boolean putIfAbsent(String key, byte[] value, Duration ttl) {
        return delegate.putIfAbsent(key, value, ttl);
    }

    @Override
    public boolean replace(String key, byte[] expected, byte[] value) {
        return delegate.replace(key, expected, value);
    }

    @Override
    public <T> T transact(Function<Transaction, T> work) {
        return delegate.transact(work);
    }

    @Override
    public Page<String> keys(String glob, int limit, String continueAfter) {
        return delegate.keys(glob, limit, continueAfter);
    }

    @Override
    public Page<Entry> scan(String fromInclusive, String toExclusive, int limit, String continueAfter) {
        return delegate.scan(fromInclusive, toExclusive, limit, continueAfter);
    }

    @Override
    public long count() {
        return delegate.count();
    }

    @Override
    public void clear() {
        delegate.clear();
    }

    @Override
    public ChangeFeed watch(String glob, long fromPosition, boolean withValues) {
        return delegate.watch(glob, fromPosition, withValues);
    }

    @Override
    public StoreIndex index(String name) {
        return delegate.index(name);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
