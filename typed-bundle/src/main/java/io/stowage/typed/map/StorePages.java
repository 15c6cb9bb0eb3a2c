package io.stowage.typed.map;

import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

import io.stowage.api.Entry;
import io.stowage.api.Page;
import io.stowage.api.Store;

/**
 * The store's entries within a key range, in key order, read a page at a time as they are consumed: never more than
 * one page in memory. Weakly consistent: each page is read when the previous one runs out.
 */
final class StorePages implements Iterator<Entry> {

    /** Entries per scan: enough to amortize a round trip, few enough to keep a page of large values small. */
    static final int PAGE = 256;

    private final Store store;
    private final KeyRange range;
    private List<Entry> page = Collections.emptyList();
    private int index;
    private String continuation;
    private boolean started;
    private boolean done;

    StorePages(Store store, KeyRange range) {
        this.store = store;
        this.range = range;
    }

    @Override
    public boolean hasNext() {
        while (true) {
            if (index == page.size()) {
                if (done || started && continuation == null) {
                    return false;
                }
                started = true;
                Page<Entry> next = store.scan(range.scanFrom(), range.scanTo(), PAGE, continuation);
                page = next.items();
                index = 0;
                continuation = next.continuation();
                continue;
            }
            String key = page.get(index).key();
            if (range.tooHigh(key)) {
                done = true;
                page = Collections.emptyList();
                index = 0;
                return false;
            }
            if (!range.tooLow(key)) {
                return true;
            }
            index++;
        }
    }

    @Override
    public Entry next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return page.get(index++);
    }
}
