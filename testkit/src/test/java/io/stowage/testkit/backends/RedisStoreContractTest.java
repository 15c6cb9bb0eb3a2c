package io.stowage.testkit.backends;

import java.io.IOException;
import java.nio.file.Files;

import org.junit.BeforeClass;

import io.stowage.storage.redis.RedisBackend;
import io.stowage.storage.redis.testing.RedisServer;
import io.stowage.testlog.Loggers;

/**
 * The Store contract suite against the Redis backend through the kernel, on a redis-server of its own; on Jedis here,
 * on Lettuce in {@link RedisStoreContractOnLettuceTest}.
 */
public class RedisStoreContractTest extends RealTimeContract {

    @BeforeClass
    public static void startKernel() throws IOException {
        start("jedis");
    }

    /** Serves the kernel on a backend on the client named, on a redis-server of its own. */
    static void start(String client) throws IOException {
        RedisServer server = RedisServer.start(Files.createTempDirectory("stowage-redis-contract"));
        RedisBackend backend = RedisBackend.outsideFramework("contract", server.host(), server.port(), client,
                Loggers.silent());
        serve(backend, () -> {
            backend.close();
            server.close();
        });
    }
}
