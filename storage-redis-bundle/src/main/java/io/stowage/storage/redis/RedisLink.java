package io.stowage.storage.redis;

import java.util.List;

/**
 * The Redis commands the backend sends, through one client library ({@link LettuceLink} or {@link JedisLink}), with
 * that client's connections and threads. A link never sends a write twice, fails at once as "backend unavailable"
 * while Redis cannot be reached (opening a connection at most once per {@link #RETRY_INTERVAL_NANOS} per server), and
 * throws the client's own exceptions otherwise, which {@link RedisFailures} turns into Stowage's. Closing it closes
 * every connection and ends every thread it started.
 */
interface RedisLink extends AutoCloseable {

    /** How long after a failed attempt to open a connection to a server the next one may be made. */
    long RETRY_INTERVAL_NANOS = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(200);

    /** Makes sure a connection is open now: fails as "backend unavailable" when Redis is not there. */
    void connect();

    byte[] get(byte[] key);

    /** One value or null per key, in order; keys in several hash slots of a cluster are read slot by slot. */
    List<byte[]> mget(byte[][] keys);

    /** ZADD at score 0. */
    void zadd(byte[] key, byte[] member);

    /** ZRANGEBYLEX key min max LIMIT 0 count, the bounds as given (each starting with '[' or '('). */
    List<byte[]> zrangeByLex(byte[] key, byte[] min, byte[] max, int count);

    /** Runs a script that returns an integer. */
    long evalLong(RedisScript script, byte[][] keys, byte[]... args);

    /** Runs a script that returns a bulk string or nil. */
    byte[] evalValue(RedisScript script, byte[][] keys, byte[]... args);

    /** Runs a script that returns an array (nested arrays, bulk strings as byte arrays, nil as null). */
    List<Object> evalList(RedisScript script, byte[][] keys, byte[]... args);

    @Override
    void close();

    /** The link for the configured client. */
    static RedisLink open(RedisSettings settings, RedisFailures failures) {
        return settings.client == RedisSettings.Client.JEDIS ? new JedisLink(settings)
                : new LettuceLink(settings, failures);
    }
}
