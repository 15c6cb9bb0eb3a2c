package io.stowage.kernel;

import java.util.Set;

import io.stowage.spi.Capability;
import io.stowage.spi.StorageBackend;

/** A live backend instance and what the kernel knows of it. */
record BoundBackend(StorageBackend backend, String type, String version, Set<Capability> capabilities) {

    BoundBackend(StorageBackend backend, String type, String version) {
        this(backend, type, version, Set.copyOf(backend.capabilities()));
    }

    boolean can(Capability capability) {
        return capabilities.contains(capability);
    }
}
