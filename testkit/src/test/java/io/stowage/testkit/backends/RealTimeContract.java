package io.stowage.testkit.backends;

import org.junit.AfterClass;

import io.stowage.api.StorageService;
import io.stowage.spi.StorageBackend;
import io.stowage.testkit.EmbeddedKernel;
import io.stowage.testkit.store.StoreContract;
import io.stowage.testkit.transforms.TestChains;

/**
 * The Store contract suite through a kernel on the real clock, for a backend that expires keys by its own clock
 * (Redis): the suite must see them go. A subclass starts its backend in a {@code @BeforeClass} method and calls
 * {@link #serve}; {@link #stopKernel} ends both.
 */
public abstract class RealTimeContract extends StoreContract {

    private static AutoCloseable backendCloser;
    private static EmbeddedKernel kernel;

    /** Serves the backend through the kernel; {@code closer} ends it after the class. */
    static void serve(StorageBackend served, AutoCloseable closer) {
        backendCloser = closer;
        kernel = TestChains.withTestChain(EmbeddedKernel.serve(served));
    }

    @AfterClass
    public static void stopKernel() throws Exception {
        kernel.close();
        backendCloser.close();
    }

    @Override
    protected StorageService storage() {
        return kernel.namespace("io.stowage.tck");
    }

    /** The namespace whose stores go through {@link TestChains}' chain, for the transformed runs of the suite. */
    protected static StorageService transformed() {
        return kernel.namespace(TestChains.TRANSFORMED_NAMESPACE);
    }
}
