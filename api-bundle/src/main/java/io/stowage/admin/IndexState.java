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
    FAILED,
    /**
     * A new definition of the index listed before it, being built beside it: writes keep both, the index answers
     * lookups with its definition until this one is built and takes its place (since 1.5).
     */
    REPLACING,
    /**
     * A new definition of the index listed before it that could not be built ({@link IndexInfo#failure()} says
     * why): its entries are deleted and the index goes on answering lookups with its definition (since 1.5).
     */
    REPLACEMENT_FAILED
}
