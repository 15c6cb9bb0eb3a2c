package io.stowage.testkit.backends;

import java.time.Duration;

import org.junit.AfterClass;
import org.junit.BeforeClass;

import io.stowage.api.StorageService;
import io.stowage.storage.memory.MemoryBackend;
import io.stowage.testkit.EmbeddedKernel;
import io.stowage.testkit.ManualClock;
import io.stowage.testkit.store.StoreContract;
import io.stowage.testkit.transforms.DeflateTransform;
import io.stowage.testkit.transforms.XorTransform;
import io.stowage.testlog.Loggers;

/** The Store contract suite against the memory backend through the kernel with every
 * value through a chain (deflate, then xor: min size 0), outside OSGi, on a manual clock. */
public class MemoryTransformedStoreContractTest extends StoreContract {

    private static final ManualClock CLOCK = new ManualClock();
    private static MemoryBackend backend;
    private static EmbeddedKernel kernel;

    @BeforeClass
    public static void startKernel() {
        backend = MemoryBackend.outsideFramework("contract", 10_000_000L, Loggers.silent());
        kernel = EmbeddedKernel.serve(backend, CLOCK).withTransform(new DeflateTransform(), "1.0.0")
                .withTransform(new XorTransform(), "1.0.0").routeThrough("*", "*", "deflate(level=6), xor", 0);
    }

    @AfterClass
    public static void stopKernel() {
        kernel.close();
        backend.close();
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
