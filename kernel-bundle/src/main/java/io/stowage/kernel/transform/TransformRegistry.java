package io.stowage.kernel.transform;

import java.util.List;
import java.util.Map;

import io.stowage.spi.ValueTransform;

/**
 * The registered {@link ValueTransform} services, by type and version: new writes use a type's highest version,
 * reads any that reads the value's format version. Lookups read an immutable snapshot, so a transformed read takes
 * no lock; a writer waiting for a type that is not registered waits until one is ({@link ServicesByType}).
 */
public final class TransformRegistry {

    private final ServicesByType<ValueTransform> services = new ServicesByType<>();
    private final ChainCodec codec = new ChainCodec(this);

    /** Applies and undoes chains with the transforms registered here. */
    public ChainCodec codec() {
        return codec;
    }

    /** Adds a service; its type is checked here, so a transform with a bad type never serves. */
    public void add(ValueTransform transform, TransformVersion version) {
        String type = transform.type();
        TransformHeader.requireType(type);
        services.add(type, transform, version);
    }

    /** Removes a service; nothing happens if it was not registered. */
    public void remove(ValueTransform transform) {
        services.remove(transform);
        codec.forgetBound();
    }

    /** Whether the service is registered now (a step bound to one that left must not be used again). */
    public boolean isRegistered(ValueTransform transform) {
        return services.isRegistered(transform);
    }

    /**
     * How many times a service was added or removed: a lookup made after reading this count holds for as long as
     * the count stays the same.
     */
    public long generation() {
        return services.generation();
    }

    /** The highest version of the type, or null when none is registered. */
    public ValueTransform newest(String type) {
        return services.newest(type);
    }

    /** The highest version of the type that reads values of this format version, or null. */
    public ValueTransform reading(String type, int formatVersion) {
        for (ServicesByType.Registered<ValueTransform> registered : services.versions(type)) {
            if (registered.service().reads(formatVersion)) {
                return registered.service();
            }
        }
        return null;
    }

    /** The highest version of the type, waiting up to the timeout for one to be registered; null if none came. */
    public ValueTransform awaitNewest(String type, long timeoutMillis) {
        return services.await(() -> newest(type), timeoutMillis);
    }

    /**
     * As {@link #reading}, waiting up to the timeout for such a transform to be registered (an update of its bundle
     * leaves none for a moment); null if none came.
     */
    public ValueTransform awaitReading(String type, int formatVersion, long timeoutMillis) {
        return services.await(() -> reading(type, formatVersion), timeoutMillis);
    }

    /** What is registered now, by type (newest first): for error messages and the operator's view. */
    public Map<String, List<ServicesByType.Registered<ValueTransform>>> registered() {
        return services.registered();
    }
}
