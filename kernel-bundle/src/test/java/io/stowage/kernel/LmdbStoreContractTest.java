package io.stowage.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

import org.junit.AfterClass;
import org.junit.BeforeClass;

import io.stowage.api.StorageService;
import io.stowage.kernel.store.BoundBackend;
import io.stowage.kernel.store.NamespaceService;
import io.stowage.storage.lmdb.LmdbBackend;
import io.stowage.tck.StoreContract;

/** The contract suite against the LMDB backend through the kernel, outside OSGi, on real files and a manual clock. */
public class LmdbStoreContractTest extends StoreContract {

    private static final ManualClock CLOCK = new ManualClock();
    private static Path folder;
    private static LmdbBackend backend;
    private static Kernel kernel;
    private static StorageService storage;

    @BeforeClass
    public static void startKernel() throws IOException {
        folder = Files.createTempDirectory("stowage-lmdb-contract");
        backend = LmdbBackend.outsideFramework("contract", folder, 8, 1024, SilentLogger.create());
        kernel = new Kernel(new KernelSettings("default", 200, 3_600_000), CLOCK, SilentLogger.create());
        kernel.bind("default", new BoundBackend(backend, "lmdb", "test"));
        storage = new NamespaceService(kernel, "io.stowage.tck");
    }

    @AfterClass
    public static void stopKernel() throws IOException {
        kernel.close();
        backend.close();
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Override
    protected StorageService storage() {
        return storage;
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
