package io.stowage.kernel.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import io.stowage.api.Batch;
import io.stowage.api.ChangeFeed;
import io.stowage.api.Entry;
import io.stowage.api.InvalidInputException;
import io.stowage.api.InvalidValueException;
import io.stowage.api.KeyTtl;
import io.stowage.api.Limits;
import io.stowage.api.Page;
import io.stowage.api.Store;
import io.stowage.api.StoreClosedException;
import io.stowage.api.StoreIndex;
import io.stowage.api.Transaction;
import io.stowage.kernel.Kernel;
import io.stowage.kernel.index.IndexDefinition;
import io.stowage.kernel.metrics.StoreTraffic;
import io.stowage.spi.BackendMutation;
import io.stowage.spi.Capability;
import io.stowage.spi.StoreKeys;
import io.stowage.spi.ValueReader;

/**
 * A handle on one store: validates input, maps keys into the store's backend key range (its {@link Keyspace}), keeps expiry in the value
 * envelope, and hides expired entries. Every operation reaches the backend through {@link StoreAccess} (the
 * migration gate, in-flight registration, typed failures) and counts itself in the store's traffic on the
 * configuration it is routed to; reads and writes are timed from the call to the return, as the caller sees them
 * (all of them, or a random sample of a busy store's). Listings and whole-store operations are {@link StoreListing}'s.
 * Handles are made only by {@link Kernel#open}.
 */
public final class KernelStore implements Store {

    /** A live entry of the store as an admin scan sees it: the caller's key, its bytes, and the stored envelope. */
    public interface LiveEntry {
        void visit(String key, int keyBytes, byte[] envelope);
    }

    // The point operations' backend work: constants capturing nothing, so a get or put allocates no lambda
    private static final StoreAccess.BackendCall<byte[]> GET = (bound, keys, raw, envelope, expiresAt) ->
            bound.backend().get(raw);

    private final StoreRoute route;
    private final Kernel kernel;
    private final NamespaceService owner;
    private final StoreAccess access;
    private final StoreListing listing;
    private final TransactionRunner transactions;
    private final ConditionalWrites conditional;
    /** Reads a get's envelope in place and copies its value out once, or none if it expired (one per handle). */
    private final ValueReader<Object> liveValue;
    private final StoreValues values;
    private final IndexedWrites indexed;
    // Per handle, not per call: whether the store has indexes is read inside the call, where a new index waits for
    // every write that began without it (StoreIndexBuild)
    private final StoreAccess.BackendCall<Void> putCall;
    private final StoreAccess.BackendCall<byte[]> deleteCall;
    private volatile boolean closed;
    /** The change feeds this handle opened and that are still open: they close with it. */
    private final Set<ChangeFeed> feeds = ConcurrentHashMap.newKeySet();

    /** Only {@link Kernel#open} calls this: {@code owner} is the bundle's service the handle closes with, or null. */
    public KernelStore(StoreRoute route, Kernel kernel, NamespaceService owner) {
        this.route = route;
        this.kernel = kernel;
        this.owner = owner;
        this.access = new StoreAccess(route, kernel);
        this.listing = new StoreListing(access);
        this.transactions = new TransactionRunner(access);
        this.conditional = new ConditionalWrites(access);
        this.liveValue = new ValueEnvelope.LiveValue(kernel::nowMillis);
        this.values = access.values;
        this.indexed = new IndexedWrites(access);
        this.putCall = (bound, keys, raw, envelope, expiresAt) -> {
            if (route.indexes().isEmpty()) {
                bound.backend().put(raw, envelope, expiresAt);
            } else {
                indexed.one(bound, keys, raw, envelope, expiresAt);
            }
            return null;
        };
        this.deleteCall = (bound, keys, raw, envelope, expiresAt) -> route.indexes().isEmpty()
                ? bound.backend().delete(raw) : indexed.one(bound, keys, raw, null, expiresAt);
    }

    @Override
    public String namespace() {
        return route.namespace;
    }

    @Override
    public String name() {
        return route.name;
    }

    @Override
    public byte[] get(String key) {
        StoreTraffic traffic = route.traffic();
        long started = traffic.startRead();
        byte[] raw = rawKey(key);
        try {
            Object read = access.readValue(raw, liveValue);
            if (read == null) {
                traffic.read(started, 1, 1, 0);
                return null;
            }
            byte[] value = read instanceof byte[] plain ? plain
                    : values.decode(key, ((ValueEnvelope.TransformedPayload) read).payload());
            traffic.read(started, 1, 0, keyBytes(raw) + value.length);
            return value;
        } catch (RuntimeException e) {
            throw access.failed(e);
        }
    }

    @Override
    public void put(String key, byte[] value) {
        StoreTraffic traffic = route.traffic();
        long started = traffic.startWrite();
        byte[] raw = rawKey(key);
        byte[] envelope = values.envelope(key, value, ValueEnvelope.NO_EXPIRY);
        put(traffic, started, key, value, raw, envelope, ValueEnvelope.NO_EXPIRY);
    }

