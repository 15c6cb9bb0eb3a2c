package io.stowage.api;

/**
 * Size limits that hold on every backend, so that data can always move from one backend to another.
 *
 * <p>The key limit leaves room for the namespace and store prefix inside LMDB's 511-byte key limit.
 */
public final class Limits {

    /** Longest key, in UTF-8 bytes. */
    public static final int MAX_KEY_BYTES = 256;

    /** Largest value, in bytes (4 MiB). */
    public static final int MAX_VALUE_BYTES = 4 * 1024 * 1024;

    /** Longest store name, in characters. */
    public static final int MAX_STORE_NAME_LENGTH = 64;

    /** Longest namespace (a bundle symbolic name), in characters. */
    public static final int MAX_NAMESPACE_LENGTH = 128;

    /** Most keys or entries in one page of a listing or scan. */
    public static final int MAX_PAGE_SIZE = 10_000;

    /** Most mutations in one batch. */
    public static final int MAX_BATCH_SIZE = 10_000;

    private Limits() {
    }
}
