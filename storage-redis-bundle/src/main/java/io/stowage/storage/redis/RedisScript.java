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
     * Lua that defines {@code apply(k, a)}: applies the mutations whose data and index keys follow {@code KEYS[k]}
     * and whose member, value and ttl ms follow {@code ARGV[a]}, ttl 'd' for a delete. Shared by the batch and the
     * conditional write, so both leave a value and its index alike.
     */
    private static final String APPLY = """
            local function apply(k, a)
              for i = 1, (#KEYS - k) / 2 do
                local data, index = KEYS[k + 2 * i - 1], KEYS[k + 2 * i]
                local member, value, ttl = ARGV[a + 3 * i - 2], ARGV[a + 3 * i - 1], ARGV[a + 3 * i]
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
            end
            """;

    /**
     * KEYS: data and index of each mutation in turn. ARGV: member, value and ttl ms of each mutation, ttl 'd' for a
     * delete. All or nothing: a script runs alone on its server.
     */
    static final RedisScript WRITE = new RedisScript(APPLY + """
            apply(0, 0)
            return #KEYS / 2
            """);

    /**
     * The conditions, the deadline and the mutations of {@link RedisConditionalWrite}, checked and applied in one
     * script, which nothing else runs beside. KEYS: one per condition (the data key of a one-key condition, the index
     * of a range), then data and index of each mutation. ARGV: the deadline in epoch ms or '-', the number of
     * conditions, each condition ('a' absent; 'v' and the value; 'r', the data key of the empty member, the
     * ZRANGEBYLEX bounds, the number of entries, then key and value of each), then the mutations as {@link #WRITE}
     * takes them. Returns 1 if it applied them, 0 (having changed nothing) if a condition or the deadline failed.
     * A range's members whose value has gone (expired) are absent, as for a scan.
     */
    static final RedisScript WRITE_IF = new RedisScript(APPLY + """
            if ARGV[1] ~= '-' then
              -- Redis 3.2 and 4 refuse writes after TIME unless the effects, not the script, are replicated
              if redis.replicate_commands then redis.replicate_commands() end
              -- A user without +time (optional in the operating guide) leaves this check to the client's, made before
              local now = redis.pcall('TIME')
              if not now.err and tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000) >= tonumber(ARGV[1]) then
                return 0
              end
            end
            local conditions = tonumber(ARGV[2])
            local a = 3
            for c = 1, conditions do
              local kind = ARGV[a]
              if kind == 'a' then
                if redis.call('EXISTS', KEYS[c]) == 1 then return 0 end
                a = a + 1
              elseif kind == 'v' then
                if redis.call('GET', KEYS[c]) ~= ARGV[a + 1] then return 0 end
                a = a + 2
              else
                local head, min, max, count = ARGV[a + 1], ARGV[a + 2], ARGV[a + 3], tonumber(ARGV[a + 4])
                local first = a + 5
                local found = 0
                -- In pages, so a range that holds far more than expected fails after reading one more
                local want = 0
                repeat
                  want = count - found + 16
                  local page = redis.call('ZRANGEBYLEX', KEYS[c], min, max, 'LIMIT', 0, want)
                  for _, member in ipairs(page) do
                    local value = redis.call('GET', head .. member)
                    if value then
                      found = found + 1
                      if found > count or member ~= ARGV[first + 2 * found - 2]
                          or value ~= ARGV[first + 2 * found - 1] then
                        return 0
                      end
                    end
                  end
                  if #page > 0 then min = '(' .. page[#page] end
                until #page < want
                if found ~= count then return 0 end
                a = first + 2 * count
              end
            end
            apply(conditions, a - 1)
            return 1
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
