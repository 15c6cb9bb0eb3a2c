package io.stowage.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;

import org.junit.AfterClass;
import org.junit.BeforeClass;

import io.stowage.api.StorageService;
import io.stowage.storage.redis.RedisBackend;
import io.stowage.storage.redis.testing.RedisServer;
import io.stowage.tck.StoreContract;

/**
 * The contract suite against the Redis backend through the kernel, on a redis-server of its own. Time is real:
 * Redis expires keys by its own clock, and the suite must see them go.
 */
public class RedisStoreContractTest extends StoreContract {

    private static RedisServer server;
    private static RedisBackend backend;
    private static Kernel kernel;
    private static StorageService storage;

    @BeforeClass
    public static void startKernel() throws IOException {
        server = RedisServer.start(Files.createTempDirectory("stowage-redis-contract"));
        backend = RedisBackend.outsideFramework("contract", server.host(), server.port(), SilentLogger.create());
        kernel = new Kernel(new KernelSettings("default", 200, 3_600_000), System::currentTimeMillis,
                SilentLogger.create());
        kernel.bind("default", new BoundBackend(backend, "redis", "test"));
        storage = new NamespaceService(kernel, "io.stowage.tck");
    }

    @AfterClass
    public static void stopKernel() throws IOException {
        kernel.close();
        backend.close();
        server.close();
    }

    @Override
    protected StorageService storage() {
        return storage;
    }

    @Override
    protected void elapse(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
