package io.stowage.kernel.store;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.stowage.api.DuplicateIndexKeyException;
import io.stowage.api.InvalidValueException;
import io.stowage.api.Limits;
import io.stowage.kernel.index.IndexLayout;
import io.stowage.kernel.index.LiveIndex;
import io.stowage.spi.BackendCondition;
import io.stowage.spi.BackendEntry;
import io.stowage.spi.BackendMutation;
import io.stowage.spi.Capability;
import io.stowage.spi.IndexKeys;
import io.stowage.spi.StorageBackend;
import io.stowage.spi.StoreKeys;

/**
 * Writes to a store with secondary indexes: each reads the values it replaces, computes their index keys and the new
 * values', and writes the values and the index entries that change in one conditional atomic write, on the condition
 * that the replaced values are still those it read (else it reads again). A unique index's key held by another live
 * key refuses the whole write. Runs inside a {@link StoreAccess} call, so migrations, change logs and the wait for an
 * instance work as for any write.
 */
final class IndexedWrites {

    /** The most entries one unique index key is read with: live ones are one at most, the rest expired. */
    private static final int UNIQUE_SCAN = 1024;
    /** The index entries' value, for entries of keys that do not expire: an envelope of no bytes. */
    private static final byte[] NO_BYTES = {};

    /**
     * One key's write: its new envelope, or null for a delete. {@code value} is the caller's value when known
     * (else it is read from the envelope).
     */
    record Change(String key, byte[] raw, byte[] value, byte[] envelope, long expiresAt) {

        static Change delete(String key, byte[] raw) {
            return new Change(key, raw, null, null, ValueEnvelope.NO_EXPIRY);
        }
    }

    /**
     * What a write needs besides its own mutations: conditions on what it read, and the index entries' changes, with
     * how many each index gets.
     */
    record Plan(List<BackendCondition> conditions, List<BackendMutation> mutations, long deadline,
            List<IndexChanges> perIndex) {

        /** The write applied: each index counts the entries it put and deleted. */
        void applied() {
            perIndex.forEach(changes -> changes.index().usage.wrote(changes.written(), changes.removed()));
        }
    }

    /** How many entries of one index a write puts and deletes. */
    record IndexChanges(LiveIndex index, int written, int removed) {
    }

    /** What an applied write found: the envelopes its keys had (in the order of the changes), and if it wrote. */
    record Outcome(List<byte[]> previous, boolean written) {
    }

    /** While a migration mirrors a write on this thread: the keys it mirrors, which index entries written join. */
    private static final ThreadLocal<List<byte[]>> MIRRORED = new ThreadLocal<>();

    private final StoreAccess access;
    private final StoreRoute route;

    /** Runs a write whose changed index entries are added to {@code mirrored}, the keys its migration mirrors. */
    static <T> T mirroring(List<byte[]> mirrored, Supplier<T> write) {
        List<byte[]> outer = MIRRORED.get();
        MIRRORED.set(mirrored);
        try {
            return write.get();
        } finally {
            MIRRORED.set(outer);
        }
    }

    /** Index entries just written: a migration running now mirrors them after the write. */
    static void written(List<BackendMutation> entries) {
        List<byte[]> mirrored = MIRRORED.get();
        if (mirrored != null) {
            entries.forEach(entry -> mirrored.add(entry.key()));
        }
    }

    IndexedWrites(StoreAccess access) {
        this.access = access;
        this.route = access.route;
    }

    /** A put or delete of one key ({@code envelope} null) from a call's arguments; returns the envelope it replaced. */
    byte[] one(BoundBackend bound, Keyspace keys, byte[] raw, byte[] envelope, long expiresAt) {
        String key = KeyCodec.decode(raw, StoreKeys.prefixLength(raw));
        Change change = envelope == null ? Change.delete(key, raw) : new Change(key, raw, null, envelope, expiresAt);
        return apply(bound, keys, List.of(change), null).previous().get(0);
    }

    /**
     * Writes the changes with their index entries, if {@code guard} (given the first key's stored envelope, or null)
     * accepts what is stored; returns what was stored and whether it wrote.
     */
    Outcome apply(BoundBackend bound, Keyspace keys, List<Change> changes, Predicate<byte[]> guard) {
        access.require(bound, Capability.CONDITIONAL_WRITE, "writes to a store with secondary indexes");
        StorageBackend backend = bound.backend();
        List<Change> last = lastPerKey(keys, changes);
        List<byte[]> raws = last.stream().map(Change::raw).toList();
        List<BackendMutation> own = new ArrayList<>(last.size());
        for (Change change : last) {
            own.add(change.envelope() == null ? BackendMutation.delete(change.raw())
                    : BackendMutation.put(change.raw(), change.envelope(), change.expiresAt()));
        }
        while (true) {
            List<byte[]> previous = backend.getAll(raws);
            if (guard != null && !guard.test(previous.get(0))) {
                return new Outcome(previous, false);
            }
            Plan plan = plan(backend, keys, last, previous, true);
            List<BackendMutation> mutations = new ArrayList<>(own.size() + plan.mutations().size());
            mutations.addAll(own);
            mutations.addAll(plan.mutations());
            if (backend.writeIf(plan.conditions(), mutations, plan.deadline())) {
                written(plan.mutations());
                plan.applied();
                return new Outcome(previous, true);
            }
        }
    }

