package io.stowage.kernel.instance;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import io.stowage.spi.BackendEntry;

/** A page of an instance's entries merged with the entries still waiting to be loaded into it, as one sorted page. */
final class SortedMerge {

    private SortedMerge() {
    }

    /** The first {@code limit} entries of both, in key order; where both hold a key, the waiting entry wins. */
    static List<BackendEntry> merge(List<BackendEntry> fromNext, Iterator<Map.Entry<byte[], byte[]>> handed,
            int limit) {
        List<BackendEntry> page = new ArrayList<>(Math.min(limit, fromNext.size() + 64));
        int i = 0;
        Map.Entry<byte[], byte[]> waitingEntry = handed.hasNext() ? handed.next() : null;
        while (page.size() < limit && (i < fromNext.size() || waitingEntry != null)) {
            int order = waitingEntry == null ? -1
                    : i == fromNext.size() ? 1 : Arrays.compareUnsigned(fromNext.get(i).key(), waitingEntry.getKey());
            if (order < 0) {
                page.add(fromNext.get(i++));
                continue;
            }
            page.add(new BackendEntry(waitingEntry.getKey(), waitingEntry.getValue()));
            if (order == 0) {
                i++;
            }
            waitingEntry = handed.hasNext() ? handed.next() : null;
        }
        return page;
    }
}
