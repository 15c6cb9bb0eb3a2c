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

    /**
     * Lua that defines {@code record(stream, member, value)}: appends what a write did to one key to its store's
     * stream, a put with {@code value} (kept in the entry if {@code ARGV[2]} is '1'), a delete with nil. Every write
     * script takes {@code ARGV[1]}, the stream's approximate length ('0': no stream), and {@code ARGV[2]} first, and
     * records each change in the same script as the change itself. Keys of no store (the kernel's metadata, first
     * byte 0) record nothing.
     */
    private static final String RECORD = """
            local function record(stream, member, value)
              if ARGV[1] == '0' or string.byte(member, 1) == 0 then return end
              if not value then
                redis.call('XADD', stream, 'MAXLEN', '~', ARGV[1], '*', 'op', 'delete', 'key', member)
              elseif ARGV[2] == '1' then
                redis.call('XADD', stream, 'MAXLEN', '~', ARGV[1], '*', 'op', 'put', 'key', member, 'value', value)
              else
                redis.call('XADD', stream, 'MAXLEN', '~', ARGV[1], '*', 'op', 'put', 'key', member)
              end
            end
            """;

    /** KEYS: data, index, stream. ARGV: stream length, keep values, member, value, ttl ms (0 for none). */
    static final RedisScript PUT = new RedisScript(RECORD + """
            if ARGV[5] == '0' then
              redis.call('SET', KEYS[1], ARGV[4])
            else
              redis.call('SET', KEYS[1], ARGV[4], 'PX', ARGV[5])
            end
            redis.call('ZADD', KEYS[2], 0, ARGV[3])
            record(KEYS[3], ARGV[3], ARGV[4])
            return 1
            """);

    /** KEYS: data, index, stream. ARGV: stream length, keep values, member, value, ttl ms. Returns 1 if it stored. */
    static final RedisScript PUT_IF_ABSENT = new RedisScript(RECORD + """
            local stored
            if ARGV[5] == '0' then
              stored = redis.call('SET', KEYS[1], ARGV[4], 'NX')
            else
              stored = redis.call('SET', KEYS[1], ARGV[4], 'NX', 'PX', ARGV[5])
            end
            if not stored then return 0 end
            redis.call('ZADD', KEYS[2], 0, ARGV[3])
            record(KEYS[3], ARGV[3], ARGV[4])
            return 1
            """);

    /**
     * KEYS: data, index, stream. ARGV: stream length, keep values, member, expected, value, ttl ms or 'd' to delete.
     * Returns 1 if it replaced.
     */
    static final RedisScript REPLACE = new RedisScript(RECORD + """
            if redis.call('GET', KEYS[1]) ~= ARGV[4] then return 0 end
            if ARGV[6] == 'd' then
              redis.call('DEL', KEYS[1])
              redis.call('ZREM', KEYS[2], ARGV[3])
              record(KEYS[3], ARGV[3], nil)
              return 1
            elseif ARGV[6] == '0' then
              redis.call('SET', KEYS[1], ARGV[5])
            else
              redis.call('SET', KEYS[1], ARGV[5], 'PX', ARGV[6])
            end
            record(KEYS[3], ARGV[3], ARGV[5])
            return 1
            """);

    /** KEYS: data, index, stream. ARGV: stream length, keep values, member. Returns the value the key had, or nil. */
    static final RedisScript DELETE = new RedisScript(RECORD + """
            local current = redis.call('GET', KEYS[1])
            if current then
              redis.call('DEL', KEYS[1])
              record(KEYS[3], ARGV[3], nil)
            end
            redis.call('ZREM', KEYS[2], ARGV[3])
            return current
            """);

    /**
     * Lua that defines {@code apply(k, a)}: applies the mutations whose data, index and stream keys follow
     * {@code KEYS[k]} and whose member, value and ttl ms follow {@code ARGV[a]}, ttl 'd' for a delete, each recorded
     * in its store's stream (a delete only if it found the key). Shared by the batch and the conditional write, so
     * both leave a value, its index and its stream alike.
     */
    private static final String APPLY = RECORD + """
            local function apply(k, a)
              for i = 1, (#KEYS - k) / 3 do
                local data, index, stream = KEYS[k + 3 * i - 2], KEYS[k + 3 * i - 1], KEYS[k + 3 * i]
                local member, value, ttl = ARGV[a + 3 * i - 2], ARGV[a + 3 * i - 1], ARGV[a + 3 * i]
                if ttl == 'd' then
                  if redis.call('DEL', data) == 1 then record(stream, member, nil) end
                  redis.call('ZREM', index, member)
                else
                  if ttl == '0' then
                    redis.call('SET', data, value)
                  else
                    redis.call('SET', data, value, 'PX', ttl)
                  end
                  redis.call('ZADD', index, 0, member)
                  record(stream, member, value)
                end
              end
            end
            """;

    /**
     * KEYS: data, index and stream of each mutation in turn. ARGV: stream length, keep values, then member, value
     * and ttl ms of each mutation, ttl 'd' for a delete. All or nothing: a script runs alone on its server.
     */
    static final RedisScript WRITE = new RedisScript(APPLY + """
            apply(0, 2)
            return #KEYS / 3
            """);

    /**
     * The conditions, the deadline and the mutations of {@link RedisConditionalWrite}, checked and applied in one
     * script, which nothing else runs beside. KEYS: one per condition (the data key of a one-key condition, the index
     * of a range), then data, index and stream of each mutation. ARGV: stream length and keep values as
     * {@link #WRITE} takes them, the deadline in epoch ms or '-', the number of conditions, each condition ('a'
     * absent; 'v' and the value; 'r', the data key of the empty member, the ZRANGEBYLEX bounds, the number of
     * entries, then key and value of each), then the mutations as {@link #WRITE} takes them. Returns 1 if it applied
     * them, 0 (having changed nothing) if a condition or the deadline failed. A range's members whose value has gone
     * (expired) are absent, as for a scan.
     */
    static final RedisScript WRITE_IF = new RedisScript(APPLY + """
            if ARGV[3] ~= '-' then
              -- Redis 3.2 and 4 refuse writes after TIME unless the effects, not the script, are replicated
              if redis.replicate_commands then redis.replicate_commands() end
              -- A user without +time (optional in the operating guide) leaves this check to the client's, made before
              local now = redis.pcall('TIME')
              if not now.err and tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000) >= tonumber(ARGV[3]) then
                return 0
              end
            end
            local conditions = tonumber(ARGV[4])
            local a = 5
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
     * KEYS: stream. ARGV: the first entry id to read (inclusive), the most entries. The entries as XRANGE gives them:
     * each its id and its fields.
     */
    static final RedisScript READ = new RedisScript("""
            return redis.call('XRANGE', KEYS[1], ARGV[1], '+', 'COUNT', ARGV[2])
            """);

    /** KEYS: stream. ARGV: the most entries. The latest entries, newest first, as XREVRANGE gives them. */
    static final RedisScript LATEST = new RedisScript("""
            return redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', ARGV[1])
            """);

    /**
     * KEYS: stream. What the stream dropped (trimmed or deleted), from XINFO STREAM (Redis 7): {@code {id, 'at'}}
     * if the newest dropped entry is known ({@code id}), {@code {id, 'before'}} if the entries before {@code id}, the
     * first kept, were dropped, or an empty array if none were dropped, there is no stream, or the server does not
     * tell (before Redis 7). Trimming leaves max-deleted-entry-id as it was, hence the count of entries added.
     */
    static final RedisScript DROPPED = new RedisScript("""
            if redis.call('EXISTS', KEYS[1]) == 0 then return {} end
            local info = redis.pcall('XINFO', 'STREAM', KEYS[1])
            if type(info) ~= 'table' or info.err then return {} end
            local fields = {}
            for i = 1, #info - 1, 2 do fields[info[i]] = info[i + 1] end
            local added, length = fields['entries-added'], fields['length']
            if not added or added <= length then
              if fields['max-deleted-entry-id'] and fields['max-deleted-entry-id'] ~= '0-0' then
                return {fields['max-deleted-entry-id'], 'at'}
              end
              return {}
            end
            if length == 0 then return {fields['last-generated-id'], 'at'} end
            return {fields['first-entry'][1], 'before'}
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
