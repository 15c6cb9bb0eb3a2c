package io.stowage.kernel;

/**
 * The kernel's tunables.
 *
 * @param defaultBackend         backend configuration of stores that no route names
 * @param operationTimeoutMillis how long an operation waits for a missing backend before it fails
 * @param sweepIntervalMillis    how often expired entries are removed from backends without native TTL
 */
record KernelSettings(String defaultBackend, long operationTimeoutMillis, long sweepIntervalMillis) {

    KernelSettings {
        if (defaultBackend == null || defaultBackend.isBlank()) {
            throw new IllegalArgumentException("defaultBackend must name a backend configuration");
        }
        if (operationTimeoutMillis < 0) {
            throw new IllegalArgumentException("operationTimeoutMillis must not be negative: " + operationTimeoutMillis);
        }
        if (sweepIntervalMillis < 1) {
            throw new IllegalArgumentException("sweepIntervalMillis must be positive: " + sweepIntervalMillis);
        }
    }
}
