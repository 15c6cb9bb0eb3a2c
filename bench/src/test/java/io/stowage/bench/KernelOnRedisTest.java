package io.stowage.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.stowage.storage.redis.RawRedisCommands;

/**
 * The raw side of the Redis benchmarks sends the backend's own scripts: when their keys or arguments change, the raw
 * side must change with them, or the paired run fails in its Redis lines after minutes of LMDB and memory ones.
 */
class KernelOnRedisTest {

    @Test
    void theRawSidesPutsWriteWhatTheKernelReads() throws Exception {
        Dataset data = new Dataset(100, 42);
        try (KernelOnRedis redis = new KernelOnRedis().load(data)) {
            byte[] prefix = redis.storePrefix();
            byte[] lettuce = "by lettuce".getBytes(StandardCharsets.UTF_8);
            redis.raw.put(RawRedisCommands.backendKey(prefix, data.keys[0]), KernelOnRedis.envelope(lettuce));
            assertArrayEquals(lettuce, redis.store.get(data.keys[0]));

            byte[] jedis = "by jedis".getBytes(StandardCharsets.UTF_8);
            redis.jedis.scriptLoad(RawRedisCommands.putScriptBody());
            redis.jedis.evalsha(RawRedisCommands.putScriptSha(), RawRedisCommands.PUT_KEYS, redis.raw.putParameters(
                    RawRedisCommands.backendKey(prefix, data.keys[1]), KernelOnRedis.envelope(jedis)));
            assertArrayEquals(jedis, redis.store.get(data.keys[1]));

            byte[] batch = "by batch".getBytes(StandardCharsets.UTF_8);
            redis.raw.putAll(new byte[][] {RawRedisCommands.backendKey(prefix, data.keys[2]),
                RawRedisCommands.backendKey(prefix, data.keys[3])},
                    new byte[][] {KernelOnRedis.envelope(batch), KernelOnRedis.envelope(batch)});
            assertArrayEquals(batch, redis.store.get(data.keys[2]));
            assertArrayEquals(batch, redis.store.get(data.keys[3]));
        }
    }
}
