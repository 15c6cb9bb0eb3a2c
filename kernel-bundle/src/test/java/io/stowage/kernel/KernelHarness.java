package io.stowage.kernel;

import io.stowage.kernel.store.BoundBackend;
import io.stowage.kernel.store.NamespaceService;
import io.stowage.storage.memory.MemoryBackend;
import io.stowage.testlog.Loggers;

/** A kernel outside OSGi with a memory backend bound as the default configuration, on a manual clock. */
public final class KernelHarness implements AutoCloseable {

    public final ManualClock clock = new ManualClock();
    public final Kernel kernel;
    public final MemoryBackend backend;

    public KernelHarness() {
        this(10_000_000L);
    }

    public KernelHarness(long maxKeys) {
        kernel = new Kernel(new KernelSettings("default", 200, 3_600_000), clock, Loggers.silent());
        backend = memoryBackend("default", maxKeys);
        kernel.bind("default", new BoundBackend(backend, "memory", "1.0.0"));
    }

    public NamespaceService namespace(String name) {
        return new NamespaceService(kernel, name);
    }

    public static MemoryBackend memoryBackend(String name, long maxKeys) {
        return MemoryBackend.outsideFramework(name, maxKeys, Loggers.silent());
    }

    @Override
    public void close() {
        kernel.close();
    }

}
