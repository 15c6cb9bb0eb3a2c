package io.stowage.kernel.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.stowage.api.Entry;
import io.stowage.api.InvalidKeyException;
import io.stowage.api.InvalidPatternException;
import io.stowage.api.Page;
import io.stowage.spi.BackendEntry;
import io.stowage.spi.BackendMutation;
import io.stowage.spi.Capability;

/**
 * The operations of a store that read a range of it, a backend page at a time: key listings, scans, count, clear,
 * and the walk over every live entry that admin scans (backup, measuring) build on. Each page is one call through
 * {@link StoreAccess}, so a long listing never holds up the end of its backend instance.
 *
 * <p>Ranges here are of the caller's keys as UTF-8, without the store's prefix: each page puts them under the prefix
 * the store has in the instance that serves that page, and {@code null} as the upper bound is the store's end.
 */
final class StoreListing {

    private static final int PAGE = 1000;
    private static final byte[] STORE_START = {};

    /** Decides, for a live entry in range, whether it counts toward the page. */
    private interface PageFilter {
        boolean accept(String key, byte[] envelope);
    }

    /** A live entry of the store: its backend key, the length of the store prefix in it, its envelope as stored. */
    interface EntryVisitor {
        void visit(byte[] raw, int prefixLength, byte[] envelope);
    }

    /** Entries of one backend page, whose keys all start with a store prefix of {@code prefixLength} bytes. */
    private record ScannedPage(List<BackendEntry> entries, int prefixLength) {

        int size() {
            return entries.size();
        }

        /** Where the next page starts: just after this page's last key. */
        byte[] next() {
            byte[] last = entries.get(entries.size() - 1).key();
            return KeyCodec.successor(Arrays.copyOfRange(last, prefixLength, last.length));
        }
    }

    private final StoreAccess access;
    private final StoreRoute route;

    private final IndexedWrites indexed;

    StoreListing(StoreAccess access) {
        this.access = access;
        this.route = access.route;
        this.indexed = new IndexedWrites(access);
    }

