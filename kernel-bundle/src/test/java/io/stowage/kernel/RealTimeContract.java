package io.stowage.kernel;

import org.junit.AfterClass;

import io.stowage.api.StorageService;
import io.stowage.kernel.store.BoundBackend;
import io.stowage.kernel.store.NamespaceService;
import io.stowage.spi.StorageBackend;
import io.stowage.tck.StoreContract;

/**
 * The contract suite through a kernel on the real clock, for a backend that expires keys by its own clock (Redis):
 * the suite must see them go. A subclass starts its backend in a {@code @BeforeClass} method and calls
 * {@link #serve}; {@link #stopKernel} ends both.
 */
public abstract class RealTimeContract extends StoreContract {

    private static StorageBackend backend;
    private static AutoCloseable backendCloser;
    private static Kernel kernel;
    private static StorageService storage;

    /** Serves the backend as the kernel's default configuration; {@code closer} ends it after the class. */
    static void serve(StorageBackend served, String type, AutoCloseable closer) {
        backend = served;
        backendCloser = closer;
        kernel = new Kernel(new KernelSettings("default", 200, 3_600_000), System::currentTimeMillis,
                SilentLogger.create());
        kernel.bind("default", new BoundBackend(backend, type, "test"));
        storage = new NamespaceService(kernel, "io.stowage.tck");
    }

    @AfterClass
    public static void stopKernel() throws Exception {
        kernel.close();
        backendCloser.close();
    }

    @Override
    protected StorageService storage() {
        return storage;
    }
}
