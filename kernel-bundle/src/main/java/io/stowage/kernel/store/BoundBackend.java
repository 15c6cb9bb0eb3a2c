package io.stowage.kernel.store;

import java.util.Set;

import io.stowage.spi.Capability;
import io.stowage.spi.StorageBackend;

/**
 * A live backend instance and what the kernel knows of it, with the operations running on it: the instance is
 * retired by closing its {@link InFlight}, which lets no new operation in and waits for those running.
 */
public record BoundBackend(StorageBackend backend, String type, String version, Set<Capability> capabilities,
        InFlight inFlight) {

    public BoundBackend(StorageBackend backend, String type, String version) {
        this(backend, type, version, Set.copyOf(backend.capabilities()), new InFlight());
    }

    public boolean can(Capability capability) {
        return capabilities.contains(capability);
    }

    /** Volatile backends lose their data when an instance ends: the kernel hands it over to the next one. */
    public boolean isDurable() {
        return capabilities.contains(Capability.DURABLE);
    }

    public boolean isRetired() {
        return inFlight.isClosed();
    }

    public void exit() {
        inFlight.exit();
    }
}
