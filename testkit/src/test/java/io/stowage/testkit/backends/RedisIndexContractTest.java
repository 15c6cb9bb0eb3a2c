package io.stowage.testkit.backends;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;

import org.junit.AfterClass;
import org.junit.BeforeClass;

import io.stowage.api.StorageService;
import io.stowage.storage.redis.RedisBackend;
import io.stowage.storage.redis.testing.RedisServer;
import io.stowage.testkit.EmbeddedKernel;
import io.stowage.testkit.store.IndexContract;
import io.stowage.testkit.store.WordsIndexFunction;
import io.stowage.testlog.Loggers;

/**
 * The secondary index contract on the Redis backend (Jedis), on a redis-server of its own: values and index entries
 * change in one script.
 */
public class RedisIndexContractTest extends IndexContract {

    private static RedisServer server;
    private static RedisBackend backend;
    private static EmbeddedKernel kernel;

    @BeforeClass
    public static void startKernel() throws IOException {
        server = RedisServer.start(Files.createTempDirectory("stowage-redis-index"));
        backend = RedisBackend.outsideFramework("index-contract", server.host(), server.port(), "jedis",
                Loggers.silent());
        kernel = EmbeddedKernel.serve(backend).withIndexFunction(new WordsIndexFunction(), "1.0.0");
    }

    @AfterClass
    public static void stopKernel() throws IOException {
        kernel.close();
        backend.close();
        server.close();
    }

    @Override
    protected StorageService storage() {
        return kernel.namespace("io.stowage.index.contract");
    }

    @Override
    protected void createIndex(String store, String name, String function, boolean unique) {
        kernel.createIndex("io.stowage.index.contract", store, name, function, unique, Duration.ofSeconds(60));
    }

    @Override
    protected void dropIndex(String store, String name) {
        kernel.dropIndex("io.stowage.index.contract", store, name);
    }
}
