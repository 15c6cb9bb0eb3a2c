package io.stowage.testkit.backends;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import io.stowage.storage.redis.RedisBackend;
import io.stowage.storage.redis.testing.RedisCluster;
import io.stowage.testkit.spi.ConditionalWriteContract;
import io.stowage.testlog.Loggers;

/**
 * The conditional write contract against the Redis backend on a three-master Redis Cluster the class creates on
 * loopback, where each call's keys share their store's hash slot; on Jedis here, on Lettuce in
 * {@link RedisClusterConditionalWriteContractOnLettuceTest}.
 */
class RedisClusterConditionalWriteContractTest extends ConditionalWriteContract<RedisBackend> {

    @TempDir
    static Path folder;
    private static RedisCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = RedisCluster.start(folder.resolve("cluster"));
    }

    @AfterAll
    static void stopCluster() throws Exception {
        cluster.close();
    }

    @Override
    protected RedisBackend open() {
        return RedisBackend.outsideCluster("contract", cluster.masters().stream()
                .map(m -> m.host() + ":" + m.port()).toList(), client(), Duration.ofSeconds(2), Loggers.silent());
    }

    /** The backend's client, as its configuration names it. */
    String client() {
        return "jedis";
    }

    @Override
    protected void close(RedisBackend instance) {
        instance.close();
    }

    @Override
    protected RedisBackend reopen(RedisBackend instance) {
        instance.close();
        return open();
    }
}
