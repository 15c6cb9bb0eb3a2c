package io.stowage.kernel.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import io.stowage.api.IndexHit;
import io.stowage.api.IndexQuery;
import io.stowage.api.IndexUnavailableException;
import io.stowage.api.IndexedEntry;
import io.stowage.api.InvalidInputException;
import io.stowage.api.Page;
import io.stowage.api.StoreIndex;
import io.stowage.kernel.index.IndexLayout;
import io.stowage.kernel.index.LiveIndex;
import io.stowage.spi.BackendCondition;
import io.stowage.spi.BackendEntry;
import io.stowage.spi.Capability;
import io.stowage.spi.StorageBackend;

/**
 * Lookups on one index of a store. A page is read in one call on one backend instance: the index entries of the
 * query's range, in order, skipping expired ones. With values, it reads the keys' values too and then checks, in one
 * atomic step with no write, that the range's entries and the values are still those read, reading again if not: the
 * page shows them all as they were at one moment.
 */
final class IndexLookup implements StoreIndex {

    /** A page read: its hits, their envelopes when read, and whether more may follow. */
    private record Read(List<LiveHit> hits, boolean more) {
    }

    private record LiveHit(IndexLayout.Decoded decoded, byte[] entryTail, byte[] envelope) {
    }

    private final StoreAccess access;
    private final StoreRoute route;
    private final String name;

