package io.stowage.kernel;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

import io.stowage.api.Batch;
import io.stowage.api.StorageService;
import io.stowage.api.Store;
import io.stowage.storage.redis.RedisBackend;
import io.stowage.storage.redis.testing.RedisCluster;
import io.stowage.tck.StoreContract;

/**
 * The contract suite against a three-master Redis Cluster the test creates on loopback: every store's keys in one
 * hash slot, so scans and atomic batches work on a cluster too, while different stores spread across masters.
 */
public class RedisClusterStoreContractTest extends StoreContract {

    private static RedisCluster cluster;
    private static RedisBackend backend;
    private static Kernel kernel;
    private static StorageService storage;

    @BeforeClass
    public static void startKernel() throws IOException, InterruptedException {
        cluster = RedisCluster.start(Files.createTempDirectory("stowage-redis-cluster"));
        backend = RedisBackend.outsideCluster("contract", cluster.masters().stream()
                .map(m -> m.host() + ":" + m.port()).toList(), SilentLogger.create());
        kernel = new Kernel(new KernelSettings("default", 200, 3_600_000), System::currentTimeMillis,
                SilentLogger.create());
        kernel.bind("default", new BoundBackend(backend, "redis", "test"));
        storage = new NamespaceService(kernel, "io.stowage.tck");
    }

    @AfterClass
    public static void stopKernel() throws IOException {
        kernel.close();
        backend.close();
        cluster.close();
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

    @Test
    public void storesSpreadAcrossMastersWhileEachStaysInOneSlot() throws IOException {
        for (int s = 0; s < 24; s++) {
            Store spread = storage.store("spread" + s);
            Batch.Builder batch = Batch.builder();
            for (int k = 0; k < 10; k++) {
                batch.put("k" + k, new byte[] {(byte) k});
            }
            spread.write(batch.build());
            assertEquals(10, spread.keys("k*", 100).items().size());
        }
        List<Long> perMaster = cluster.keysPerMaster();
        assertTrue("keys per master " + perMaster, perMaster.stream().allMatch(n -> n > 0));
    }
}
