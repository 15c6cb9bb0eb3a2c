package io.stowage.admin;

/**
 * Where a secondary index is in its life.
 *
 * @since 1.4
 */
public enum IndexState {
    /** Writes maintain it while a background pass indexes the entries written before it was created. */
    BUILDING,
    /** It holds an entry for every index key of every live entry of its store, and answers lookups. */
    READY,
    /** Its build stopped: a unique index met a duplicate among the existing entries, say. Drop it and create it anew. */
    FAILED
}
