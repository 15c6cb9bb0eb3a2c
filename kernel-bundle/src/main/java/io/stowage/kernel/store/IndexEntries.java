package io.stowage.kernel.store;

import java.util.List;
import java.util.function.Function;

import io.stowage.kernel.index.IndexLayout;
import io.stowage.spi.BackendEntry;
import io.stowage.spi.BackendMutation;
import io.stowage.spi.Capability;

/**
 * A range of a store's index entries, wherever the store lies now: one index space, or every replacement space an
 * index's name may have had. Counted and deleted a page per backend call, so that a large index never holds up the
 * end of its backend instance.
 */
final class IndexEntries {

    private static final int PAGE = 1000;

    /** {@code {from, to}} of the range under the store's prefix in the instance serving it. */
    private final Function<byte[], byte[][]> range;

    private IndexEntries(Function<byte[], byte[][]> range) {
        this.range = range;
    }

    /** The entries of one index space. */
    static IndexEntries space(String space) {
        return new IndexEntries(prefix -> {
            byte[] start = IndexLayout.start(prefix, space);
            return new byte[][] {start, IndexLayout.end(start)};
        });
    }

    /** The entries of every replacement space the name may have had. */
    static IndexEntries replacementsOf(String name) {
        return new IndexEntries(prefix -> {
            byte[] start = IndexLayout.replacementsStart(prefix, name);
            return new byte[][] {start, IndexLayout.replacementsEnd(start)};
        });
    }

    /** Deletes the entries, a page per call. */
    void delete(StoreAccess access) {
        while (deletePage(access) == PAGE) {
            // the next page starts where the deleted one was
        }
    }

    /** Reads the entries a page at a time, counting them. */
    long count(StoreAccess access) {
        long count = 0;
        byte[] from = null;
        while (true) {
            byte[] after = from;
            List<BackendEntry> page = access.read((bound, keys, raw, envelope, expiresAt) -> {
                byte[][] fromTo = range.apply(keys.prefix());
                return scan(access, bound, after == null ? fromTo[0] : keys.key(after), fromTo[1]);
            }, null);
            count += page.size();
            if (page.size() < PAGE) {
                return count;
            }
            from = KeyCodec.successor(page.get(page.size() - 1).key());
        }
    }

    /** Deletes the first page of the entries in one call; returns how many it deleted. */
    private int deletePage(StoreAccess access) {
        return access.writeUnchanged((bound, keys, raw, envelope, expiresAt) -> {
            byte[][] fromTo = range.apply(keys.prefix());
            List<BackendEntry> entries = scan(access, bound, fromTo[0], fromTo[1]);
            if (!entries.isEmpty()) {
                List<BackendMutation> deletes = entries.stream().map(entry -> BackendMutation.delete(entry.key()))
                        .toList();
                bound.backend().write(deletes);
                IndexedWrites.written(deletes);
            }
            return entries.size();
        }, null, null, ValueEnvelope.NO_EXPIRY);
    }

    private static List<BackendEntry> scan(StoreAccess access, BoundBackend bound, byte[] from, byte[] to) {
        access.require(bound, Capability.ORDERED_SCAN, "indexes");
        return bound.backend().scan(from, to, PAGE);
    }
}
