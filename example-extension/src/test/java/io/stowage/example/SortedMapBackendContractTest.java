package io.stowage.example;

import io.stowage.testkit.spi.StorageBackendContract;
import io.stowage.testlog.Loggers;

/** The SPI contract suite, calling the backend directly as the kernel does: a new instance per test. */
class SortedMapBackendContractTest extends StorageBackendContract<SortedMapBackend> {

    @Override
    protected SortedMapBackend open() {
        return SortedMapBackend.outsideFramework("contract", Loggers.silent());
    }

    @Override
    protected void close(SortedMapBackend backend) {
        backend.close();
    }
}
