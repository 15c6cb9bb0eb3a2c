package io.stowage.testkit.backends;

import org.junit.BeforeClass;

import io.stowage.storage.memory.MemoryBackend;
import io.stowage.testlog.Loggers;

/** The secondary index contract on the memory backend, through the kernel outside OSGi. */
public class MemoryIndexContractTest extends EmbeddedIndexContract {

    @BeforeClass
    public static void startKernel() {
        MemoryBackend backend = MemoryBackend.outsideFramework("index-contract", 10_000_000L, Loggers.silent());
        serve(backend, backend::close);
    }
}