    Page<String> keys(String glob, int limit, String continueAfter) {
        Glob pattern = Glob.parse(glob);
        StoreInput.checkLimit(route.label, limit);
        byte[] literal;
        try {
            literal = KeyCodec.utf8(pattern.literalPrefix(), route.label);
        } catch (InvalidKeyException e) {
            throw new InvalidPatternException("store " + route.label + ": glob '" + glob + "' holds a lone surrogate");
        }
        byte[] from = literal;
        byte[] to = literal.length == 0 ? null : KeyCodec.prefixEnd(literal);
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

    Page<Entry> scan(String fromInclusive, String toExclusive, int limit, String continueAfter) {
        StoreInput.checkLimit(route.label, limit);
        byte[] from = fromInclusive == null ? STORE_START : keyBytes(fromInclusive);
        byte[] to = toExclusive == null ? null : keyBytes(toExclusive);
        List<Entry> entries = new ArrayList<>();
        String continuation = walk(from, to, limit, continueAfter, true, (key, envelope) -> {
            entries.add(new Entry(key, access.values.value(key, envelope)));
            return true;
        });
        return new Page<>(entries, continuation);
    }

    long count() {
        long[] count = {0};
        try {
            forEachLive((raw, prefixLength, envelope) -> count[0]++);
            return count[0];
        } catch (RuntimeException e) {
            throw access.failed(e);
        }
    }

    void clear() {
        try {
            byte[] from = STORE_START;
            while (true) {
                // One page per call: a long clear does not hold up the end of its backend instance
                ScannedPage page = scanPage(from, null, PAGE, "clear");
                if (page.size() == 0) {
                    return;
                }
                List<byte[]> keys = page.entries().stream().map(BackendEntry::key).toList();
                List<String> cleared = keys.stream().map(key -> KeyCodec.decode(key, page.prefixLength())).toList();
                access.write((bound, storeKeys, raw, envelope, expiresAt) -> {
                    if (route.indexes().isEmpty()) {
                        bound.backend().write(storeKeys.keys(keys).stream().map(BackendMutation::delete).toList());
                    } else {
                        List<IndexedWrites.Change> deletes = new ArrayList<>(keys.size());
                        for (int i = 0; i < keys.size(); i++) {
                            deletes.add(IndexedWrites.Change.delete(cleared.get(i), keys.get(i)));
                        }
                        indexed.apply(bound, storeKeys, deletes, null);
                    }
                    return null;
                }, keys, StoreChanges.cleared(cleared));
                route.traffic().deletes.add(keys.size());
                from = page.next();
            }
        } catch (RuntimeException e) {
            throw access.failed(e);
        }
    }

    /**
     * Reads live entries of [from, to) in order, after {@code continueAfter}, until
     * {@code limit} were accepted. Returns the continuation: the last accepted key if more entries may follow, else
     * null. The accepted keys (and, if {@code values}, their values) count as bytes read.
     */
    private String walk(byte[] from, byte[] to, int limit, String continueAfter, boolean values, PageFilter filter) {
        if (continueAfter != null) {
            byte[] next = KeyCodec.successor(keyBytes(continueAfter));
            if (Arrays.compareUnsigned(next, from) > 0) {
                from = next;
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
                ScannedPage page = scanPage(from, to, chunk, "ordered scans and key listing");
                long now = access.kernel.nowMillis();
                for (BackendEntry entry : page.entries()) {
                    if (ValueEnvelope.isExpired(entry.value(), now)) {
                        continue;
                    }
                    if (accepted == limit) {
                        return lastAccepted;
                    }
                    String key = KeyCodec.decode(entry.key(), page.prefixLength());
                    if (filter.accept(key, entry.value())) {
                        accepted++;
                        lastAccepted = key;
                        bytes += entry.key().length - page.prefixLength()
                                + (values ? ValueEnvelope.valueLength(entry.value()) : 0);
                    }
                }
                if (page.size() < chunk) {
                    return null;
                }
                from = page.next();
            }
        } catch (RuntimeException e) {
            throw access.failed(e);
        } finally {
            route.traffic().readBytes(bytes);
        }
    }

    /** {@link KernelStore#forEachLive}. */
    void forEachLive(boolean readsValues, KernelStore.LiveEntry visitor) {
        long[] bytes = {0};
        try {
            forEachLive((raw, prefixLength, envelope) -> {
                int keyBytes = raw.length - prefixLength;
                if (readsValues) {
                    bytes[0] += keyBytes + ValueEnvelope.valueLength(envelope);
                }
                visitor.visit(KeyCodec.decode(raw, prefixLength), keyBytes, envelope);
            });
        } catch (RuntimeException e) {
            throw access.failed(e);
        } finally {
            route.traffic().readBytes(bytes[0]);
        }
    }

    /** Gives every live entry of the store to the visitor, in key order; counts one listing. */
    private void forEachLive(EntryVisitor visitor) {
        forEachStored(true, visitor);
    }

    /**
     * Gives every stored entry of the store, expired ones too unless {@code liveOnly}, to the visitor in key order,
     * a page at a time: a page is read whole before its entries are visited, so the visitor may write to the store.
     */
    void forEachStored(boolean liveOnly, EntryVisitor visitor) {
        route.traffic().listings.increment();
        byte[] from = STORE_START;
        while (true) {
            ScannedPage page = scanPage(from, null, PAGE, "count");
            long now = access.kernel.nowMillis();
            for (BackendEntry entry : page.entries()) {
                if (!liveOnly || !ValueEnvelope.isExpired(entry.value(), now)) {
                    visitor.visit(entry.key(), page.prefixLength(), entry.value());
                }
            }
            if (page.size() < PAGE) {
                return;
            }
            from = page.next();
        }
    }

    /** The caller's key as UTF-8, checked as every key is. */
    private byte[] keyBytes(String key) {
        return KeyCodec.encode(STORE_START, key, route.label);
    }

    /** One page of the store's [from, to) in the instance serving it ({@code to} null: to the store's end). */
    private ScannedPage scanPage(byte[] from, byte[] to, int limit, String operation) {
        return access.read((bound, keys, raw, envelope, expiresAt) -> {
            access.require(bound, Capability.ORDERED_SCAN, operation);
            byte[] prefix = keys.prefix();
            List<BackendEntry> entries = bound.backend().scan(KeyCodec.concat(prefix, from),
                    to == null ? keys.end() : KeyCodec.concat(prefix, to), limit);
            return new ScannedPage(entries, prefix.length);
        }, null);
    }
}
