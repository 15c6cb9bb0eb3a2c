package io.stowage.kernel.instance;

import java.util.Locale;

import io.stowage.admin.InstanceState;
import io.stowage.kernel.store.BackendSlot;
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

    /**
     * Where the configuration stands: failed while its slot refuses the data's format; else, with an instance,
     * serving, starting (made, not yet bound) or ending (retired); without one, waiting when a store needs it (for
     * an extension, or to retry a failed start) or unused.
     */
    static InstanceStatus of(BackendConfiguration configuration, BackendSlot slot, BoundBackend bound, boolean inUse) {
        if (slot.failure() != null) {
            return new InstanceStatus(InstanceState.FAILED, slot.failure().getMessage(), false, bound);
        }
        if (bound != null) {
            InstanceState state = bound.isRetired() ? InstanceState.ENDING
                    : slot.current() == bound ? InstanceState.SERVING : InstanceState.STARTING;
            return new InstanceStatus(state, "", false, bound);
        }
        if (inUse) {
            String error = slot.lastStartError();
            return error != null
                    ? new InstanceStatus(InstanceState.WAITING, "start failed " + error, true, null)
                    : new InstanceStatus(InstanceState.WAITING, "waits for a " + configuration.type()
                            + " extension in " + configuration.versions(), false, null);
        }
        return new InstanceStatus(InstanceState.UNUSED, "no store is routed to it", false, null);
    }

    /** The state as the shell and JMX print it: serving, starting, ending, waiting, failed or unused. */
    public String word() {
        return state.name().toLowerCase(Locale.ROOT);
    }

    /** Operations running on the instance, 0 without one. */
    public int inFlight() {
        return bound == null ? 0 : bound.running();
    }
}
