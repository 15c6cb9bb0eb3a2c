package io.stowage.storage.redis;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.lettuce.core.KeyValue;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;

/**
 * The Redis backend's own commands (its scripts and its key layout), for the raw side of the Redis benchmarks, so
 * that both sides send Redis exactly the same commands. Benchmark code only: it shares the backend's package to
 * reach what the backend keeps package-private; the bench runs on a plain class path, never in a framework.
 */
public final class RawRedisCommands {

    private static final byte[] NO_TTL = {'0'};
    /** The scripts' first two arguments with change streams off, as the benchmarks' backends run: length 0, no values. */
    private static final byte[] NO_STREAM = {'0'};
    private static final byte[] NO_STREAM_VALUES = {'0'};

    private final RedisKeyLayout layout;
    private final RedisClusterCommands<byte[], byte[]> commands;

    public RawRedisCommands(String keyPrefix, RedisClusterCommands<byte[], byte[]> commands) {
        this.layout = new RedisKeyLayout(keyPrefix);
        this.commands = commands;
    }

    /** The backend key the kernel uses for a key of a store: the store's prefix in that backend, then the key. */
    public static byte[] backendKey(byte[] storePrefix, String key) {
        byte[] utf8 = key.getBytes(StandardCharsets.UTF_8);
        byte[] backendKey = java.util.Arrays.copyOf(storePrefix, storePrefix.length + utf8.length);
        System.arraycopy(utf8, 0, backendKey, storePrefix.length, utf8.length);
        return backendKey;
    }

    public byte[] dataKey(byte[] backendKey) {
        return layout.dataKey(backendKey);
    }

    /** GET of the data key: what the backend sends for a single get. */
    public byte[] get(byte[] dataKey) {
        return commands.get(dataKey);
    }

    /** One MGET of the data keys: what the backend sends for a batch get of one store. */
    public List<KeyValue<byte[], byte[]>> getAll(byte[][] dataKeys) {
        return commands.mget(dataKeys);
    }

    /** The backend's put script (SET and the index's ZADD; its stream off), by EVALSHA. */
    public void put(byte[] backendKey, byte[] envelope) {
        byte[] group = RedisKeyLayout.group(backendKey);
        RedisScript.PUT.run(commands, ScriptOutputType.INTEGER,
                new byte[][] {layout.dataKey(group, backendKey), layout.indexKey(group), layout.streamKey(group)},
                NO_STREAM, NO_STREAM_VALUES, backendKey, envelope, NO_TTL);
    }

    /** The SHA1 digest of the backend's put script, for another client to run it by EVALSHA as {@link #put} does. */
    public static byte[] putScriptSha() {
        return RedisScript.PUT.sha.getBytes(StandardCharsets.US_ASCII);
    }

    public static String putScriptBody() {
        return RedisScript.PUT.body;
    }

    /** The number of keys {@link #putParameters} starts with. */
    public static final int PUT_KEYS = 3;

    /** The put script's {@value #PUT_KEYS} keys, then its five arguments, for one put: what {@link #put} sends. */
    public byte[][] putParameters(byte[] backendKey, byte[] envelope) {
        byte[] group = RedisKeyLayout.group(backendKey);
        return new byte[][] {layout.dataKey(group, backendKey), layout.indexKey(group), layout.streamKey(group),
            NO_STREAM, NO_STREAM_VALUES, backendKey, envelope, NO_TTL};
    }

    /** A plain SET of the data key, without the index: what the index costs is the difference to {@link #put}. */
    public void set(byte[] backendKey, byte[] envelope) {
        commands.set(layout.dataKey(backendKey), envelope);
    }

    /** The backend's batch script for puts of one store, by EVALSHA. */
    public void putAll(byte[][] backendKeys, byte[][] envelopes) {
        byte[][] keys = new byte[backendKeys.length * 3][];
        byte[][] args = new byte[2 + backendKeys.length * 3][];
        args[0] = NO_STREAM;
        args[1] = NO_STREAM_VALUES;
        for (int i = 0; i < backendKeys.length; i++) {
            byte[] group = RedisKeyLayout.group(backendKeys[i]);
            keys[3 * i] = layout.dataKey(group, backendKeys[i]);
            keys[3 * i + 1] = layout.indexKey(group);
            keys[3 * i + 2] = layout.streamKey(group);
            args[2 + 3 * i] = backendKeys[i];
            args[2 + 3 * i + 1] = envelopes[i];
            args[2 + 3 * i + 2] = NO_TTL;
        }
        RedisScript.WRITE.run(commands, ScriptOutputType.INTEGER, keys, args);
    }
}
