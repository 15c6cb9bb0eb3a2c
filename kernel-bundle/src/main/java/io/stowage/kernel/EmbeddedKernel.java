package io.stowage.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

import org.osgi.service.log.Logger;

import io.stowage.api.StorageService;
import io.stowage.api.StoreListener;
import io.stowage.kernel.index.IndexDefinition;
import io.stowage.kernel.index.LiveIndex;
import io.stowage.kernel.routing.RouteRule;
import io.stowage.kernel.store.BoundBackend;
import io.stowage.kernel.store.NamespaceService;
import io.stowage.kernel.transform.TransformChain;
import io.stowage.kernel.transform.TransformVersion;
import io.stowage.spi.IndexFunction;
import io.stowage.spi.StorageBackend;
import io.stowage.spi.ValueTransform;

/**
 * The kernel without a framework, serving one backend instance as its default configuration: for benchmarks and
 * tests that measure or check the kernel itself. Bundles never see this class (the kernel exports nothing).
 */
public final class EmbeddedKernel implements AutoCloseable {

    private static final String DEFAULT = "default";

    /** How often the expiry sweep runs unless told: rarely, as benchmarks and tests sweep when they mean to. */
    public static final long DEFAULT_SWEEP_INTERVAL_MILLIS = 3_600_000L;

    private final Kernel kernel;
    private final List<RouteRule> rules = new ArrayList<>();

    public EmbeddedKernel(StorageBackend backend, String type, long operationTimeoutMillis, LongSupplier clock,
            Logger logger) {
        this(backend, type, operationTimeoutMillis, DEFAULT_SWEEP_INTERVAL_MILLIS, clock, logger);
    }

    /** {@code sweepIntervalMillis}: how often expired entries are removed, each removal an {@code EXPIRE} change. */
    public EmbeddedKernel(StorageBackend backend, String type, long operationTimeoutMillis, long sweepIntervalMillis,
            LongSupplier clock, Logger logger) {
        this(backend, type, new KernelSettings(DEFAULT, operationTimeoutMillis, sweepIntervalMillis), clock, logger);
    }

    /** With every tunable given; the backend serves {@code settings.defaultBackend()}. */
    public EmbeddedKernel(StorageBackend backend, String type, KernelSettings settings, LongSupplier clock,
            Logger logger) {
        this.kernel = new Kernel(settings, clock, logger);
        if (!kernel.bind(settings.defaultBackend(), new BoundBackend(backend, type, "embedded"))) {
            kernel.close();
            throw kernel.slot(settings.defaultBackend()).failure();
        }
    }

    /** The storage service a bundle with this symbolic name would get. */
    public StorageService namespace(String symbolicName) {
        return new NamespaceService(kernel, symbolicName);
    }

    /** Registers a value transform as its bundle would, with the bundle's version. */
    public void addTransform(ValueTransform transform, String version) {
        kernel.transforms().add(transform, TransformVersion.parse(version));
    }

    /** Unregisters a value transform, as when its bundle stops. */
    public void removeTransform(ValueTransform transform) {
        kernel.transforms().remove(transform);
    }

    /** Registers an index function as its bundle would, with the bundle's version. */
    public void addIndexFunction(IndexFunction function, String version) {
        kernel.indexFunctions().add(function, TransformVersion.parse(version));
    }

    /** Unregisters an index function, as when its bundle stops. */
    public void removeIndexFunction(IndexFunction function) {
        kernel.indexFunctions().remove(function);
    }

    /**
     * Creates a secondary index on a store and starts building it, as the operator's {@code stowage:index}
     * does; returns at once, with the index being built.
     */
    public LiveIndex createIndex(String namespace, String store, IndexDefinition definition) {
        return kernel.indexes().create(kernel.route(namespace, store), definition);
    }

    /** Drops a store's index and deletes its entries; false if it has none of that name. */
    public boolean dropIndex(String namespace, String store, String name) {
        return kernel.indexes().drop(kernel.route(namespace, store), name);
    }

    /** The store's indexes as they are now, with their state and build progress. */
    public List<LiveIndex> indexes(String namespace, String store) {
        return kernel.route(namespace, store).indexes().all();
    }

    /** How many entries the store's index of that name (the one answering lookups) holds now; 0 if it has none. */
    public long indexEntries(String namespace, String store, String name) {
        return kernel.indexes().entries(kernel.route(namespace, store), name);
    }

    /**
     * Adds a store route on the default backend with a transform chain, as an {@code io.stowage.store} configuration
     * with {@code transforms} and {@code transformMinSize} would; {@code *} matches any namespace or store.
     *
     * @throws IllegalArgumentException if the chain does not parse, naming the position
     */
    public synchronized void routeThrough(String namespace, String store, String transforms, int minSize) {
        String label = namespace + "/" + store;
        rules.add(new RouteRule(namespace, store, DEFAULT, TransformChain.parse(label, transforms, minSize)));
        kernel.updateRules(rules);
    }

    /** Registers a whiteboard store listener as a bundle with this symbolic name would, with its service properties. */
    public void addListener(String symbolicName, StoreListener listener, Map<String, ?> properties) {
        kernel.listeners().add(symbolicName, listener, properties);
    }

    /** Unregisters it, as when its service goes. */
    public void removeListener(StoreListener listener) {
        kernel.listeners().remove(listener);
    }

    @Override
    public void close() {
        kernel.close();
    }
}
