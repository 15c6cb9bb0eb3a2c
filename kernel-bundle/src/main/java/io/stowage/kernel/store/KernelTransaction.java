package io.stowage.kernel.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import io.stowage.api.Entry;
import io.stowage.api.InvalidInputException;
import io.stowage.api.InvalidKeyException;
import io.stowage.api.InvalidPatternException;
import io.stowage.api.Limits;
import io.stowage.api.Page;
import io.stowage.api.Transaction;
import io.stowage.spi.Capability;

/**
 * One attempt of a transaction: reads go to the store's backend and are remembered with what they found
 * ({@link ReadSet}), unless the attempt wrote the key itself ({@link WriteBuffer}); writes wait in the buffer.
 * {@link TransactionRunner} commits the attempt with one conditional write of the backend, or runs another.
 *
 * <p>Confined to the thread that runs the work, and to the work's call: afterwards ({@link #end}) it refuses use.
 */
final class KernelTransaction implements Transaction {

    private static final byte[] NO_PREFIX = {};
    private static final StoreAccess.BackendCall<byte[]> GET = (bound, keys, raw, envelope, expiresAt) ->
            bound.backend().get(raw);

    private final StoreAccess access;
    private final StoreRoute route;
    private final ReadSet reads = new ReadSet();
    private final WriteBuffer writes;
    /** Made on the first scan or listing: most transactions have none. */
    private TransactionRanges ranges;
    private final Thread owner = Thread.currentThread();
    private boolean ended;

    KernelTransaction(StoreAccess access) {
        this.access = access;
        this.route = access.route;
        this.writes = new WriteBuffer(route.label);
    }

    @Override
    public byte[] get(String key) {
        byte[] envelope = liveEnvelope(keyBytes(key));
        return envelope == null ? null : access.values.value(key, envelope);
    }

    @Override
    public boolean exists(String key) {
        return liveEnvelope(keyBytes(key)) != null;
    }

