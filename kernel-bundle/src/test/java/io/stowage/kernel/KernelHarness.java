package io.stowage.kernel;

import java.lang.reflect.Proxy;

import io.stowage.storage.memory.MemoryBackend;
import io.stowage.storage.memory.MemoryBackendConfig;

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
        MemoryBackendConfig config = (MemoryBackendConfig) Proxy.newProxyInstance(
                MemoryBackendConfig.class.getClassLoader(), new Class<?>[] {MemoryBackendConfig.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "name" -> name;
                    case "version" -> "0.0.0";
                    case "maxKeys" -> maxKeys;
                    case "annotationType" -> MemoryBackendConfig.class;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return new MemoryBackend(config, SilentLogger.create());
    }

    @Override
    public void close() {
        kernel.close();
    }

}