    /**
     * A transaction's commit on an indexed store: its writes with their index entries, on its own conditions and on
     * the replaced values being those read here; returns whether it applied (else the transaction runs again).
     */
    boolean commit(BoundBackend bound, Keyspace keys, List<BackendCondition> reads, WriteBuffer writes,
            long deadline) {
        byte[] prefix = keys.prefix();
        List<Change> changes = new ArrayList<>(writes.size());
        writes.within(new byte[0], null).forEach((key, pending) -> changes.add(new Change(
                new String(key, StandardCharsets.UTF_8), KeyCodec.concat(prefix, key), null, pending.envelope(),
                pending.expiresAt())));
        StorageBackend backend = bound.backend();
        List<byte[]> previous = backend.getAll(changes.stream().map(Change::raw).toList());
        Plan plan = plan(backend, keys, changes, previous, true);
        List<BackendCondition> conditions = new ArrayList<>(reads);
        conditions.addAll(plan.conditions());
        List<BackendMutation> mutations = new ArrayList<>(writes.mutations(keys));
        mutations.addAll(plan.mutations());
        if (!backend.writeIf(conditions, mutations, Math.min(deadline, plan.deadline()))) {
            return false;
        }
        written(plan.mutations());
        plan.applied();
        return true;
    }

    /**
     * The conditions and index entry changes of writing {@code changes} (one per key, keys under {@code keys}'
     * prefix) over {@code previous}, the envelopes stored now.
     *
     * @param byWrite whether a caller's write (a refusal counts in the refusing index's usage) or a build's
     * @throws DuplicateIndexKeyException if a unique index's key would belong to two live keys
     */
    Plan plan(StorageBackend backend, Keyspace keys, List<Change> changes, List<byte[]> previous, boolean byWrite) {
        List<BackendCondition> conditions = new ArrayList<>();
        List<BackendMutation> mutations = new ArrayList<>();
        long now = access.kernel.nowMillis();
        long deadline = Long.MAX_VALUE;
        for (int i = 0; i < changes.size(); i++) {
            byte[] old = previous.get(i);
            conditions.add(BackendCondition.value(changes.get(i).raw(), old));
            if (old != null && !ValueEnvelope.isExpired(old, now) && ValueEnvelope.expiresAt(old) != ValueEnvelope.NO_EXPIRY) {
                deadline = Math.min(deadline, ValueEnvelope.expiresAt(old));
            }
        }
        List<LiveIndex> indexes = route.indexes().written();
        List<IndexChanges> perIndex = new ArrayList<>(indexes.size());
        for (LiveIndex index : indexes) {
            if (!index.maintained()) {
                continue; // still clearing what an earlier runtime left under its name; its build covers these keys
            }
            try {
                perIndex.add(planIndex(index, backend, keys, changes, previous, conditions, mutations, now));
            } catch (DuplicateIndexKeyException refused) {
                if (byWrite) {
                    index.usage.refused();
                }
                throw refused;
            }
        }
        return new Plan(conditions, mutations, deadline, perIndex);
    }

    /** Adds one index's conditions and entry changes for {@code changes} to those given; returns how many. */
    private IndexChanges planIndex(LiveIndex index, StorageBackend backend, Keyspace keys, List<Change> changes,
            List<byte[]> previous, List<BackendCondition> conditions, List<BackendMutation> mutations, long now) {
        int prefixLength = keys.prefix().length;
        IndexKeys function = index.keys(access.kernel.indexFunctions(), access.kernel.operationTimeoutMillis());
        byte[] start = IndexLayout.start(keys.prefix(), index.space);
        Map<String, String> claimed = new LinkedHashMap<>();
        Set<ByteKey> released = new HashSet<>();
        int written = 0;
        for (int i = 0; i < changes.size(); i++) {
            Change change = changes.get(i);
            byte[] storeKey = Arrays.copyOfRange(change.raw(), prefixLength, change.raw().length);
            Set<String> before = previous.get(i) == null ? Set.of()
                    : indexKeys(index, function, change.key(), access.values.value(change.key(), previous.get(i)));
            Set<String> after = change.envelope() == null ? Set.of()
                    : indexKeys(index, function, change.key(), newValue(change));
            for (String gone : before) {
                if (!after.contains(gone)) {
                    byte[] entry = IndexLayout.entry(start, gone, storeKey);
                    mutations.add(BackendMutation.delete(entry));
                    released.add(new ByteKey(entry));
                }
            }
            for (String indexKey : after) {
                mutations.add(BackendMutation.put(IndexLayout.entry(start, indexKey, storeKey),
                        ValueEnvelope.wrap(NO_BYTES, change.expiresAt()), change.expiresAt()));
                written++;
                if (index.definition.unique()) {
                    String other = claimed.putIfAbsent(indexKey, change.key());
                    if (other != null) {
                        throw duplicate(index, indexKey, other, change.key());
                    }
                }
            }
        }
        for (Map.Entry<String, String> claim : claimed.entrySet()) {
            conditions.add(unclaimed(backend, index, start, claim.getKey(), claim.getValue(), released, now));
        }
        return new IndexChanges(index, written, released.size());
    }

