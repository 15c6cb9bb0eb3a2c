package io.stowage.example;

import java.time.Duration;

import org.junit.AfterClass;
import org.junit.BeforeClass;

import io.stowage.api.StorageService;
import io.stowage.testkit.EmbeddedKernel;
import io.stowage.testkit.ManualClock;
import io.stowage.testkit.store.StoreContract;
import io.stowage.testlog.Loggers;

/** The Store contract suite, through the kernel as applications use it; time moves by hand (no NATIVE_TTL). */
public class SortedMapStoreContractTest extends StoreContract {

    private static final ManualClock CLOCK = new ManualClock();
    private static SortedMapBackend backend;
    private static EmbeddedKernel kernel;

    @BeforeClass
    public static void startKernel() {
        backend = SortedMapBackend.outsideFramework("contract", Loggers.silent());
        kernel = EmbeddedKernel.serve(backend, CLOCK);
    }

    @AfterClass
    public static void stopKernel() {
        kernel.close();
        backend.close();
    }

    @Override
    protected StorageService storage() {
        return kernel.namespace("com.example.app");
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
