package io.stowage.kernel.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import io.stowage.spi.BackendEntry;
import io.stowage.spi.Capability;

/**
 * The scans and key listings of a transaction: the backend's entries of a range, a page at a time, each page
 * recorded whole in the {@link ReadSet} (a key added to it before the commit is then a conflict), with the
 * transaction's own writes laid over them. Keys are the caller's, as UTF-8 without the store's prefix.
 */
final class TransactionRanges {

    /** Decides, for a live entry in range, whether it counts toward the page. */
    interface PageFilter {
        boolean accept(String key, byte[] envelope);
    }

    private final StoreAccess access;
    private final ReadSet reads;
    private final WriteBuffer writes;

    TransactionRanges(StoreAccess access, ReadSet reads, WriteBuffer writes) {
        this.access = access;
        this.reads = reads;
        this.writes = writes;
    }

    /**
     * Live entries of [from, to) ({@code to} null: the store's end) after {@code continueAfter}, until {@code limit}
     * were accepted, as {@link StoreListing} walks them. Returns the last accepted key if more may follow, else null.
     */
    String walk(byte[] from, byte[] to, int limit, String continueAfter, PageFilter filter) {
        if (continueAfter != null) {
            byte[] next = KeyCodec.successor(KeyCodec.encode(new byte[0], continueAfter, access.route.label));
            if (Arrays.compareUnsigned(next, from) > 0) {
                from = next;
            }
        }
        if (to != null && Arrays.compareUnsigned(from, to) >= 0) {
            return null;
        }
        access.route.traffic().listings.increment();
        int accepted = 0;
        String lastAccepted = null;
        int chunk = Math.min(limit + 1, 1024);
        while (true) {
            List<BackendEntry> stored = storedPage(from, to, chunk);
            boolean full = stored.size() == chunk;
            byte[] end = full ? KeyCodec.successor(stored.get(stored.size() - 1).key()) : to;
            long now = access.kernel.nowMillis();
            reads.range(from, end, stored, now);
            for (Map.Entry<byte[], byte[]> entry : overlaid(stored, from, end).entrySet()) {
                if (ValueEnvelope.isExpired(entry.getValue(), now)) {
                    continue;
                }
                if (accepted == limit) {
                    return lastAccepted;
                }
                String key = KeyCodec.decode(entry.getKey(), 0);
                if (filter.accept(key, entry.getValue())) {
                    accepted++;
                    lastAccepted = key;
                }
            }
            if (!full) {
                return null;
            }
            from = end;
        }
    }

    /** The stored entries with the transaction's writes of [from, end) laid over them, in key order. */
    private NavigableMap<byte[], byte[]> overlaid(List<BackendEntry> stored, byte[] from, byte[] end) {
        NavigableMap<byte[], byte[]> view = new TreeMap<>(Arrays::compareUnsigned);
        for (BackendEntry entry : stored) {
            view.put(entry.key(), entry.value());
        }
        writes.within(from, end).forEach((key, pending) -> {
            if (pending.isDelete()) {
                view.remove(key);
            } else {
                view.put(key, pending.envelope());
            }
        });
        return view;
    }

    /** Up to {@code limit} stored entries of [from, to), keys without the store's prefix. */
    private List<BackendEntry> storedPage(byte[] from, byte[] to, int limit) {
        try {
            return access.read((bound, keys, raw, envelope, expiresAt) -> {
                access.require(bound, Capability.ORDERED_SCAN, "ordered scans and key listing");
                byte[] prefix = keys.prefix();
                List<BackendEntry> entries = bound.backend().scan(KeyCodec.concat(prefix, from),
                        to == null ? keys.end() : KeyCodec.concat(prefix, to), limit);
                List<BackendEntry> unprefixed = new ArrayList<>(entries.size());
                for (BackendEntry entry : entries) {
                    byte[] key = entry.key();
                    unprefixed.add(new BackendEntry(Arrays.copyOfRange(key, prefix.length, key.length), entry.value()));
                }
                return unprefixed;
            }, null);
        } catch (RuntimeException e) {
            throw access.failed(e);
        }
    }
}
