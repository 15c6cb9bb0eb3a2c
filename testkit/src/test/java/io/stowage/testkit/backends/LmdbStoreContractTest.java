package io.stowage.testkit.backends;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.AfterClass;
import org.junit.BeforeClass;

import io.stowage.api.StorageService;
import io.stowage.kernel.store.BoundBackend;
import io.stowage.kernel.store.NamespaceService;
import io.stowage.storage.lmdb.LmdbBackend;
import io.stowage.testkit.EmbeddedKernel;
import io.stowage.testkit.ManualClock;
import io.stowage.testkit.store.StoreContract;
import io.stowage.testkit.transforms.TestChains;
import io.stowage.testlog.Loggers;

/** The Store contract suite against the LMDB backend through the kernel, outside OSGi, on real files and a manual clock. */
public class LmdbStoreContractTest extends StoreContract {

    private static final ManualClock CLOCK = new ManualClock();
    private static Path folder;
    private static LmdbBackend backend;
    private static EmbeddedKernel kernel;

    @BeforeClass
    public static void startKernel() throws IOException {
        folder = Files.createTempDirectory("stowage-lmdb-contract");
        backend = LmdbBackend.outsideFramework("contract", folder, 8, 1024, Loggers.silent());
        kernel = TestChains.withTestChain(EmbeddedKernel.serve(backend, CLOCK));
    }

    @AfterClass
    public static void stopKernel() throws IOException {
        kernel.close();
        backend.close();
        Folders.delete(folder);
    }

    /** The kernel serving the class, which {@link LmdbTransformedStoreContractTest} reaches another namespace of. */
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
