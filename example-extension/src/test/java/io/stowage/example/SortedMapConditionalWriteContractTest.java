package io.stowage.example;

import io.stowage.testkit.spi.ConditionalWriteContract;
import io.stowage.testlog.Loggers;

/** The conditional write suite, calling writeIf directly as the kernel's transactions do: a new instance per test. */
class SortedMapConditionalWriteContractTest extends ConditionalWriteContract<SortedMapBackend> {

    @Override
    protected SortedMapBackend open() {
        return SortedMapBackend.outsideFramework("contract", Loggers.silent());
    }

    @Override
    protected void close(SortedMapBackend backend) {
        backend.close();
    }
}
