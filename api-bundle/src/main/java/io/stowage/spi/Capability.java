package io.stowage.spi;

/** What a backend can do; the kernel adapts to what is missing or refuses operations that need it. */
public enum Capability {
    /** {@link StorageBackend#scan} returns keys in unsigned byte order; needed for range scans and glob listing. */
    ORDERED_SCAN,
    /** The backend drops entries at their expiry hint itself, so the kernel does not sweep it. */
    NATIVE_TTL,
    /**
     * {@link StorageBackend#write} is atomic: no reader sees part of a batch. A distributed backend may make this
     * promise per store only (keys of one namespace and store); the kernel's batches never span stores.
     */
    ATOMIC_BATCH,
    /** Acknowledged writes survive a restart of the process. */
    DURABLE,
    /** Several processes can share the data. */
    DISTRIBUTED,
    /**
     * {@link StorageBackend#writeIf} checks its conditions and applies its mutations in one atomic step, as
     * {@link #ATOMIC_BATCH} does for a batch; needed for transactions. Range conditions need {@link #ORDERED_SCAN} too.
     *
     * @since 1.3
     */
    CONDITIONAL_WRITE,
    /**
     * Every write records what it changed in a stream per store, in the same atomic step as the write, which any
     * process sharing the data can read from a position ({@link StorageBackend#changesAfter}).
     *
     * @since 1.8
     */
    CHANGE_STREAM
}
