package io.stowage.typed.map;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

import io.stowage.api.Entry;
import io.stowage.api.Store;

/**
 * A key range's entries in descending key order, without a backward scan (the Store API has none) and without
 * holding the range: a first forward read notes the first key of every {@link StorePages#PAGE} keys, then each
 * such chunk, from the last, is read forward again and handed out backward. Memory: one key per page and one chunk.
 * Weakly consistent like {@link StorePages}.
 */
final class DescendingPages implements Iterator<Entry> {

    private final Store store;
    private final KeyRange range;
    private List<String> chunkStarts;
    private List<Entry> chunk = Collections.emptyList();
    private int index;
    /** The first key of the chunk handed out last, where the next one (below it) ends; null before the first. */
    private String nextStart;

    DescendingPages(Store store, KeyRange range) {
        this.store = store;
        this.range = range;
    }

    @Override
    public boolean hasNext() {
        if (chunkStarts == null) {
            chunkStarts = chunkStarts();
        }
        while (index == 0) {
            if (chunkStarts.isEmpty()) {
                return false;
            }
            readChunk();
        }
        return true;
    }

    @Override
    public Entry next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return chunk.get(--index);
    }

    private List<String> chunkStarts() {
        List<String> starts = new ArrayList<>();
        StorePages pages = new StorePages(store, range);
        for (long n = 0; pages.hasNext(); n++) {
            String key = pages.next().key();
            if (n % StorePages.PAGE == 0) {
                starts.add(key);
            }
        }
        return starts;
    }

    /** Reads the last chunk not yet handed out: from its first key to the next chunk's first key. */
    private void readChunk() {
        int last = chunkStarts.size() - 1;
        String from = chunkStarts.remove(last);
        KeyRange part = range.cut(from, true, nextStart, false);
        List<Entry> entries = new ArrayList<>();
        new StorePages(store, part).forEachRemaining(entries::add);
        nextStart = from;
        chunk = entries;
        index = entries.size();
    }
}
