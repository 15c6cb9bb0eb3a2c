package io.stowage.kernel;

import java.util.function.LongSupplier;

import org.osgi.service.log.Logger;

import io.stowage.api.StorageService;
import io.stowage.kernel.store.BoundBackend;
import io.stowage.kernel.store.NamespaceService;
import io.stowage.spi.StorageBackend;

/**
 * The kernel without a framework, serving one backend instance as its default configuration: for benchmarks and
 * tests that measure or check the kernel itself. Bundles never see this class (the kernel exports nothing).
 */
public final class EmbeddedKernel implements AutoCloseable {

    private final Kernel kernel;

    public EmbeddedKernel(StorageBackend backend, String type, long operationTimeoutMillis, LongSupplier clock,
            Logger logger) {
        this.kernel = new Kernel(new KernelSettings("default", operationTimeoutMillis, 3_600_000L), clock, logger);
        if (!kernel.bind("default", new BoundBackend(backend, type, "embedded"))) {
            kernel.close();
            throw kernel.slot("default").failure();
        }
    }

    /** The storage service a bundle with this symbolic name would get. */
    public StorageService namespace(String symbolicName) {
        return new NamespaceService(kernel, symbolicName);
    }

    @Override
    public void close() {
        kernel.close();
    }
}
