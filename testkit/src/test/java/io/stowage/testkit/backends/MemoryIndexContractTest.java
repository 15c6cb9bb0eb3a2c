package io.stowage.testkit.backends;

import java.time.Duration;

import org.junit.AfterClass;
import org.junit.BeforeClass;

import io.stowage.api.StorageService;
import io.stowage.storage.memory.MemoryBackend;
import io.stowage.testkit.EmbeddedKernel;
import io.stowage.testkit.store.IndexContract;
import io.stowage.testkit.store.WordsIndexFunction;
import io.stowage.testlog.Loggers;

/** The secondary index contract on the memory backend, through the kernel outside OSGi. */
public class MemoryIndexContractTest extends IndexContract {

    private static MemoryBackend backend;
    private static EmbeddedKernel kernel;

    @BeforeClass
    public static void startKernel() {
        backend = MemoryBackend.outsideFramework("index-contract", 10_000_000L, Loggers.silent());
        kernel = EmbeddedKernel.serve(backend).withIndexFunction(new WordsIndexFunction(), "1.0.0");
    }

    @AfterClass
    public static void stopKernel() {
        kernel.close();
        backend.close();
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
