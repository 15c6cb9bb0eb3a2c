package io.stowage.kernel;

/**
 * The kernel's tunables.
 *
 * @param defaultBackend         backend configuration of stores that no route names
 * @param operationTimeoutMillis how long an operation waits for a missing backend before it fails
 * @param sweepIntervalMillis    how often expired entries are removed from backends without native TTL
 * @param drainTimeoutMillis     how long an ending backend instance waits for the operations running on it
 * @param transactionAttempts    how many times a transaction runs before it gives up on conflicts
 * @param transactionBackoffMillis the longest pause before a transaction's second attempt; it doubles with each
 *                               further attempt, and each pause is random between half of it and all of it
 * @param changeLogSize          how many of a watched store's last changes the kernel keeps for its feeds and
 *                               listeners to read at their own pace
 * @param changeLogRetentionMillis how long a store's change log is kept after its last feed or listener left, so
 *                               that a consumer that restarts (its bundle updated, say) resumes from its position;
 *                               0 drops it at once
 */
public record KernelSettings(String defaultBackend, long operationTimeoutMillis, long sweepIntervalMillis,
        long drainTimeoutMillis, int transactionAttempts, long transactionBackoffMillis, int changeLogSize,
        long changeLogRetentionMillis) {

    static final int DEFAULT_TRANSACTION_ATTEMPTS = 10;
    static final long DEFAULT_TRANSACTION_BACKOFF_MILLIS = 2;
    static final int DEFAULT_CHANGE_LOG_SIZE = 10_000;
    static final long DEFAULT_CHANGE_LOG_RETENTION_MILLIS = 600_000;

    public KernelSettings(String defaultBackend, long operationTimeoutMillis, long sweepIntervalMillis,
            long drainTimeoutMillis, int transactionAttempts, long transactionBackoffMillis, int changeLogSize) {
        this(defaultBackend, operationTimeoutMillis, sweepIntervalMillis, drainTimeoutMillis, transactionAttempts,
                transactionBackoffMillis, changeLogSize, DEFAULT_CHANGE_LOG_RETENTION_MILLIS);
    }

    public KernelSettings(String defaultBackend, long operationTimeoutMillis, long sweepIntervalMillis,
            long drainTimeoutMillis, int transactionAttempts, long transactionBackoffMillis) {
        this(defaultBackend, operationTimeoutMillis, sweepIntervalMillis, drainTimeoutMillis, transactionAttempts,
                transactionBackoffMillis, DEFAULT_CHANGE_LOG_SIZE);
    }

    public KernelSettings(String defaultBackend, long operationTimeoutMillis, long sweepIntervalMillis,
            long drainTimeoutMillis) {
        this(defaultBackend, operationTimeoutMillis, sweepIntervalMillis, drainTimeoutMillis,
                DEFAULT_TRANSACTION_ATTEMPTS, DEFAULT_TRANSACTION_BACKOFF_MILLIS);
    }

    /** The default drain: well below SCR's lock timeout of 5 s, which an ending instance runs under. */
    static final long DEFAULT_DRAIN_MILLIS = 2000;

    public KernelSettings(String defaultBackend, long operationTimeoutMillis, long sweepIntervalMillis) {
        this(defaultBackend, operationTimeoutMillis, sweepIntervalMillis, DEFAULT_DRAIN_MILLIS);
    }

    public KernelSettings {
        if (defaultBackend == null || defaultBackend.isBlank()) {
            throw new IllegalArgumentException("defaultBackend must name a backend configuration");
        }
        if (operationTimeoutMillis < 0) {
            throw new IllegalArgumentException("operationTimeoutMillis must not be negative: " + operationTimeoutMillis);
        }
        if (sweepIntervalMillis < 1) {
            throw new IllegalArgumentException("sweepIntervalMillis must be positive: " + sweepIntervalMillis);
        }
        if (drainTimeoutMillis < 0) {
            throw new IllegalArgumentException("drainTimeoutMillis must not be negative: " + drainTimeoutMillis);
        }
        if (transactionAttempts < 1) {
            throw new IllegalArgumentException("transactionAttempts must be at least 1: " + transactionAttempts);
        }
        if (transactionBackoffMillis < 0) {
            throw new IllegalArgumentException("transactionBackoffMillis must not be negative: "
                    + transactionBackoffMillis);
        }
        if (changeLogSize < 1) {
            throw new IllegalArgumentException("changeLogSize must be at least 1: " + changeLogSize);
        }
        if (changeLogRetentionMillis < 0) {
            throw new IllegalArgumentException("changeLogRetentionSeconds must not be negative: "
                    + changeLogRetentionMillis / 1000);
        }
    }
}
