package io.stowage.testkit.backends;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.BeforeClass;

import io.stowage.storage.lmdb.LmdbBackend;
import io.stowage.testlog.Loggers;

/** The secondary index contract on the LMDB backend, on real files, through the kernel outside OSGi. */
public class LmdbIndexContractTest extends EmbeddedIndexContract {

    @BeforeClass
    public static void startKernel() throws IOException {
        Path folder = Files.createTempDirectory("stowage-lmdb-index");
        LmdbBackend backend = LmdbBackend.outsideFramework("index-contract", folder, 8, 1024, Loggers.silent());
        serve(backend, () -> {
            backend.close();
            Folders.delete(folder);
        });
    }
}
