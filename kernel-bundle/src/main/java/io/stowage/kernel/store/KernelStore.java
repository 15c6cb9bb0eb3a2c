package io.stowage.kernel.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import io.stowage.api.BackendUnavailableException;
import io.stowage.api.Batch;
import io.stowage.api.Entry;
import io.stowage.api.InvalidInputException;
import io.stowage.api.InvalidKeyException;
import io.stowage.api.InvalidPatternException;
import io.stowage.api.InvalidTtlException;
import io.stowage.api.InvalidValueException;
import io.stowage.api.KeyTtl;
import io.stowage.api.Limits;
import io.stowage.api.Page;
import io.stowage.api.StorageException;
import io.stowage.api.Store;
import io.stowage.api.StoreClosedException;
import io.stowage.api.UnsupportedCapabilityException;
import io.stowage.kernel.Kernel;
import io.stowage.kernel.frontend.StoreContents;
import io.stowage.kernel.metrics.StoreTraffic;
import io.stowage.kernel.migration.Migration;
import io.stowage.spi.BackendEntry;
import io.stowage.spi.BackendMutation;
import io.stowage.spi.Capability;
import io.stowage.spi.StorageBackend;

/**
 * A handle on one store: validates input, maps keys into the store's backend key range, keeps expiry in the value
 * envelope, and hides expired entries. It counts each operation in the store's traffic on the configuration it is
 * routed to; reads and writes are timed from the call to the return, as the caller sees them (all of them, or a
 * random sample of a busy store's).
 */
public final class KernelStore implements Store {

    private static final int CLEAR_BATCH = 1000;

    private final StoreRoute route;
    private final Kernel kernel;
    private final NamespaceService owner;
    private volatile boolean closed;

    /** A handle owned by a bundle's service: it closes when that service is released. */
    public KernelStore(StoreRoute route, Kernel kernel, NamespaceService owner) {
        this.route = route;
        this.kernel = kernel;
        this.owner = owner;
    }

