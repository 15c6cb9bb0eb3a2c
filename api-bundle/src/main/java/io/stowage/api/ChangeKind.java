package io.stowage.api;

/**
 * What happened to a key, as a change feed tells it.
 *
 * @since 1.3
 */
public enum ChangeKind {
    /** The key was written: a put, a batch's put, a successful compare-and-set, a transaction's write. */
    PUT,
    /** The key was deleted by a caller (in a batch or a transaction, whether or not it existed), or by a clear. */
    DELETE,
    /** The key's time to live ran out and the kernel's expiry sweep removed it. */
    EXPIRE
}
