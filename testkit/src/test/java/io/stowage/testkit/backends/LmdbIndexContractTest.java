package io.stowage.testkit.backends;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.AfterClass;
import org.junit.BeforeClass;

import io.stowage.api.StorageService;
import io.stowage.storage.lmdb.LmdbBackend;
import io.stowage.testkit.EmbeddedKernel;
import io.stowage.testkit.store.IndexContract;
import io.stowage.testkit.store.WordsIndexFunction;
import io.stowage.testlog.Loggers;

/** The secondary index contract on the LMDB backend, on real files, through the kernel outside OSGi. */
public class LmdbIndexContractTest extends IndexContract {

    private static Path folder;
    private static LmdbBackend backend;
    private static EmbeddedKernel kernel;

    @BeforeClass
    public static void startKernel() throws IOException {
        folder = Files.createTempDirectory("stowage-lmdb-index");
        backend = LmdbBackend.outsideFramework("index-contract", folder, 8, 1024, Loggers.silent());
        kernel = EmbeddedKernel.serve(backend).withIndexFunction(new WordsIndexFunction(), "1.0.0");
    }

    @AfterClass
    public static void stopKernel() throws IOException {
        kernel.close();
        backend.close();
        Folders.delete(folder);
    }

    @Override
    protected StorageService storage() {
        return kernel.namespace("io.stowage.index.contract");
    }

    @Override
    protected void createIndex(String store, String name, String function, boolean unique) {
        kernel.createIndex("io.stowage.index.contract", store, name, function, unique, Duration.ofSeconds(60));
    }

    @Override
    protected void dropIndex(String store, String name) {
        kernel.dropIndex("io.stowage.index.contract", store, name);
    }
}
