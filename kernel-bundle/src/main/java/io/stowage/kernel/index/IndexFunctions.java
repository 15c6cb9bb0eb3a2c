package io.stowage.kernel.index;

import java.util.List;
import java.util.Map;

import io.stowage.kernel.transform.ServicesByType;
import io.stowage.kernel.transform.TransformVersion;
import io.stowage.spi.IndexFunction;

/**
 * The registered {@link IndexFunction} services, by type and version: indexes use a type's highest version. A write
 * or lookup waiting for a type that is not registered (its bundle is being updated, or was uninstalled) waits until
 * one is ({@link ServicesByType}), as for value transforms.
 */
public final class IndexFunctions {

    private final ServicesByType<IndexFunction> services = new ServicesByType<>();

    /** Adds a service; its type is checked here, so a function with a bad type never serves. */
    public void add(IndexFunction function, TransformVersion version) {
        services.add(IndexDefinition.requireType(function.type()), function, version);
    }

    /** Removes a service; nothing happens if it was not registered. */
    public void remove(IndexFunction function) {
        services.remove(function);
    }

    /** The highest version of the type, or null when none is registered. */
    public IndexFunction newest(String type) {
        return services.newest(type);
    }

    /** The highest version of the type, waiting up to the timeout for one to be registered; null if none came. */
    public IndexFunction awaitNewest(String type, long timeoutMillis) {
        return services.await(() -> newest(type), timeoutMillis);
    }

    /** What is registered now, by type (newest first): for error messages and the operator's view. */
    public Map<String, List<ServicesByType.Registered<IndexFunction>>> registered() {
        return services.registered();
    }
}