    /**
     * The condition that the unique index key is held by no live key but {@code claimer} (or those this write
     * releases it from), as it is now.
     */
    private BackendCondition unclaimed(StorageBackend backend, LiveIndex index, byte[] start, String indexKey,
            String claimer, Set<ByteKey> released, long now) {
        byte[] from = IndexLayout.keyStart(start, indexKey);
        byte[] to = IndexLayout.keyEnd(from);
        List<BackendEntry> found = backend.scan(from, to, UNIQUE_SCAN);
        for (BackendEntry entry : found) {
            String holder = IndexLayout.decode(entry.key(), start.length).storeKey();
            if (!holder.equals(claimer) && !released.contains(new ByteKey(entry.key()))
                    && !ValueEnvelope.isExpired(entry.value(), now)) {
                throw duplicate(index, indexKey, holder, claimer);
            }
        }
        return BackendCondition.range(from, to, found);
    }

    private DuplicateIndexKeyException duplicate(LiveIndex index, String indexKey, String holder, String claimer) {
        String which = route.indexes().isReplacement(index) ? "' (the new definition being built beside it, "
                + index.definition.function() + ")" : "'";
        return new DuplicateIndexKeyException("store " + route.label + ": unique index '" + index.name() + which
                + " already has key '" + KeyCodec.abbreviate(indexKey) + "' for key '" + KeyCodec.abbreviate(holder)
                + "', so key '" + KeyCodec.abbreviate(claimer) + "' cannot take it; nothing was written",
                index.name(), indexKey, holder);
    }

    private byte[] newValue(Change change) {
        return change.value() != null ? change.value() : access.values.value(change.key(), change.envelope());
    }

    /** The function's keys of one value, checked: each a non-empty key of at most the key limit, duplicates once. */
    Set<String> indexKeys(LiveIndex index, IndexKeys function, String key, byte[] value) {
        Collection<String> computed;
        try {
            computed = function.keys(key, value);
        } catch (RuntimeException e) {
            throw new InvalidValueException("store " + route.label + ": index '" + index.name() + "' cannot index key '"
                    + KeyCodec.abbreviate(key) + "': " + e.getMessage() + "; nothing was written", e);
        }
        if (computed == null || computed.isEmpty()) {
            return Set.of();
        }
        Set<String> keys = new LinkedHashSet<>(computed);
        for (String indexKey : keys) {
            if (indexKey == null || indexKey.isEmpty()
                    || indexKey.getBytes(StandardCharsets.UTF_8).length > Limits.MAX_KEY_BYTES) {
                throw new InvalidValueException("store " + route.label + ": index '" + index.name()
                        + "' computed an index key for key '" + KeyCodec.abbreviate(key) + "' that is "
                        + (indexKey == null || indexKey.isEmpty() ? "empty" : "over " + Limits.MAX_KEY_BYTES
                        + " UTF-8 bytes") + "; nothing was written");
            }
        }
        return keys;
    }

    /** Each key's last change, keys under {@code keys}' prefix: a batch that writes a key twice ends with the last. */
    private static List<Change> lastPerKey(Keyspace keys, List<Change> changes) {
        Map<ByteKey, Change> last = new LinkedHashMap<>();
        for (Change change : changes) {
            byte[] raw = keys.key(change.raw());
            ByteKey key = new ByteKey(raw);
            last.remove(key);
            last.put(key, new Change(change.key(), raw, change.value(), change.envelope(), change.expiresAt()));
        }
        return List.copyOf(last.values());
    }

    /** A byte array as a map key. */
    private record ByteKey(byte[] bytes) {

        @Override
        public boolean equals(Object other) {
            return other instanceof ByteKey key && Arrays.equals(bytes, key.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }
    }
}
