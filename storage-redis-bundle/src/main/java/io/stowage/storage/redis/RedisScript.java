package io.stowage.storage.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;

/**
 * A Lua script run by its SHA1 digest. A server that does not know it (first use, restart, failover, SCRIPT FLUSH)
 * answers NOSCRIPT; the script is then sent whole once with EVAL, which also caches it there again.
 */
final class RedisScript {

    /** KEYS: data, index. ARGV: member, value, ttl ms (0 for none). */
    static final RedisScript PUT = new RedisScript("""
            if ARGV[3] == '0' then
              redis.call('SET', KEYS[1], ARGV[2])
            else
              redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
            end
            redis.call('ZADD', KEYS[2], 0, ARGV[1])
            return 1
            """);

    /** KEYS: data, index. ARGV: member, value, ttl ms. Returns 1 if it stored. */
    static final RedisScript PUT_IF_ABSENT = new RedisScript("""
            local stored
            if ARGV[3] == '0' then
              stored = redis.call('SET', KEYS[1], ARGV[2], 'NX')
            else
              stored = redis.call('SET', KEYS[1], ARGV[2], 'NX', 'PX', ARGV[3])
            end
            if not stored then return 0 end
            redis.call('ZADD', KEYS[2], 0, ARGV[1])
            return 1
            """);

    /** KEYS: data, index. ARGV: member, expected, value, ttl ms or 'd' to delete. Returns 1 if it replaced. */
    static final RedisScript REPLACE = new RedisScript("""
            if redis.call('GET', KEYS[1]) ~= ARGV[2] then return 0 end
            if ARGV[4] == 'd' then
              redis.call('DEL', KEYS[1])
              redis.call('ZREM', KEYS[2], ARGV[1])
            elseif ARGV[4] == '0' then
              redis.call('SET', KEYS[1], ARGV[3])
            else
              redis.call('SET', KEYS[1], ARGV[3], 'PX', ARGV[4])
            end
            return 1
            """);

    /** KEYS: data, index. ARGV: member. Returns the value the key had, or nil. */
    static final RedisScript DELETE = new RedisScript("""
            local current = redis.call('GET', KEYS[1])
            if current then redis.call('DEL', KEYS[1]) end
            redis.call('ZREM', KEYS[2], ARGV[1])
            return current
            """);

    /**
     * KEYS: data and index of each mutation in turn. ARGV: member, value and ttl ms of each mutation, ttl 'd' for a
     * delete. All or nothing: a script runs alone on its server.
     */
    static final RedisScript WRITE = new RedisScript("""
            for i = 1, #KEYS / 2 do
              local data, index = KEYS[2 * i - 1], KEYS[2 * i]
              local member, value, ttl = ARGV[3 * i - 2], ARGV[3 * i - 1], ARGV[3 * i]
              if ttl == 'd' then
                redis.call('DEL', data)
                redis.call('ZREM', index, member)
              else
                if ttl == '0' then
                  redis.call('SET', data, value)
                else
                  redis.call('SET', data, value, 'PX', ttl)
                end
                redis.call('ZADD', index, 0, member)
              end
            end
            return #KEYS / 2
            """);

    /**
     * KEYS: index, then the data key of each member. ARGV: members whose data was missing when read. Removes the
     * members whose data is still missing (expired or deleted), not those a write has brought back meanwhile.
     */
    static final RedisScript TRIM = new RedisScript("""
            local removed = 0
            for i = 1, #ARGV do
              if redis.call('EXISTS', KEYS[i + 1]) == 0 then
                removed = removed + redis.call('ZREM', KEYS[1], ARGV[i])
              end
            end
            return removed
            """);

    final String body;
    final String sha;
    /** Body and digest as Jedis sends them. */
    final byte[] bodyBytes;
    final byte[] shaBytes;

    private RedisScript(String body) {
        this.body = body;
        this.sha = sha1(body);
        this.bodyBytes = body.getBytes(StandardCharsets.UTF_8);
        this.shaBytes = sha.getBytes(StandardCharsets.US_ASCII);
    }

    /** Runs the script through Lettuce. */
    <T> T run(RedisClusterCommands<byte[], byte[]> commands, ScriptOutputType type, byte[][] keys, byte[]... args) {
        try {
            return commands.evalsha(sha, type, keys, args);
        } catch (RedisNoScriptException unknown) {
            return commands.eval(body, type, keys, args);
        }
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-1, which every Java platform must have", e);
        }
    }
}
