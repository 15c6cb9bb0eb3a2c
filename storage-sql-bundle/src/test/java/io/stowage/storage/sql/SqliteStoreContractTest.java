package io.stowage.storage.sql;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

import org.junit.AfterClass;
import org.junit.BeforeClass;

import io.stowage.api.StorageService;
import io.stowage.testkit.EmbeddedKernel;
import io.stowage.testkit.ManualClock;
import io.stowage.testkit.store.StoreContract;
import io.stowage.testlog.Loggers;

/** The Store contract suite through the kernel on SQLite; time moves by hand (the kernel sweeps, no NATIVE_TTL). */
public class SqliteStoreContractTest extends StoreContract {

    private static final ManualClock CLOCK = new ManualClock();
    private static Path folder;
    private static SqlBackend backend;
    private static EmbeddedKernel kernel;

    @BeforeClass
    public static void startKernel() throws IOException {
        folder = Files.createTempDirectory("stowage-sqlite-contract");
        backend = SqlBackend.outsideFramework("contract", folder.resolve("contract.db"), Loggers.silent());
        kernel = EmbeddedKernel.serve(backend, CLOCK);
    }

    @AfterClass
    public static void stopKernel() throws IOException {
        kernel.close();
        backend.close();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
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
