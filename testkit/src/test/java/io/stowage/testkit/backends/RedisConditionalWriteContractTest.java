package io.stowage.testkit.backends;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import io.stowage.storage.redis.RedisBackend;
import io.stowage.storage.redis.testing.RedisServer;
import io.stowage.testkit.spi.ConditionalWriteContract;
import io.stowage.testlog.Loggers;

/**
 * The conditional write contract against the Redis backend: an instance per test, all on one redis-server of the
 * class; on Jedis here, on Lettuce in {@link RedisConditionalWriteContractOnLettuceTest}.
 */
class RedisConditionalWriteContractTest extends ConditionalWriteContract<RedisBackend> {

    @TempDir
    static Path folder;
    private static RedisServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = RedisServer.start(folder.resolve("redis"));
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @Override
    protected RedisBackend open() {
        return RedisBackend.outsideFramework("contract", server.host(), server.port(), client(), Loggers.silent());
    }

    /** The backend's client, as its configuration names it. */
    String client() {
        return "jedis";
    }

    @Override
    protected void close(RedisBackend instance) {
        instance.close();
    }

    /** The data lives in the server: a new client on it is what a restarted process would open. */
    @Override
    protected RedisBackend reopen(RedisBackend instance) {
        instance.close();
        return open();
    }
}
