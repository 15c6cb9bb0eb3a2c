package io.stowage.example;

import io.stowage.testkit.SilentLogger;
import io.stowage.testkit.spi.StorageBackendContract;

/** The SPI contract suite, calling the backend directly as the kernel does: a new instance per test. */
class SortedMapBackendContractTest extends StorageBackendContract<SortedMapBackend> {

    @Override
    protected SortedMapBackend open() {
        return SortedMapBackend.outsideFramework("contract", SilentLogger.create());
    }

    @Override
    protected void close(SortedMapBackend backend) {
        backend.close();
    }
}
