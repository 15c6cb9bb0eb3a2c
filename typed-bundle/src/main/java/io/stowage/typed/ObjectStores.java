package io.stowage.typed;

import java.util.Objects;

import io.stowage.api.Store;
import io.stowage.typed.object.GarbageCollector;
import io.stowage.typed.object.StoreObjects;

/**
 * Object graphs kept in stores, and their garbage collection.
 *
 * <p>The key layout of an object store, every key glob-safe so that {@code stowage:keys ns/s 'obj:*'} lists objects:
 * <pre>
 * meta:objects              written by the first commit: marks the store as an object store
 * obj:&lt;id&gt;                  an object: typed header, then {"type": class, "refs": [ids], "value": JSON}
 * root:&lt;name&gt;               a named root: the id of its object
 * gc:state                  the running collection's id, while one runs
 * gc:&lt;run&gt;:grey:&lt;id&gt;       an object that collection has still to mark
 * gc:&lt;run&gt;:mark:&lt;id&gt;       an object that collection found reachable
 * </pre>
 * The {@code refs} list lets a collector follow references without the application's classes.
 */
public final class ObjectStores {

    /** How many keys a collection reads, marks or deletes per page unless told otherwise. */
    public static final int DEFAULT_PAGE_SIZE = 256;

    private ObjectStores() {
    }

    /**
     * An object graph in {@code store}. Cheap to make; the object store holds its own Jackson mapper, so let it go
     * with the bundle that made it.
     */
    public static ObjectStore over(Store store) {
        return new StoreObjects(Objects.requireNonNull(store, "store"));
    }

    /** {@link #collectGarbage(Store, int)} a page of {@value #DEFAULT_PAGE_SIZE} keys at a time. */
    public static GarbageCollection collectGarbage(Store store) {
        return collectGarbage(store, DEFAULT_PAGE_SIZE);
    }

    /**
     * Deletes the objects of the store that no named root reaches, while applications keep working on it.
     *
     * <p>It marks from the roots into keys of the store itself ({@code gc:<run>:mark:<id>}), a page of
     * {@code pageSize} keys at a time, so its memory does not grow with the store. While it runs, every session
     * commit also marks grey each object it writes a reference to (a write barrier), so an object linked during the
     * marking is kept; each delete is a transaction that checks the object is still unmarked and not grey, which
     * conflicts with any session that read it meanwhile. Starting a collection while another runs takes over from
     * it: the earlier one stops at its next step with an {@link IllegalStateException}. A collection whose JVM died
     * leaves {@code gc:state} behind, and sessions grey for it (a key per reference they write) until the next
     * collection takes over and clears its keys.
     *
     * @throws IllegalArgumentException if the page size is not 1 to {@value io.stowage.api.Limits#MAX_PAGE_SIZE}, or
     *                                  the store is not an object store (it has no {@code meta:objects})
     */
    public static GarbageCollection collectGarbage(Store store, int pageSize) {
        return new GarbageCollector(Objects.requireNonNull(store, "store"), pageSize).collect();
    }
}
