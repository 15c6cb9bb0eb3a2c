package io.stowage.bench;

import java.io.IOException;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.stowage.api.Batch;
import io.stowage.api.Limits;
import io.stowage.api.Store;
import io.stowage.kernel.EmbeddedKernel;
import io.stowage.kernel.store.StoreDirectory;
import io.stowage.storage.redis.RawRedisCommands;
import io.stowage.storage.redis.RedisBackend;
import io.stowage.storage.redis.testing.RedisServer;
import io.stowage.testlog.Loggers;

/**
 * A redis-server of the trial's own holding the data set in store {@code points} of namespace
 * {@code io.stowage.bench}, reached two ways: through the kernel on the Redis backend, and through a raw Lettuce
 * connection that sends the backend's own commands ({@link RawRedisCommands}). The raw connection uses Lettuce's
 * defaults; both sides share the server, one command at a time each.
 */
final class KernelOnRedis implements AutoCloseable {

    static final String NAMESPACE = "io.stowage.bench";
    static final String STORE = "points";

    final RedisServer server;
    private final RedisBackend backend;
    private final EmbeddedKernel kernel;
    final Store store;
    private final RedisClient client;
    private final StatefulRedisConnection<byte[], byte[]> connection;
    final RawRedisCommands raw;
    /** The other client, for the raw batch gets only. */
    final redis.clients.jedis.RedisClient jedis;

    KernelOnRedis() throws IOException {
        server = RedisServer.start(TrialFolder.create("redis"));
        backend = RedisBackend.outsideFramework("bench", server.host(), server.port(), Loggers.silent());
        kernel = new EmbeddedKernel(backend, "redis", 5_000, System::currentTimeMillis, Loggers.silent());
        store = kernel.namespace(NAMESPACE).store(STORE);
        client = RedisClient.create(RedisURI.create(server.host(), server.port()));
        connection = client.connect(ByteArrayCodec.INSTANCE);
        raw = new RawRedisCommands("stowage:", connection.sync());
        jedis = redis.clients.jedis.RedisClient.create(server.host(), server.port());
    }

    /** Stores every entry of the data set through the kernel, in batches of the API's limit. */
    KernelOnRedis load(Dataset data) {
        for (int start = 0; start < data.keys.length; start += Limits.MAX_BATCH_SIZE) {
            Batch.Builder batch = Batch.builder();
            for (int i = start; i < Math.min(data.keys.length, start + Limits.MAX_BATCH_SIZE); i++) {
                batch.put(data.keys[i], data.values[i]);
            }
            store.write(batch.build());
        }
        return this;
    }

    /** The store's prefix in the backend's store directory: what the kernel puts before each of its keys. */
    byte[] storePrefix() {
        return StoreDirectory.prefixOf(backend, NAMESPACE, STORE);
    }

    /** The kernel's envelope of a value without expiry: a zero byte, then the value. */
    static byte[] envelope(byte[] value) {
        byte[] envelope = new byte[value.length + 1];
        System.arraycopy(value, 0, envelope, 1, value.length);
        return envelope;
    }

    @Override
    public void close() throws IOException {
        jedis.close();
        connection.close();
        client.shutdown();
        kernel.close();
        backend.close();
        // Deletes the server's folder too
        server.close();
    }
}
