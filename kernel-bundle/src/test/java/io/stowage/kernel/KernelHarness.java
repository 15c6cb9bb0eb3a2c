package io.stowage.kernel;

import io.stowage.storage.memory.MemoryBackend;

/** A kernel outside OSGi with a memory backend bound as the default configuration, on a manual clock. */
final class KernelHarness implements AutoCloseable {

    final ManualClock clock = new ManualClock();
    final Kernel kernel;
    final MemoryBackend backend;

    KernelHarness() {
        this(10_000_000L);
    }

    KernelHarness(long maxKeys) {
        kernel = new Kernel(new KernelSettings("default", 200, 3_600_000), clock, SilentLogger.create());
        backend = memoryBackend("default", maxKeys);
        kernel.bind("default", new BoundBackend(backend, "memory", "1.0.0"));
    }

    NamespaceService namespace(String name) {
        return new NamespaceService(kernel, name);
    }

    static MemoryBackend memoryBackend(String name, long maxKeys) {
        return MemoryBackend.outsideFramework(name, maxKeys, SilentLogger.create());
    }

    @Override
    public void close() {
        kernel.close();
    }

}
