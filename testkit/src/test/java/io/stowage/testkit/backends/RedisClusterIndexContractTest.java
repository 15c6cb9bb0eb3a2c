package io.stowage.testkit.backends;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;

import org.junit.BeforeClass;

import io.stowage.storage.redis.RedisBackend;
import io.stowage.storage.redis.testing.RedisCluster;
import io.stowage.testlog.Loggers;

/**
 * The secondary index contract on a three-master Redis Cluster of its own (Jedis): a store's index entries lie in its
 * key range, so they share its hash slot, and a value and its entries change in one script there.
 */
public class RedisClusterIndexContractTest extends EmbeddedIndexContract {

    @BeforeClass
    public static void startKernel() throws IOException, InterruptedException {
        RedisCluster cluster = RedisCluster.start(Files.createTempDirectory("stowage-redis-cluster-index"));
        RedisBackend backend = RedisBackend.outsideCluster("index-contract", cluster.masters().stream()
                .map(m -> m.host() + ":" + m.port()).toList(), "jedis", Duration.ofSeconds(2), Loggers.silent());
        serve(backend, () -> {
            backend.close();
            cluster.close();
        });
    }
}
