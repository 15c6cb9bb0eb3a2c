package io.stowage.kernel.instance;

import java.util.Locale;

import io.stowage.admin.InstanceState;
import io.stowage.kernel.store.BoundBackend;

/**
 * Where one backend configuration stands, computed in one place ({@link BackendInstances#status}) for every tool
 * that shows it.
 *
 * @param state       the instance's state
 * @param reason      why it does not serve (the format failure, the last start failure, what it waits for, or that
 *                    no store is routed to it), or empty
 * @param startFailed whether a {@link InstanceState#WAITING} configuration waits because its last start failed
 * @param bound       the instance's backend, or null without an instance
 */
public record InstanceStatus(InstanceState state, String reason, boolean startFailed, BoundBackend bound) {

    /** The state as the shell and JMX print it: serving, starting, ending, waiting, failed or unused. */
    public String word() {
        return state.name().toLowerCase(Locale.ROOT);
    }

    /** Operations running on the instance, 0 without one. */
    public int inFlight() {
        return bound == null ? 0 : bound.inFlight().running();
    }
}
