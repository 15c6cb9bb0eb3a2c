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
import io.stowage.testkit.transforms.DeflateTransform;
import io.stowage.testkit.transforms.XorTransform;
import io.stowage.testlog.Loggers;

/** The Store contract suite against the LMDB backend through the kernel with every
 * value through a chain (deflate, then xor: min size 0), outside OSGi, on real files and a manual clock. */
public class LmdbTransformedStoreContractTest extends StoreContract {

    private static final ManualClock CLOCK = new ManualClock();
    private static Path folder;
    private static LmdbBackend backend;
    private static EmbeddedKernel kernel;

    @BeforeClass
    public static void startKernel() throws IOException {
        folder = Files.createTempDirectory("stowage-lmdb-contract");
        backend = LmdbBackend.outsideFramework("contract", folder, 8, 1024, Loggers.silent());
        kernel = EmbeddedKernel.serve(backend, CLOCK).withTransform(new DeflateTransform(), "1.0.0")
                .withTransform(new XorTransform(), "1.0.0").routeThrough("*", "*", "deflate(level=6), xor", 0);
    }

    @AfterClass
    public static void stopKernel() throws IOException {
        kernel.close();
        backend.close();
        Folders.delete(folder);
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