    IndexLookup(StoreAccess access, String name) {
        this.access = access;
        this.route = access.route;
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Page<IndexHit> find(IndexQuery query, int limit, String continueAfter) {
        Read read = read(query, limit, continueAfter, false);
        List<IndexHit> hits = read.hits().stream()
                .map(hit -> new IndexHit(hit.decoded().indexKey(), hit.decoded().storeKey())).toList();
        return new Page<>(hits, continuation(read));
    }

    @Override
    public Page<IndexedEntry> entries(IndexQuery query, int limit, String continueAfter) {
        Read read = read(query, limit, continueAfter, true);
        List<IndexedEntry> entries = new ArrayList<>(read.hits().size());
        for (LiveHit hit : read.hits()) {
            String key = hit.decoded().storeKey();
            entries.add(new IndexedEntry(hit.decoded().indexKey(), key, access.values.value(key, hit.envelope())));
        }
        return new Page<>(entries, continuation(read));
    }

    private Read read(IndexQuery query, int limit, String continueAfter, boolean values) {
        if (query == null) {
            throw new InvalidInputException("store " + route.label + ": index query must not be null");
        }
        StoreInput.checkLimit(route.label, limit);
        byte[] after = continueAfter == null ? null : decodeContinuation(continueAfter);
        try {
            route.traffic().listings.increment();
            return access.read((bound, keys, raw, envelope, expiresAt) -> {
                access.require(bound, Capability.ORDERED_SCAN, "index lookups");
                if (values) {
                    access.require(bound, Capability.CONDITIONAL_WRITE, "index lookups with values");
                }
                // Chosen within the read, which counts as in flight: a replaced index's entries are deleted only
                // once the lookups that chose it are done (IndexLifecycle waits for them after the swap)
                LiveIndex index = usable();
                long started = index.usage.startLookup();
                Read read = page(bound.backend(), keys, index, query, limit, after, values);
                index.usage.lookedUp(started);
                return read;
            }, null);
        } catch (RuntimeException e) {
            throw access.failed(e);
        }
    }

    /** The page of the query's hits after {@code after} (null: from its first), read again until unchanged. */
    private Read page(StorageBackend backend, Keyspace keys, LiveIndex index, IndexQuery query, int limit,
            byte[] after, boolean values) {
        byte[] start = IndexLayout.start(keys.prefix(), index.space);
        byte[][] range = range(start, query);
        byte[] from = range[0];
        if (after != null) {
            byte[] next = KeyCodec.successor(KeyCodec.concat(start, after));
            if (Arrays.compareUnsigned(next, from) > 0) {
                from = next;
            }
        }
        if (Arrays.compareUnsigned(from, range[1]) >= 0) {
            return new Read(List.of(), false);
        }
        while (true) {
            Read read = attempt(backend, keys, start, from, range[1], limit, values);
            if (read != null) {
                return read;
            }
        }
    }

    /** One page, or null if its entries or values changed while it was read with values. */
    private Read attempt(StorageBackend backend, Keyspace keys, byte[] start, byte[] from, byte[] to, int limit,
            boolean values) {
        long now = access.kernel.nowMillis();
        List<BackendEntry> scanned = new ArrayList<>();
        List<LiveHit> hits = new ArrayList<>();
        byte[] cursor = from;
        boolean more = false;
        int chunk = Math.min(limit + 1, 1024);
        scanning:
        while (true) {
            List<BackendEntry> page = backend.scan(cursor, to, chunk);
            for (BackendEntry entry : page) {
                scanned.add(entry);
                if (ValueEnvelope.isExpired(entry.value(), now)) {
                    continue;
                }
                if (hits.size() == limit) {
                    more = true;
                    scanned.remove(scanned.size() - 1);
                    break scanning;
                }
                byte[] tail = Arrays.copyOfRange(entry.key(), start.length, entry.key().length);
                hits.add(new LiveHit(IndexLayout.decode(entry.key(), start.length), tail, null));
            }
            if (page.size() < chunk) {
                break;
            }
            cursor = KeyCodec.successor(page.get(page.size() - 1).key());
        }
        if (!values || hits.isEmpty()) {
            return new Read(hits, more);
        }
        List<byte[]> raws = hits.stream()
                .map(hit -> KeyCodec.encode(keys.prefix(), hit.decoded().storeKey(), route.label)).toList();
        List<byte[]> envelopes = backend.getAll(raws);
        List<BackendCondition> conditions = new ArrayList<>();
        byte[] covered = more ? KeyCodec.successor(scanned.get(scanned.size() - 1).key()) : to;
        conditions.add(BackendCondition.range(from, covered, scanned));
        List<LiveHit> withValues = new ArrayList<>(hits.size());
        for (int i = 0; i < hits.size(); i++) {
            conditions.add(BackendCondition.value(raws.get(i), envelopes.get(i)));
            if (envelopes.get(i) == null || ValueEnvelope.isExpired(envelopes.get(i), now)) {
                return null; // its entry is from before a change this read overlapped: read again
            }
            withValues.add(new LiveHit(hits.get(i).decoded(), hits.get(i).entryTail(), envelopes.get(i)));
        }
        return backend.writeIf(conditions, List.of(), Long.MAX_VALUE) ? new Read(withValues, more) : null;
    }

    /** The index, if lookups may use it: it exists, is built, and its function is installed (waited for). */
    private LiveIndex usable() {
        LiveIndex index = route.indexes().named(name);
        if (index == null) {
            throw new IndexUnavailableException("store " + route.label + " has no index '" + name + "'");
        }
        switch (index.state()) {
            case BUILDING -> throw new IndexUnavailableException("store " + route.label + ": index '" + name
                    + "' is being built (" + index.built() + " entries so far); it answers lookups once complete");
            case FAILED -> throw new IndexUnavailableException("store " + route.label + ": index '" + name
                    + "' could not be built: " + index.failure());
            default -> index.keys(access.kernel.indexFunctions(), access.kernel.operationTimeoutMillis());
        }
        return index;
    }

    /** The first entry key the query matches and the one just past its last. */
    private static byte[][] range(byte[] start, IndexQuery query) {
        if (query.exact()) {
            byte[] from = IndexLayout.keyStart(start, query.fromInclusive());
            return new byte[][] {from, IndexLayout.keyEnd(from)};
        }
        if (query.prefix()) {
            byte[] from = IndexLayout.bound(start, query.fromInclusive());
            return new byte[][] {from, KeyCodec.prefixEnd(from)};
        }
        byte[] from = query.fromInclusive() == null ? start : IndexLayout.bound(start, query.fromInclusive());
        byte[] to = query.toExclusive() == null ? IndexLayout.end(start) : IndexLayout.bound(start, query.toExclusive());
        return new byte[][] {from, to};
    }

    /** The last hit's place in the index, opaque to the caller; null when nothing follows. */
    private static String continuation(Read read) {
        if (!read.more() || read.hits().isEmpty()) {
            return null;
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(read.hits().get(read.hits().size() - 1).entryTail());
    }

    private byte[] decodeContinuation(String continuation) {
        try {
            return Base64.getUrlDecoder().decode(continuation);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("store " + route.label + ": '" + KeyCodec.abbreviate(continuation)
                    + "' is not a continuation of index '" + name + "'");
        }
    }
}