    /** A handle of the kernel's own (admin commands). */
    public KernelStore(StoreRoute route, Kernel kernel) {
        this(route, kernel, null);
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
            byte[] envelope = onBackend(bound -> bound.backend().get(raw));
            if (envelope == null || ValueEnvelope.isExpired(envelope, kernel::nowMillis)) {
                traffic.read(started, 1, 1, 0);
                return null;
            }
            byte[] value = ValueEnvelope.unwrap(envelope);
            traffic.read(started, 1, 0, keyBytes(raw) + value.length);
            return value;
        } catch (RuntimeException e) {
            throw failed(e);
        }
    }

    @Override
    public void put(String key, byte[] value) {
        StoreTraffic traffic = route.traffic();
        long started = traffic.startWrite();
        byte[] raw = rawKey(key);
        byte[] envelope = ValueEnvelope.wrap(checkValue(key, value), ValueEnvelope.NO_EXPIRY);
        try {
            onWrite(List.of(raw), bound -> {
                bound.backend().put(raw, envelope, ValueEnvelope.NO_EXPIRY);
                return null;
            });
            traffic.write(started, 1, keyBytes(raw) + value.length);
        } catch (RuntimeException e) {
            throw failed(e);
        }
    }

    @Override
    public void put(String key, byte[] value, Duration ttl) {
        StoreTraffic traffic = route.traffic();
        long started = traffic.startWrite();
        byte[] raw = rawKey(key);
        long expiresAt = expiryOf(key, ttl);
        byte[] envelope = ValueEnvelope.wrap(checkValue(key, value), expiresAt);
        try {
            onWrite(List.of(raw), bound -> {
                bound.backend().put(raw, envelope, expiresAt);
                return null;
            });
            traffic.write(started, 1, keyBytes(raw) + value.length);
        } catch (RuntimeException e) {
            throw failed(e);
        }
    }

    @Override
    public boolean delete(String key) {
        StoreTraffic traffic = route.traffic();
        long started = traffic.startWrite();
        byte[] raw = rawKey(key);
        try {
            byte[] previous = onWrite(List.of(raw), bound -> bound.backend().delete(raw));
            traffic.delete(started);
            return previous != null && !ValueEnvelope.isExpired(previous, kernel.nowMillis());
        } catch (RuntimeException e) {
            throw failed(e);
        }
    }

    @Override
    public boolean exists(String key) {
        StoreTraffic traffic = route.traffic();
        long started = traffic.startRead();
        byte[] raw = rawKey(key);
        try {
            byte[] envelope = onBackend(bound -> bound.backend().get(raw));
            traffic.read(started, 1, 0, 0);
            return envelope != null && !ValueEnvelope.isExpired(envelope, kernel::nowMillis);
        } catch (RuntimeException e) {
            throw failed(e);
        }
    }

    @Override
    public KeyTtl ttl(String key) {
        StoreTraffic traffic = route.traffic();
        long started = traffic.startRead();
        byte[] raw = rawKey(key);
        try {
            byte[] envelope = onBackend(bound -> bound.backend().get(raw));
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
            throw failed(e);
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
            List<byte[]> envelopes = onBackend(bound -> bound.backend().getAll(raw));
            long now = kernel.nowMillis();
            Map<String, byte[]> found = new LinkedHashMap<>();
            long bytes = 0;
            for (int i = 0; i < distinct.size(); i++) {
                byte[] envelope = envelopes.get(i);
                if (envelope != null && !ValueEnvelope.isExpired(envelope, now)) {
                    byte[] value = ValueEnvelope.unwrap(envelope);
                    found.put(distinct.get(i), value);
                    bytes += keyBytes(raw.get(i)) + value.length;
                }
            }
            traffic.read(started, distinct.size(), distinct.size() - found.size(), bytes);
            return found;
        } catch (RuntimeException e) {
            throw failed(e);
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
        long bytes = 0;
        for (Batch.Mutation mutation : batch.mutations()) {
            byte[] raw = rawKey(mutation.key());
            if (mutation.isDelete()) {
                mutations.add(BackendMutation.delete(raw));
            } else {
                long expiresAt = mutation.ttl() == null ? ValueEnvelope.NO_EXPIRY : expiryOf(mutation.key(), mutation.ttl());
                byte[] envelope = ValueEnvelope.wrap(checkValue(mutation.key(), mutation.value()), expiresAt);
                mutations.add(BackendMutation.put(raw, envelope, expiresAt));
                bytes += keyBytes(raw) + mutation.value().length;
            }
        }
        try {
            onWrite(mutations.stream().map(BackendMutation::key).toList(), bound -> {
                require(bound, Capability.ATOMIC_BATCH, "atomic batch writes");
                bound.backend().write(mutations);
                return null;
            });
            traffic.write(started, mutations.size(), bytes);
        } catch (RuntimeException e) {
            throw failed(e);
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
        byte[] raw = rawKey(key);
        byte[] envelope = ValueEnvelope.wrap(checkValue(key, value), expiresAt);
        try {
            boolean written = onWrite(List.of(raw), bound -> {
                StorageBackend backend = bound.backend();
                while (true) {
                    byte[] current = backend.get(raw);
                    if (current == null) {
                        if (backend.putIfAbsent(raw, envelope, expiresAt)) {
                            return true;
                        }
                    } else if (ValueEnvelope.isExpired(current, kernel.nowMillis())) {
                        // An expired entry counts as absent; replace it only if nobody changed it meanwhile
                        if (backend.replace(raw, current, envelope, expiresAt)) {
                            return true;
                        }
                    } else {
                        return false;
                    }
                }
            });
            if (written) {
                traffic.write(started, 1, keyBytes(raw) + value.length);
            } else {
                traffic.unchanged(started);
            }
            return written;
        } catch (RuntimeException e) {
            throw failed(e);
        }
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
        byte[] envelope = ValueEnvelope.wrap(checkValue(key, value), ValueEnvelope.NO_EXPIRY);
        try {
            boolean replaced = onWrite(List.of(raw), bound -> {
                StorageBackend backend = bound.backend();
                while (true) {
                    byte[] current = backend.get(raw);
                    if (current == null || ValueEnvelope.isExpired(current, kernel.nowMillis())
                            || !ValueEnvelope.valueEquals(current, expected)) {
                        return false;
                    }
                    // The stored bytes may differ from what was read (another writer): then look again
                    if (backend.replace(raw, current, envelope, ValueEnvelope.NO_EXPIRY)) {
                        return true;
                    }
                }
            });
            if (replaced) {
                traffic.write(started, 1, keyBytes(raw) + value.length);
            } else {
                traffic.unchanged(started);
            }
            return replaced;
        } catch (RuntimeException e) {
            throw failed(e);
        }
    }

    @Override
    public Page<String> keys(String glob, int limit, String continueAfter) {
        ensureOpen();
        Glob pattern = Glob.parse(glob);
        checkLimit(limit);
        byte[] literal;
        try {
            literal = KeyCodec.utf8(pattern.literalPrefix(), route.label);
        } catch (InvalidKeyException e) {
            throw new InvalidPatternException("store " + route.label + ": glob '" + glob + "' holds a lone surrogate");
        }
        byte[] from = KeyCodec.concat(route.prefix, literal);
        byte[] to = literal.length == 0 ? route.end : KeyCodec.prefixEnd(from);
        List<String> keys = new ArrayList<>();
        String continuation = walk(from, to, limit, continueAfter, false, (key, envelope) -> {
            if (pattern.matches(key)) {
                keys.add(key);
                return true;
            }
            return false;
        });
        return new Page<>(keys, continuation);
    }

    @Override
    public Page<Entry> scan(String fromInclusive, String toExclusive, int limit, String continueAfter) {
        ensureOpen();
        checkLimit(limit);
        byte[] from = fromInclusive == null ? route.prefix : rawKey(fromInclusive);
        byte[] to = toExclusive == null ? route.end : rawKey(toExclusive);
        List<Entry> entries = new ArrayList<>();
        String continuation = walk(from, to, limit, continueAfter, true, (key, envelope) -> {
            entries.add(new Entry(key, ValueEnvelope.unwrap(envelope)));
            return true;
        });
        return new Page<>(entries, continuation);
    }

    @Override
    public long count() {
        ensureOpen();
        long[] count = {0};
        try {
            forEachLive(route.prefix, (raw, envelope) -> count[0]++);
            return count[0];
        } catch (RuntimeException e) {
            throw failed(e);
        }
    }

    @Override
    public void clear() {
        ensureOpen();
        try {
            byte[] from = route.prefix;
            while (true) {
                // One page per call: a long clear does not hold up the end of its backend instance
                List<BackendEntry> page = scanPage(from, route.end, CLEAR_BATCH, "clear");
                if (page.isEmpty()) {
                    return;
                }
                List<byte[]> keys = page.stream().map(BackendEntry::key).toList();
                onWrite(keys, bound -> {
                    bound.backend().write(keys.stream().map(BackendMutation::delete).toList());
                    return null;
                });
                route.traffic().deletes.add(keys.size());
                from = KeyCodec.successor(keys.get(keys.size() - 1));
            }
        } catch (RuntimeException e) {
            throw failed(e);
        }
    }

    @Override
    public void close() {
        closed = true;
    }

    boolean isClosed() {
        return closed || (owner != null && owner.isReleased());
    }

    @Override
    public String toString() {
        return "Store[" + route.label + (isClosed() ? ", closed]" : "]");
    }

    /** Decides, for a live entry in range, whether it counts toward the page. */
    private interface PageFilter {
        boolean accept(String key, byte[] envelope);
    }

    private interface EntryVisitor {
        void visit(byte[] raw, byte[] envelope);
    }

    /**
     * Reads live entries of [from, to) in order, after {@code continueAfter}, until {@code limit} were accepted.
     * Returns the continuation: the last accepted key if more entries may follow, else null. The accepted keys
     * (and, if {@code values}, their values) count as bytes read.
     */
    private String walk(byte[] from, byte[] to, int limit, String continueAfter, boolean values, PageFilter filter) {
        if (continueAfter != null) {
            byte[] after = KeyCodec.successor(rawKey(continueAfter));
            if (Arrays.compareUnsigned(after, from) > 0) {
                from = after;
            }
        }
        if (to != null && Arrays.compareUnsigned(from, to) >= 0) {
            return null;
        }
        long bytes = 0;
        try {
            route.traffic().listings.increment();
            int accepted = 0;
            String lastAccepted = null;
            int chunk = Math.min(limit + 1, 1024);
            while (true) {
                List<BackendEntry> page = scanPage(from, to, chunk, "ordered scans and key listing");
                long now = kernel.nowMillis();
                for (BackendEntry entry : page) {
                    if (ValueEnvelope.isExpired(entry.value(), now)) {
                        continue;
                    }
                    if (accepted == limit) {
                        return lastAccepted;
                    }
                    String key = KeyCodec.decode(entry.key(), route.prefix.length);
                    if (filter.accept(key, entry.value())) {
                        accepted++;
                        lastAccepted = key;
                        bytes += keyBytes(entry.key()) + (values ? ValueEnvelope.valueLength(entry.value()) : 0);
                    }
                }
                if (page.size() < chunk) {
                    return null;
                }
                from = KeyCodec.successor(page.get(page.size() - 1).key());
            }
        } catch (RuntimeException e) {
            throw failed(e);
        } finally {
            route.traffic().bytesRead.add(bytes);
        }
    }

    /** Takes the live entries of a store, for a backup: key, value and expiry (0 for none). */
    public interface Exporter {
        void entry(String key, byte[] value, long expiresAtMillis);
    }

    /** Gives every live entry of the store to the exporter, in key order, a page of the backend at a time. */
    public void export(Exporter exporter) {
        ensureOpen();
        long[] bytes = {0};
        try {
            forEachLive(route.prefix, (raw, envelope) -> {
                byte[] value = ValueEnvelope.unwrap(envelope);
                bytes[0] += keyBytes(raw) + value.length;
                exporter.entry(KeyCodec.decode(raw, route.prefix.length), value, ValueEnvelope.expiresAt(envelope));
            });
        } catch (RuntimeException e) {
            throw failed(e);
        } finally {
            route.traffic().bytesRead.add(bytes[0]);
        }
    }

    /** The store's live keys and the bytes of their keys and values, as callers see them: a scan of the store. */
    public StoreContents measure() {
        ensureOpen();
        long[] sizes = {0, 0, 0};
        try {
            forEachLive(route.prefix, (raw, envelope) -> {
                sizes[0]++;
                sizes[1] += keyBytes(raw);
                sizes[2] += ValueEnvelope.valueLength(envelope);
            });
            return new StoreContents(sizes[0], sizes[1], sizes[2]);
        } catch (RuntimeException e) {
            throw failed(e);
        }
    }

    private void forEachLive(byte[] from, EntryVisitor visitor) {
        route.traffic().listings.increment();
        while (true) {
            List<BackendEntry> page = scanPage(from, route.end, CLEAR_BATCH, "count");
            long now = kernel.nowMillis();
            for (BackendEntry entry : page) {
                if (!ValueEnvelope.isExpired(entry.value(), now)) {
                    visitor.visit(entry.key(), entry.value());
                }
            }
            if (page.size() < CLEAR_BATCH) {
                return;
            }
            from = KeyCodec.successor(page.get(page.size() - 1).key());
        }
    }

    private List<BackendEntry> scanPage(byte[] from, byte[] to, int limit, String operation) {
        return onBackend(bound -> {
            require(bound, Capability.ORDERED_SCAN, operation);
            return bound.backend().scan(from, to, limit);
        });
    }

    /** One call on the store's backend instance. */
    private interface BackendCall<T> {
        T call(BoundBackend bound);
    }

    /**
     * Runs the call on the instance serving the store, registered as in flight there: an instance being ended
     * waits for the call (bounded), and a call arriving meanwhile waits for the next instance. A call refused
     * because its instance ended under it (an extension whose instance SCR ended before the kernel could retire
     * it) did nothing, so it runs again on the next instance.
     */
    private <T> T onBackend(BackendCall<T> call) {
        route.ungated.incrementAndGet();
        Migration migration = route.migration();
        if (migration == null) {
            try {
                return onCurrentBackend(call);
            } finally {
                route.ungated.decrementAndGet();
            }
        }
        route.ungated.decrementAndGet();
        return migration.read(() -> onCurrentBackend(call));
    }

    /**
     * A write: while the store (or its whole backend instance) is being migrated, it is mirrored to the target,
     * key by key. It counts as ungated from before it looks for a migration until it is done, so that a migration
     * can wait for the writes that looked too early to see it.
     */
    private <T> T onWrite(List<byte[]> rawKeys, BackendCall<T> call) {
        route.ungated.incrementAndGet();
        Migration migration = route.migration();
        if (migration == null) {
            try {
                return onCurrentBackend(call);
            } finally {
                route.ungated.decrementAndGet();
            }
        }
        route.ungated.decrementAndGet();
        return migration.write(rawKeys, () -> onCurrentBackend(call));
    }

    private <T> T onCurrentBackend(BackendCall<T> call) {
        while (true) {
            BoundBackend bound = route.slot().enter(kernel.operationTimeoutMillis(), route.label);
            try {
                return call.call(bound);
            } catch (BackendUnavailableException e) {
                if (!bound.isRetired()) {
                    throw e;
                }
            } finally {
                bound.exit();
            }
        }
    }

    private void require(BoundBackend bound, Capability capability, String operation) {
        if (!bound.can(capability)) {
            throw new UnsupportedCapabilityException("store " + route.label + ": " + operation + " need "
                    + capability + ", which the " + bound.type() + " backend of configuration '"
                    + route.slot().configuration() + "' lacks");
        }
    }

    /** The UTF-8 length of the caller's key within a backend key of this store. */
    private int keyBytes(byte[] raw) {
        return raw.length - route.prefix.length;
    }

    private byte[] rawKey(String key) {
        ensureOpen();
        return KeyCodec.encode(route.prefix, key, route.label);
    }

    private void ensureOpen() {
        if (isClosed()) {
            throw new StoreClosedException("store " + route.label + " is closed");
        }
    }

    private byte[] checkValue(String key, byte[] value) {
        if (value == null) {
            throw new InvalidValueException("store " + route.label + ": value for key '" + KeyCodec.abbreviate(key)
                    + "' must not be null");
        }
        if (value.length > Limits.MAX_VALUE_BYTES) {
            throw new InvalidValueException("store " + route.label + ": value for key '" + KeyCodec.abbreviate(key)
                    + "' is " + value.length + " bytes, over the limit of " + Limits.MAX_VALUE_BYTES);
        }
        return value;
    }

    private void checkLimit(int limit) {
        if (limit < 1 || limit > Limits.MAX_PAGE_SIZE) {
            throw new InvalidInputException("store " + route.label + ": page limit " + limit + " is outside 1.."
                    + Limits.MAX_PAGE_SIZE);
        }
    }

    /** Epoch millis of expiry: the TTL rounded up to whole milliseconds, on the kernel's millisecond clock. */
    private long expiryOf(String key, Duration ttl) {
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw new InvalidTtlException("store " + route.label + ": TTL for key '" + KeyCodec.abbreviate(key)
                    + "' must be positive, was " + ttl);
        }
        try {
            long millis = Math.addExact(ttl.toMillis(), ttl.toNanosPart() % 1_000_000 == 0 ? 0 : 1);
            return Math.addExact(kernel.nowMillis(), millis);
        } catch (ArithmeticException e) {
            throw new InvalidTtlException("store " + route.label + ": TTL " + ttl + " for key '"
                    + KeyCodec.abbreviate(key) + "' is too long");
        }
    }

    private StorageException failed(RuntimeException e) {
        route.traffic().errors.increment();
        if (e instanceof StorageException storage) {
            return storage;
        }
        return new BackendUnavailableException("store " + route.label + ": backend of configuration '"
                + route.slot().configuration() + "' failed: " + e, e);
    }
}