    @Override
    public void put(String key, byte[] value, Duration ttl) {
        StoreTraffic traffic = route.traffic();
        long started = traffic.startWrite();
        byte[] raw = rawKey(key);
        long expiresAt = expiryOf(key, ttl);
        byte[] envelope = values.envelope(key, value, expiresAt);
        put(traffic, started, key, value, raw, envelope, expiresAt);
    }

    private void put(StoreTraffic traffic, long started, String key, byte[] value, byte[] raw, byte[] envelope,
            long expiresAt) {
        try {
            access.write(putCall, raw, envelope, expiresAt, StoreChanges.put(key, value));
            traffic.write(started, 1, keyBytes(raw) + value.length);
        } catch (RuntimeException e) {
            throw access.failed(e);
        }
    }

    @Override
    public boolean delete(String key) {
        StoreTraffic traffic = route.traffic();
        long started = traffic.startWrite();
        byte[] raw = rawKey(key);
        try {
            byte[] previous = access.write(deleteCall, raw, null, ValueEnvelope.NO_EXPIRY, StoreChanges.delete(key));
            traffic.delete(started);
            return previous != null && !ValueEnvelope.isExpired(previous, kernel.nowMillis());
        } catch (RuntimeException e) {
            throw access.failed(e);
        }
    }

    @Override
    public boolean exists(String key) {
        StoreTraffic traffic = route.traffic();
        long started = traffic.startRead();
        byte[] raw = rawKey(key);
        try {
            byte[] envelope = access.read(GET, raw);
            traffic.read(started, 1, 0, 0);
            return envelope != null && !ValueEnvelope.isExpired(envelope, kernel::nowMillis);
        } catch (RuntimeException e) {
            throw access.failed(e);
        }
    }

    @Override
    public KeyTtl ttl(String key) {
        StoreTraffic traffic = route.traffic();
        long started = traffic.startRead();
        byte[] raw = rawKey(key);
        try {
            byte[] envelope = access.read(GET, raw);
            traffic.read(started, 1, 0, 0);
            long now = kernel.nowMillis();
            if (envelope == null || ValueEnvelope.isExpired(envelope, now)) {
                return KeyTtl.absent();
            }
            long expiresAt = ValueEnvelope.expiresAt(envelope);
            return expiresAt == ValueEnvelope.NO_EXPIRY
                    ? KeyTtl.persistent()
                    : KeyTtl.expiringIn(Duration.ofMillis(expiresAt - now));
        } catch (RuntimeException e) {
            throw access.failed(e);
        }
    }

