package io.stowage.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A secondary index of a store ({@link Store#index}): the store's keys by the index keys an index function computes
 * from their values. Index entries change in the same atomic backend write as the values they are computed from, so
 * a lookup never finds a key whose value does not give that index key, and never misses one that does.
 *
 * <p>Results come in index order: by index key (unsigned UTF-8 byte order), then by the store's key. A page's
 * continuation is opaque: pass it back as {@code continueAfter} to read the next page of the same query.
 *
 * <p>A query throws {@link IndexUnavailableException} while the index does not exist, is still being built, or its
 * index extension is not installed (after waiting the operation timeout for it).
 *
 * @since 1.4
 */
@ProviderType
public interface StoreIndex {

    /** The index's name within its store. */
    String name();

    /**
     * The index keys and store keys the query matches, in index order.
     *
     * @param limit         the most hits to return, 1 to {@value Limits#MAX_PAGE_SIZE}
     * @param continueAfter {@code null} for the first page, else the continuation of the previous page
     */
    Page<IndexHit> find(IndexQuery query, int limit, String continueAfter);

    /** As {@link #find}, with each key's value: all of them as they were at one moment. */
    Page<IndexedEntry> entries(IndexQuery query, int limit, String continueAfter);

    /** The first page of {@link #find}. */
    default Page<IndexHit> find(IndexQuery query, int limit) {
        return find(query, limit, null);
    }

    /** The first page of {@link #entries}. */
    default Page<IndexedEntry> entries(IndexQuery query, int limit) {
        return entries(query, limit, null);
    }
}
