package io.stowage.kernel;

import java.time.Duration;

import org.junit.AfterClass;
import org.junit.BeforeClass;

import io.stowage.api.StorageService;
import io.stowage.tck.StoreContract;

/** The contract suite against the memory backend through the kernel, outside OSGi, on a manual clock. */
public class MemoryStoreContractTest extends StoreContract {

    private static KernelHarness harness;
    private static StorageService storage;

    @BeforeClass
    public static void startKernel() {
        harness = new KernelHarness();
        storage = harness.namespace("io.stowage.tck");
    }

    @AfterClass
    public static void stopKernel() {
        harness.close();
    }

    @Override
    protected StorageService storage() {
        return storage;
    }

    @Override
    protected void elapse(Duration duration) {
        harness.clock.advance(duration);
    }

    @Override
    protected boolean clockIsExact() {
        return true;
    }
}