    @Override
    public Map<String, byte[]> getAll(Collection<String> keys) {
        StoreTraffic traffic = route.traffic();
        long started = traffic.startRead();
        ensureOpen();
        if (keys == null) {
            throw new InvalidInputException("store " + route.label + ": key collection must not be null");
        }
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(keys));
        if (distinct.size() > Limits.MAX_BATCH_SIZE) {
            throw new InvalidInputException("store " + route.label + ": getAll of " + distinct.size()
                    + " keys is over the limit of " + Limits.MAX_BATCH_SIZE);
        }
        List<byte[]> raw = new ArrayList<>(distinct.size());
        for (String key : distinct) {
            raw.add(rawKey(key));
        }
        try {
            List<byte[]> envelopes = access.read((bound, space, none, envelope, expiresAt) ->
                    bound.backend().getAll(space.keys(raw)), null);
            long now = kernel.nowMillis();
            Map<String, byte[]> found = new LinkedHashMap<>();
            long bytes = 0;
            for (int i = 0; i < distinct.size(); i++) {
                byte[] envelope = envelopes.get(i);
                if (envelope != null && !ValueEnvelope.isExpired(envelope, now)) {
                    byte[] value = values.value(distinct.get(i), envelope);
                    found.put(distinct.get(i), value);
                    bytes += keyBytes(raw.get(i)) + value.length;
                }
            }
            traffic.read(started, distinct.size(), distinct.size() - found.size(), bytes);
            return found;
        } catch (RuntimeException e) {
            throw access.failed(e);
        }
    }

    @Override
    public void write(Batch batch) {
        StoreTraffic traffic = route.traffic();
        long started = traffic.startWrite();
        ensureOpen();
        if (batch == null) {
            throw new InvalidInputException("store " + route.label + ": batch must not be null");
        }
        if (batch.size() > Limits.MAX_BATCH_SIZE) {
            throw new InvalidInputException("store " + route.label + ": batch of " + batch.size()
                    + " mutations is over the limit of " + Limits.MAX_BATCH_SIZE);
        }
        List<BackendMutation> mutations = new ArrayList<>(batch.size());
        List<IndexedWrites.Change> changes = new ArrayList<>(batch.size());
        long bytes = 0;
        for (Batch.Mutation mutation : batch.mutations()) {
            byte[] raw = rawKey(mutation.key());
            if (mutation.isDelete()) {
                mutations.add(BackendMutation.delete(raw));
                changes.add(IndexedWrites.Change.delete(mutation.key(), raw));
            } else {
                long expiresAt = mutation.ttl() == null ? ValueEnvelope.NO_EXPIRY : expiryOf(mutation.key(), mutation.ttl());
                byte[] envelope = values.envelope(mutation.key(), mutation.value(), expiresAt);
                mutations.add(BackendMutation.put(raw, envelope, expiresAt));
                changes.add(new IndexedWrites.Change(mutation.key(), raw, mutation.value(), envelope, expiresAt));
                bytes += keyBytes(raw) + mutation.value().length;
            }
        }
        try {
            access.write((bound, keys, none, envelope, expiresAt) -> {
                access.require(bound, Capability.ATOMIC_BATCH, "atomic batch writes");
                if (route.indexes().isEmpty()) {
                    bound.backend().write(keys.mutations(mutations));
                } else {
                    indexed.apply(bound, keys, changes, null);
                }
                return null;
            }, mutations.stream().map(BackendMutation::key).toList(), StoreChanges.batch(batch));
            traffic.write(started, mutations.size(), bytes);
        } catch (RuntimeException e) {
            throw access.failed(e);
        }
    }

    @Override
    public boolean putIfAbsent(String key, byte[] value) {
        StoreTraffic traffic = route.traffic();
        return putIfAbsent(traffic, traffic.startWrite(), key, value, ValueEnvelope.NO_EXPIRY);
    }

    @Override
    public boolean putIfAbsent(String key, byte[] value, Duration ttl) {
        StoreTraffic traffic = route.traffic();
        long started = traffic.startWrite();
        return putIfAbsent(traffic, started, key, value, expiryOf(key, ttl));
    }

    private boolean putIfAbsent(StoreTraffic traffic, long started, String key, byte[] value, long expiresAt) {
        return conditional.putIfAbsent(traffic, started, key, rawKey(key), value, expiresAt);
    }

    @Override
    public boolean replace(String key, byte[] expected, byte[] value) {
        StoreTraffic traffic = route.traffic();
        long started = traffic.startWrite();
        byte[] raw = rawKey(key);
        if (expected == null) {
            throw new InvalidValueException("store " + route.label + ": expected value for key '"
                    + KeyCodec.abbreviate(key) + "' must not be null");
        }
        return conditional.replace(traffic, started, key, raw, expected, value);
    }

    @Override
    public <T> T transact(Function<Transaction, T> work) {
        ensureOpen();
        return transactions.run(work);
    }

    @Override
    public Page<String> keys(String glob, int limit, String continueAfter) {
        ensureOpen();
        return listing.keys(glob, limit, continueAfter);
    }

    @Override
    public Page<Entry> scan(String fromInclusive, String toExclusive, int limit, String continueAfter) {
        ensureOpen();
        return listing.scan(fromInclusive, toExclusive, limit, continueAfter);
    }

    @Override
    public long count() {
        ensureOpen();
        return listing.count();
    }

    @Override
    public void clear() {
        ensureOpen();
        listing.clear();
    }

    @Override
    public ChangeFeed watch(String glob, long fromPosition, boolean withValues) {
        ensureOpen();
        List<Set<ChangeFeed>> holders = owner == null ? List.of(feeds) : List.of(feeds, owner.feeds());
        return StoreWatch.open(route, kernel, glob, fromPosition, withValues, this::isClosed, holders);
    }

    /**
     * Gives every live entry of the store to the visitor, in key order, a backend page at a time: what the admin
     * scans (backup, measuring a store) are made of. {@code readsValues} counts the keys and values as bytes read.
     */
    public void forEachLive(boolean readsValues, LiveEntry visitor) {
        ensureOpen();
        listing.forEachLive(readsValues, visitor);
    }

    /** The caller's value in an envelope of this store {@link #forEachLive} gave, its transforms undone. */
    public byte[] valueOf(String key, byte[] envelope) {
        return values.value(key, envelope);
    }

    @Override
    public StoreIndex index(String name) {
        ensureOpen();
        return new IndexLookup(access, IndexDefinition.requireName(name));
    }

    @Override
    public void close() {
        closed = true;
        List.copyOf(feeds).forEach(ChangeFeed::close);
    }

    boolean isClosed() {
        return closed || (owner != null && owner.isReleased());
    }

    @Override
    public String toString() {
        return "Store[" + route.label + (isClosed() ? ", closed]" : "]");
    }

    /** The UTF-8 length of the caller's key within a backend key of this store. */
    static int keyBytes(byte[] raw) {
        return raw.length - StoreKeys.prefixLength(raw);
    }

    private byte[] rawKey(String key) {
        ensureOpen();
        return KeyCodec.encode(route.lastPrefix(), key, route.label);
    }

    private void ensureOpen() {
        if (isClosed()) {
            throw new StoreClosedException("store " + route.label + " is closed");
        }
    }

    private long expiryOf(String key, Duration ttl) {
        return StoreInput.expiryOf(route.label, key, ttl, kernel.nowMillis());
    }
}
