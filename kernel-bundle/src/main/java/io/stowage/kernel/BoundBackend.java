package io.stowage.kernel;

import java.util.Set;

import io.stowage.spi.Capability;
import io.stowage.spi.StorageBackend;

/**
 * A live backend instance and what the kernel knows of it, with the operations running on it: the instance is
 * retired by closing its {@link InFlight}, which lets no new operation in and waits for those running.
 */
record BoundBackend(StorageBackend backend, String type, String version, Set<Capability> capabilities,
        InFlight inFlight) {

    BoundBackend(StorageBackend backend, String type, String version) {
        this(backend, type, version, Set.copyOf(backend.capabilities()), new InFlight());
    }

    boolean can(Capability capability) {
        return capabilities.contains(capability);
    }

    /** Volatile backends lose their data when an instance ends: the kernel hands it over to the next one. */
    boolean isDurable() {
        return capabilities.contains(Capability.DURABLE);
    }

    boolean isRetired() {
        return inFlight.isClosed();
    }

    void exit() {
        inFlight.exit();
    }
}
