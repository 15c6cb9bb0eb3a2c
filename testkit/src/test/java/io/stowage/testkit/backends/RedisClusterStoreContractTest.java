package io.stowage.testkit.backends;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.nio.file.Files;
import java.util.List;

import org.junit.BeforeClass;
import org.junit.Test;

import io.stowage.api.Batch;
import io.stowage.api.Store;
import io.stowage.storage.redis.RedisBackend;
import io.stowage.storage.redis.testing.RedisCluster;
import io.stowage.testlog.Loggers;

/**
 * The Store contract suite against a three-master Redis Cluster the test creates on loopback: every store's keys in one
 * hash slot, so scans and atomic batches work on a cluster too, while different stores spread across masters. On
 * Jedis here, on Lettuce in {@link RedisClusterStoreContractOnLettuceTest}.
 */
public class RedisClusterStoreContractTest extends RealTimeContract {

    private static RedisCluster cluster;

    @BeforeClass
    public static void startKernel() throws IOException, InterruptedException {
        start("jedis");
    }

    /** Serves the kernel on a backend on the client named, on a cluster of its own. */
    static void start(String client) throws IOException, InterruptedException {
        cluster = RedisCluster.start(Files.createTempDirectory("stowage-redis-cluster"));
        RedisBackend backend = RedisBackend.outsideCluster("contract", cluster.masters().stream()
                .map(m -> m.host() + ":" + m.port()).toList(), client, Duration.ofSeconds(2), Loggers.silent());
        serve(backend, () -> {
            backend.close();
            cluster.close();
        });
    }

    @Test
    public void storesSpreadAcrossMastersWhileEachStaysInOneSlot() throws IOException {
        for (int s = 0; s < 24; s++) {
            Store spread = storage().store("spread" + s);
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
