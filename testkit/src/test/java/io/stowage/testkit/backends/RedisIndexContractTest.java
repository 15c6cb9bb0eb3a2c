package io.stowage.testkit.backends;

import java.io.IOException;
import java.nio.file.Files;

import org.junit.BeforeClass;

import io.stowage.storage.redis.RedisBackend;
import io.stowage.storage.redis.testing.RedisServer;
import io.stowage.testlog.Loggers;

/**
 * The secondary index contract on the Redis backend (Jedis), on a redis-server of its own: values and index entries
 * change in one script.
 */
public class RedisIndexContractTest extends EmbeddedIndexContract {

    @BeforeClass
    public static void startKernel() throws IOException {
        RedisServer server = RedisServer.start(Files.createTempDirectory("stowage-redis-index"));
        RedisBackend backend = RedisBackend.outsideFramework("index-contract", server.host(), server.port(), "jedis",
                Loggers.silent());
        serve(backend, () -> {
            backend.close();
            server.close();
        });
    }
}
