package io.stowage.testkit.backends;

import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;

import io.stowage.storage.lmdb.LmdbBackend;
import io.stowage.testkit.spi.ConditionalWriteContract;
import io.stowage.testlog.Loggers;

/** The conditional write contract against the LMDB backend, on an environment of its own per test that it reopens. */
class LmdbConditionalWriteContractTest extends ConditionalWriteContract<LmdbBackend> {

    @TempDir
    Path folder;

    @Override
    protected LmdbBackend open() {
        return LmdbBackend.outsideFramework("contract", folder, 8, 1024, Loggers.silent());
    }

    @Override
    protected void close(LmdbBackend instance) {
        instance.close();
    }

    @Override
    protected LmdbBackend reopen(LmdbBackend instance) {
        instance.close();
        return open();
    }
}
