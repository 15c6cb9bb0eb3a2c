package io.stowage.admin;

import java.util.List;

import io.stowage.spi.Capability;

/**
 * A backend configuration and where it stands.
 *
 * @param name what routes and stores call it
 * @param type the backend type it asks for, such as lmdb
 * @param versions the extension versions it accepts, as an OSGi version range
 * @param state where it stands with its instance
 * @param reason why it does not serve (what it waits for, or its failure), or empty
 * @param startError its last failure to start, retried with a back-off, or empty
 * @param version the version of the extension its instance runs on, or empty without an instance
 * @param capabilities what its instance can do, in the order of {@link Capability}; empty without an instance
 * @param inFlight operations running on its instance now
 */
public record ConfigurationInfo(String name, String type, String versions, InstanceState state, String reason,
        String startError, String version, List<Capability> capabilities, int inFlight) {

    public ConfigurationInfo {
        capabilities = List.copyOf(capabilities);
    }

    /** Whether an instance exists for it (starting, serving or ending). */
    public boolean hasInstance() {
        return !version.isEmpty();
    }
}
