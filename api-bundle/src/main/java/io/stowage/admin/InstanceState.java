package io.stowage.admin;

/**
 * Where a backend configuration stands with its instance: the one definition that the kernel, the shell, JMX and
 * the health check all read.
 */
public enum InstanceState {

    /** An instance serves the configuration. */
    SERVING,
    /** An instance is being made and serves once it has taken over (an update or a move is under way). */
    STARTING,
    /** The instance is retiring: new operations wait, running ones drain, volatile contents are handed over. */
    ENDING,
    /**
     * A store needs the configuration but no instance serves it: no installed extension fits its type and version
     * range, or its last start failed and is retried.
     */
    WAITING,
    /** The configuration holds data in a format this kernel does not read; it serves nothing until that changes. */
    FAILED,
    /** No store is routed to the configuration, so it has no instance. */
    UNUSED;

    /** Whether stores routed to the configuration can be served now or shortly, without an operator's action. */
    public boolean isAvailable() {
        return this == SERVING || this == UNUSED;
    }
}