    @Override
    public Map<String, byte[]> getAll(Collection<String> keys) {
        ensureUsable();
        if (keys == null) {
            throw new InvalidInputException("store " + route.label + ": key collection must not be null");
        }
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(keys));
        if (distinct.size() > Limits.MAX_BATCH_SIZE) {
            throw new InvalidInputException("store " + route.label + ": getAll of " + distinct.size()
                    + " keys is over the limit of " + Limits.MAX_BATCH_SIZE);
        }
        List<byte[]> encoded = distinct.stream().map(this::keyBytes).toList();
        readUnknown(encoded);
        Map<String, byte[]> found = new LinkedHashMap<>();
        for (int i = 0; i < distinct.size(); i++) {
            byte[] envelope = liveEnvelope(encoded.get(i));
            if (envelope != null) {
                found.put(distinct.get(i), access.values.value(distinct.get(i), envelope));
            }
        }
        return found;
    }

    @Override
    public Page<Entry> scan(String fromInclusive, String toExclusive, int limit, String continueAfter) {
        ensureUsable();
        StoreInput.checkLimit(route.label, limit);
        byte[] from = fromInclusive == null ? NO_PREFIX : keyBytes(fromInclusive);
        byte[] to = toExclusive == null ? null : keyBytes(toExclusive);
        List<Entry> entries = new ArrayList<>();
        String continuation = ranges().walk(from, to, limit, continueAfter, (key, envelope) -> {
            entries.add(new Entry(key, access.values.value(key, envelope)));
            return true;
        });
        return new Page<>(entries, continuation);
    }

    @Override
    public Page<String> keys(String glob, int limit, String continueAfter) {
        ensureUsable();
        Glob pattern = Glob.parse(glob);
        StoreInput.checkLimit(route.label, limit);
        byte[] literal;
        try {
            literal = KeyCodec.utf8(pattern.literalPrefix(), route.label);
        } catch (InvalidKeyException e) {
            throw new InvalidPatternException("store " + route.label + ": glob '" + glob + "' holds a lone surrogate");
        }
        List<String> keys = new ArrayList<>();
        String continuation = ranges().walk(literal, literal.length == 0 ? null : KeyCodec.prefixEnd(literal), limit,
                continueAfter, (key, envelope) -> {
                    if (pattern.matches(key)) {
                        keys.add(key);
                        return true;
                    }
                    return false;
                });
        return new Page<>(keys, continuation);
    }

    @Override
    public void put(String key, byte[] value) {
        byte[] encoded = keyBytes(key);
        writes.put(encoded, access.values.envelope(key, value, ValueEnvelope.NO_EXPIRY), ValueEnvelope.NO_EXPIRY,
                value.length);
    }

    @Override
    public void put(String key, byte[] value, Duration ttl) {
        byte[] encoded = keyBytes(key);
        long expiresAt = StoreInput.expiryOf(route.label, key, ttl, access.kernel.nowMillis());
        writes.put(encoded, access.values.envelope(key, value, expiresAt), expiresAt, value.length);
    }

    @Override
    public void delete(String key) {
        writes.delete(keyBytes(key));
    }

    @Override
    public boolean putIfAbsent(String key, byte[] value) {
        byte[] encoded = keyBytes(key);
        byte[] envelope = access.values.envelope(key, value, ValueEnvelope.NO_EXPIRY);
        if (liveEnvelope(encoded) != null) {
            return false;
        }
        writes.put(encoded, envelope, ValueEnvelope.NO_EXPIRY, value.length);
        return true;
    }

    private TransactionRanges ranges() {
        if (ranges == null) {
            ranges = new TransactionRanges(access, reads, writes);
        }
        return ranges;
    }

    /** The attempt's work returned or failed: from now on every method refuses. */
    void end() {
        ended = true;
    }

    ReadSet reads() {
        return reads;
    }

    WriteBuffer writes() {
        return writes;
    }

    /** The key's envelope as this attempt sees it, or null when absent or expired. */
    private byte[] liveEnvelope(byte[] key) {
        WriteBuffer.Pending pending = writes.pending(key);
        byte[] envelope = pending != null ? pending.envelope() : storedEnvelope(key);
        return envelope == null || ValueEnvelope.isExpired(envelope, access.kernel.nowMillis()) ? null : envelope;
    }

    /** The key's envelope in the backend as first read by this attempt (read now if it was not). */
    private byte[] storedEnvelope(byte[] key) {
        if (reads.hasRead(key)) {
            return reads.envelope(key);
        }
        byte[] envelope;
        try {
            envelope = access.read(GET, KeyCodec.concat(route.lastPrefix(), key));
        } catch (RuntimeException e) {
            throw access.failed(e);
        }
        reads.point(key, envelope, access.kernel.nowMillis());
        route.traffic().lookedUp(1, envelope == null ? 1 : 0);
        return envelope;
    }

    /** Reads, in one backend call, the keys this attempt neither read nor wrote yet. */
    private void readUnknown(List<byte[]> keys) {
        List<byte[]> unknown = keys.stream().filter(key -> writes.pending(key) == null && !reads.hasRead(key))
                .distinct().toList();
        if (unknown.isEmpty()) {
            return;
        }
        List<byte[]> envelopes;
        try {
            envelopes = access.read((bound, space, raw, envelope, expiresAt) -> bound.backend().getAll(
                    unknown.stream().map(key -> KeyCodec.concat(space.prefix(), key)).toList()), null);
        } catch (RuntimeException e) {
            throw access.failed(e);
        }
        long now = access.kernel.nowMillis();
        int missed = 0;
        for (int i = 0; i < unknown.size(); i++) {
            reads.point(unknown.get(i), envelopes.get(i), now);
            missed += envelopes.get(i) == null ? 1 : 0;
        }
        route.traffic().lookedUp(unknown.size(), missed);
    }

    /** The caller's key as UTF-8, checked as every key is; and the attempt still usable. */
    private byte[] keyBytes(String key) {
        ensureUsable();
        return KeyCodec.encode(NO_PREFIX, key, route.label);
    }

    private void ensureUsable() {
        if (ended) {
            throw new IllegalStateException("store " + route.label
                    + ": a transaction is usable only inside the work function it was given to");
        }
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("store " + route.label + ": a transaction is usable only on the thread"
                    + " running its work function (" + owner.getName() + ")");
        }
    }

    /**
     * Fails fast, before the work runs, when the store's backend cannot commit a transaction. The instance bound now
     * answers without being entered (the commit checks again on the one it runs on); with none bound, the check
     * waits for one as an operation does.
     */
    static void requireCapability(StoreAccess access) {
        BoundBackend bound = access.route.slot().current();
        if (bound != null && !bound.isRetired()) {
            access.require(bound, Capability.CONDITIONAL_WRITE, "transactions");
            return;
        }
        try {
            access.read((entered, keys, raw, envelope, expiresAt) -> {
                access.require(entered, Capability.CONDITIONAL_WRITE, "transactions");
                return null;
            }, null);
        } catch (RuntimeException e) {
            throw access.failed(e);
        }
    }
}
