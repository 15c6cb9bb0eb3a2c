package io.stowage.api;

import java.util.List;

/**
 * One page of a listing or scan.
 *
 * @param items        the page's items, in key order
 * @param continuation {@code null} when nothing follows, else the value to pass as {@code continueAfter} for the
 *                     next page (the last key this page covered)
 */
public record Page<T>(List<T> items, String continuation) {

    public Page {
        items = List.copyOf(items);
    }

    /** Whether another page may follow. */
    public boolean hasMore() {
        return continuation != null;
    }
}
