package io.stowage.jcache;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.BiConsumer;

import io.stowage.api.Entry;
import io.stowage.api.Page;
import io.stowage.api.Store;

/**
 * A cache's stored entries, read from its store a page at a time in key order: iteration holds one page, never the
 * whole cache, and sees entries written after it began if their keys come later.
 */
final class StoreEntries implements Iterator<StoreEntries.Stored> {

    /** One stored entry: its store key and its envelope. */
    record Stored(String storeKey, EntryEnvelope envelope) {
    }

    private static final int PAGE = 500;

    private final Store store;
    private final EntryCoding coding;
    private final String cacheName;
    private final Deque<Stored> page = new ArrayDeque<>();
    private String continuation;
    private boolean exhausted;

    StoreEntries(Store store, EntryCoding coding, String cacheName) {
        this.store = store;
        this.coding = coding;
        this.cacheName = cacheName;
    }

    static void forEach(Store store, BiConsumer<String, EntryEnvelope> action, EntryCoding coding, String cacheName) {
        StoreEntries entries = new StoreEntries(store, coding, cacheName);
        while (entries.hasNext()) {
            Stored stored = entries.next();
            action.accept(stored.storeKey(), stored.envelope());
        }
    }

    @Override
    public boolean hasNext() {
        while (page.isEmpty() && !exhausted) {
            Page<Entry> next = store.scan(null, null, PAGE, continuation);
            for (Entry entry : next.items()) {
                page.add(new Stored(entry.key(), coding.envelope(entry.value(), cacheName, entry.key())));
            }
            continuation = next.continuation();
            exhausted = !next.hasMore();
        }
        return !page.isEmpty();
    }

    @Override
    public Stored next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return page.poll();
    }
}
