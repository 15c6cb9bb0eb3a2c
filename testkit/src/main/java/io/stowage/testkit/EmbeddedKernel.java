package io.stowage.testkit;

import java.time.Duration;
import java.util.function.LongSupplier;

import org.osgi.service.log.Logger;

import io.stowage.api.StorageService;
import io.stowage.kernel.index.IndexDefinition;
import io.stowage.kernel.index.LiveIndex;
import io.stowage.spi.IndexFunction;
import io.stowage.spi.StorageBackend;
import io.stowage.spi.ValueTransform;
import io.stowage.testlog.Loggers;

/**
 * The Stowage kernel without a framework, serving one backend instance as its default configuration, so that a
 * plain JUnit test reaches the backend through the same code as applications do in a framework:
 *
 * <pre>
 * try (EmbeddedKernel kernel = EmbeddedKernel.serve(backend)) {
 *     Store users = kernel.namespace("com.acme.app").store("users");
 *     ...
 * }
 * </pre>
 *
 * <p>The kernel keeps each value's expiry and hides expired entries by its clock; a backend with
 * {@link io.stowage.spi.Capability#NATIVE_TTL} drops them by its own clock, so it needs the real one. Closing the
 * kernel does not end the backend: that is its owner's {@code @Deactivate}, as in a framework.
 */
public final class EmbeddedKernel implements AutoCloseable {

    private final io.stowage.kernel.EmbeddedKernel kernel;

    private EmbeddedKernel(StorageBackend backend, LongSupplier clock, Logger logger) {
        this.kernel = new io.stowage.kernel.EmbeddedKernel(backend, backend.getClass().getSimpleName(), 200, clock,
                logger);
    }

    /** The kernel on the system clock, logging nothing. */
    public static EmbeddedKernel serve(StorageBackend backend) {
        return serve(backend, System::currentTimeMillis);
    }

    /** The kernel on {@code clock} (epoch milliseconds), such as a {@link ManualClock}, logging nothing. */
    public static EmbeddedKernel serve(StorageBackend backend, LongSupplier clock) {
        return serve(backend, clock, Loggers.silent());
    }

    /** The kernel on {@code clock}, logging to {@code logger}. */
    public static EmbeddedKernel serve(StorageBackend backend, LongSupplier clock, Logger logger) {
        return new EmbeddedKernel(backend, clock, logger);
    }

    /** The storage service a bundle with this symbolic name would get: its namespace of stores. */
    public StorageService namespace(String symbolicName) {
        return kernel.namespace(symbolicName);
    }

    /** Registers a value transform as its bundle would, with the bundle's version (such as {@code "1.0.0"}). */
    public EmbeddedKernel withTransform(ValueTransform transform, String version) {
        kernel.addTransform(transform, version);
        return this;
    }

    /** Unregisters a value transform, as when its bundle stops: values it wrote cannot be read until it is back. */
    public void removeTransform(ValueTransform transform) {
        kernel.removeTransform(transform);
    }

    /**
     * Routes the matching stores through a transform chain ({@code "deflate, xor(salt=7)"}), as a store route
     * configuration's {@code transforms} and {@code transformMinSize} do; {@code *} matches any namespace or store.
     */
    public EmbeddedKernel routeThrough(String namespace, String store, String transforms, int minSize) {
        kernel.routeThrough(namespace, store, transforms, minSize);
        return this;
    }

    /** Registers an index function as its bundle would, with the bundle's version (such as {@code "1.0.0"}). */
    public EmbeddedKernel withIndexFunction(IndexFunction function, String version) {
        kernel.addIndexFunction(function, version);
        return this;
    }

    /** Unregisters an index function, as when its bundle stops: writes to stores it indexes wait for it and fail. */
    public void removeIndexFunction(IndexFunction function) {
        kernel.removeIndexFunction(function);
    }

    /**
     * Creates a secondary index on a store, as {@code stowage:index} does ({@code function} such as
     * {@code json(pointer=/email)}), and waits until it is built, at most {@code timeout}.
     *
     * @throws IllegalStateException if its build failed or did not end in time
     */
    public void createIndex(String namespace, String store, String name, String function, boolean unique,
            Duration timeout) {
        LiveIndex index = kernel.createIndex(namespace, store,
                IndexDefinition.parse(namespace + "/" + store, name, function, unique));
        long deadline = System.nanoTime() + timeout.toNanos();
        while (index.state() == LiveIndex.State.BUILDING) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("index " + name + " of " + namespace + "/" + store
                        + " not built within " + timeout + " (" + index.built() + " entries so far)");
            }
            Thread.onSpinWait();
        }
        if (index.state() == LiveIndex.State.FAILED) {
            throw new IllegalStateException("index " + name + " of " + namespace + "/" + store + " failed to build: "
                    + index.failure());
        }
    }

    /** Drops a store's index and deletes its entries; false if it has no index of that name. */
    public boolean dropIndex(String namespace, String store, String name) {
        return kernel.dropIndex(namespace, store, name);
    }

    /** How many entries the store's index holds, expired ones not yet swept included. */
    public long indexEntries(String namespace, String store, String name) {
        return kernel.indexEntries(namespace, store, name);
    }

    /** Stops the kernel; the backend stays open. */
    @Override
    public void close() {
        kernel.close();
    }
}
