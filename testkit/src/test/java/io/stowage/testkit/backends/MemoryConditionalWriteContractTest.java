package io.stowage.testkit.backends;

import io.stowage.storage.memory.MemoryBackend;
import io.stowage.testkit.spi.ConditionalWriteContract;
import io.stowage.testlog.Loggers;

/** The conditional write contract against the memory backend: a new, empty instance per test. */
class MemoryConditionalWriteContractTest extends ConditionalWriteContract<MemoryBackend> {

    @Override
    protected MemoryBackend open() {
        return MemoryBackend.outsideFramework("contract", 10_000_000L, Loggers.silent());
    }

    @Override
    protected void close(MemoryBackend instance) {
        instance.close();
    }
}
