package io.stowage.testkit.backends;

import java.time.Duration;

import org.junit.AfterClass;
import org.junit.BeforeClass;

import io.stowage.api.StorageService;
import io.stowage.storage.memory.MemoryBackend;
import io.stowage.testkit.EmbeddedKernel;
import io.stowage.testkit.ManualClock;
import io.stowage.testkit.store.StoreContract;
import io.stowage.testkit.transforms.TestChains;
import io.stowage.testlog.Loggers;

/** The Store contract suite against the memory backend through the kernel, outside OSGi, on a manual clock. */
public class MemoryStoreContractTest extends StoreContract {

    private static final ManualClock CLOCK = new ManualClock();
    private static MemoryBackend backend;
    private static EmbeddedKernel kernel;

    @BeforeClass
    public static void startKernel() {
        backend = MemoryBackend.outsideFramework("contract", 10_000_000L, Loggers.silent());
        kernel = TestChains.withTestChain(EmbeddedKernel.serve(backend, CLOCK));
    }

    @AfterClass
    public static void stopKernel() {
        kernel.close();
        backend.close();
    }

    /** The kernel serving the class, which {@link MemoryTransformedStoreContractTest} reaches another namespace of. */
    static EmbeddedKernel kernel() {
        return kernel;
    }

    @Override
    protected StorageService storage() {
        return kernel.namespace("io.stowage.tck");
    }

    @Override
    protected void elapse(Duration duration) {
        CLOCK.advance(duration);
    }

    @Override
    protected boolean clockIsExact() {
        return true;
    }
}
