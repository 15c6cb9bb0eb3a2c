package io.stowage.admin;

/**
 * A secondary index of a store as the operator sees it.
 *
 * @param store    the indexed store
 * @param name     the index's name within the store
 * @param function the index function and its parameters, such as {@code json(pointer=/email)}
 * @param unique   whether an index key may belong to one key of the store only
 * @param state    where the index is in its life
 * @param built    how many of the store's entries its build has gone through (all of them once ready)
 * @param entries  how many index entries it holds now, or -1 while it is building (counting them then would slow
 *                 the build down; {@code built} tells its progress)
 * @param failure  why its build stopped, when {@code state} is {@link IndexState#FAILED}; else empty
 * @since 1.4
 */
public record IndexInfo(StoreId store, String name, String function, boolean unique, IndexState state, long built,
        long entries, String failure) {
}
