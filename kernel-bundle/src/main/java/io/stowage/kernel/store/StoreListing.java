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
 */
final class StoreListing {

    private static final int PAGE = 1000;

    /** Decides, for a live entry in range, whether it counts toward the page. */
    private interface PageFilter {
        boolean accept(String key, byte[] envelope);
    }

    /** A live entry of the store: its backend key and its envelope as stored. */
    private interface EntryVisitor {
        void visit(byte[] raw, byte[] envelope);
    }

    private final StoreAccess access;
    private final StoreRoute route;

    StoreListing(StoreAccess access) {
        this.access = access;
        this.route = access.route;
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

    Page<Entry> scan(String fromInclusive, String toExclusive, int limit, String continueAfter) {
        StoreInput.checkLimit(route.label, limit);
        byte[] from = fromInclusive == null ? route.prefix : rawKey(fromInclusive);
        byte[] to = toExclusive == null ? route.end : rawKey(toExclusive);
        List<Entry> entries = new ArrayList<>();
        String continuation = walk(from, to, limit, continueAfter, true, (key, envelope) -> {
            entries.add(new Entry(key, ValueEnvelope.unwrap(envelope)));
            return true;
        });
        return new Page<>(entries, continuation);
    }

    long count() {
        long[] count = {0};
        try {
            forEachLive((raw, envelope) -> count[0]++);
            return count[0];
        } catch (RuntimeException e) {
            throw access.failed(e);
        }
    }

    void clear() {
        try {
            byte[] from = route.prefix;
            while (true) {
                // One page per call: a long clear does not hold up the end of its backend instance
                List<BackendEntry> page = scanPage(from, route.end, PAGE, "clear");
                if (page.isEmpty()) {
                    return;
                }
                List<byte[]> keys = page.stream().map(BackendEntry::key).toList();
                access.write((bound, raw, envelope, expiresAt) -> {
                    bound.backend().write(keys.stream().map(BackendMutation::delete).toList());
                    return null;
                }, keys);
                route.traffic().deletes.add(keys.size());
                from = KeyCodec.successor(keys.get(keys.size() - 1));
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
            byte[] next = KeyCodec.successor(rawKey(continueAfter));
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
                List<BackendEntry> page = scanPage(from, to, chunk, "ordered scans and key listing");
                long now = access.kernel.nowMillis();
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
                        bytes += entry.key().length - route.prefix.length
                                + (values ? ValueEnvelope.valueLength(entry.value()) : 0);
                    }
                }
                if (page.size() < chunk) {
                    return null;
                }
                from = KeyCodec.successor(page.get(page.size() - 1).key());
            }
        } catch (RuntimeException e) {
            throw access.failed(e);
        } finally {
            route.traffic().bytesRead.add(bytes);
        }
    }

    /** {@link KernelStore#forEachLive}. */
    void forEachLive(boolean readsValues, KernelStore.LiveEntry visitor) {
        long[] bytes = {0};
        try {
            forEachLive((raw, envelope) -> {
                int keyBytes = raw.length - route.prefix.length;
                if (readsValues) {
                    bytes[0] += keyBytes + ValueEnvelope.valueLength(envelope);
                }
                visitor.visit(KeyCodec.decode(raw, route.prefix.length), keyBytes, envelope);
            });
        } catch (RuntimeException e) {
            throw access.failed(e);
        } finally {
            route.traffic().bytesRead.add(bytes[0]);
        }
    }

    /** Gives every live entry of the store to the visitor, in key order; counts one listing. */
    private void forEachLive(EntryVisitor visitor) {
        route.traffic().listings.increment();
        byte[] from = route.prefix;
        while (true) {
            List<BackendEntry> page = scanPage(from, route.end, PAGE, "count");
            long now = access.kernel.nowMillis();
            for (BackendEntry entry : page) {
                if (!ValueEnvelope.isExpired(entry.value(), now)) {
                    visitor.visit(entry.key(), entry.value());
                }
            }
            if (page.size() < PAGE) {
                return;
            }
            from = KeyCodec.successor(page.get(page.size() - 1).key());
        }
    }

    private byte[] rawKey(String key) {
        return KeyCodec.encode(route.prefix, key, route.label);
    }

    private List<BackendEntry> scanPage(byte[] from, byte[] to, int limit, String operation) {
        return access.read((bound, raw, envelope, expiresAt) -> {
            access.require(bound, Capability.ORDERED_SCAN, operation);
            return bound.backend().scan(from, to, limit);
        }, null);
    }
}
