package io.stowage.storage.redis;

import static io.stowage.storage.redis.RedisKeyLayout.bound;
import static io.stowage.storage.redis.RedisKeyLayout.groupEnd;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

import io.stowage.spi.BackendChange;
import io.stowage.spi.BackendCondition;
import io.stowage.spi.BackendEntry;
import io.stowage.spi.BackendFactory;
import io.stowage.spi.BackendMutation;
import io.stowage.spi.Capability;
import io.stowage.spi.StorageBackend;
import io.stowage.storage.redis.RedisSettings.Mode;

/**
 * Stores in Redis, standalone or Redis Cluster: values with Redis's own expiry, a lexicographic index per store for
 * ordered scans, and Lua scripts for every write, so a value and its index change together. A store's keys share
 * one hash slot ({@link RedisKeyLayout}); batches, and conditional writes with their checks, are atomic per store,
 * which is all the kernel's batches and transactions span.
 * The commands go through Lettuce or Jedis ({@link RedisLink}), as configured. Ending the instance closes every
 * connection and ends every client thread.
 */
@Component(factory = BackendFactory.FACTORY, service = {},
        configurationPid = RedisBackend.PID, configurationPolicy = ConfigurationPolicy.IGNORE,
        factoryProperty = {BackendFactory.TYPE + "=redis", BackendFactory.CONFIGURATION_PID + "=" + RedisBackend.PID})
@Designate(ocd = RedisBackendConfig.class, factory = true)
public final class RedisBackend implements StorageBackend {

    static final String PID = "io.stowage.redis";

    private static final Set<Capability> CAPABILITIES = EnumSet.of(Capability.ORDERED_SCAN, Capability.NATIVE_TTL,
            Capability.ATOMIC_BATCH, Capability.DURABLE, Capability.DISTRIBUTED, Capability.CONDITIONAL_WRITE);
    private static final Set<Capability> STREAMED_CAPABILITIES = EnumSet.of(Capability.ORDERED_SCAN,
            Capability.NATIVE_TTL, Capability.ATOMIC_BATCH, Capability.DURABLE, Capability.DISTRIBUTED,
            Capability.CONDITIONAL_WRITE, Capability.CHANGE_STREAM);
    private static final byte[] NO_TTL = {'0'};
    private static final byte[] DELETE = {'d'};
    private static final byte[] EMPTY_GROUP = new byte[0];
    /** Index members read per round trip of a scan beyond what the caller asked for, to absorb expired ones. */
    private static final int SCAN_SLACK = 16;
    private static final int CATALOG_PAGE = 64;

    private final RedisSettings settings;
    private final RedisKeyLayout layout;
    private final RedisLink link;
    private final RedisFailures failures;
    /** The first two arguments of every write script: the streams' length ('0': none) and whether they keep values. */
    private final byte[] streamLength;
    private final byte[] streamValues;
    private final RedisChangeReader changes;
    /** Groups this instance has entered in the catalog; entries are never removed, so this never goes stale. */
    private final Set<ByteBuffer> catalogued = ConcurrentHashMap.newKeySet();

    @Activate
    public RedisBackend(RedisBackendConfig config, @Reference(service = LoggerFactory.class) Logger logger) {
        this(RedisSettings.of(config), logger);
    }

    RedisBackend(RedisSettings settings, Logger logger) {
        this.settings = settings;
        this.layout = new RedisKeyLayout(settings.keyPrefix);
        this.failures = new RedisFailures(settings);
        this.streamLength = Integer.toString(settings.changeStreamLength).getBytes(StandardCharsets.US_ASCII);
        this.streamValues = new byte[] {(byte) (settings.changeStreamValues ? '1' : '0')};
        this.changes = new RedisChangeReader(settings.name, settings.changeStreamLength, layout,
                command -> call("change stream", false, command));
        this.link = RedisLink.open(settings, failures);
        try {
            call("connect", false, c -> {
                c.connect();
                return null;
            });
            logger.info("Redis backend '{}' connected to {}", settings.name, settings.describe());
        } catch (io.stowage.api.BackendUnavailableException unreachable) {
            // Not fatal: operations fail as unavailable until Redis answers, then work without any action
            logger.warn("Redis backend '{}' started without a connection: {}", settings.name,
                    unreachable.getMessage());
        } catch (RuntimeException | Error e) {
            link.close();
            throw e;
        }
    }

    /** An instance outside a framework on the default client, for tests and benchmarks; {@link #close()} ends it. */
    public static RedisBackend outsideFramework(String name, String host, int port, Logger logger) {
        return new RedisBackend(RedisSettings.builder(name).endpoint(host, port).build(), logger);
    }

    /** As {@link #outsideFramework(String, String, int, Logger)}, on the client named: jedis or lettuce. */
    public static RedisBackend outsideFramework(String name, String host, int port, String client, Logger logger) {
        return outsideFramework(name, host, port, client, java.time.Duration.ofSeconds(2), logger);
    }

    /** As {@link #outsideFramework(String, String, int, Logger)}, with both timeouts set to {@code timeout}. */
    public static RedisBackend outsideFramework(String name, String host, int port, java.time.Duration timeout,
            Logger logger) {
        return new RedisBackend(RedisSettings.builder(name).endpoint(host, port).timeouts(timeout, timeout).build(),
                logger);
    }

    /** An instance outside a framework on the client named, with both timeouts set to {@code timeout}. */
    public static RedisBackend outsideFramework(String name, String host, int port, String client,
            java.time.Duration timeout, Logger logger) {
        return new RedisBackend(RedisSettings.builder(name).endpoint(host, port).timeouts(timeout, timeout)
                .client(client).build(), logger);
    }

    /**
     * As {@link #outsideFramework(String, String, int, String, Logger)}, every store keeping a change stream of about
     * {@code streamLength} entries, with the values of puts if {@code streamValues}.
     */
    public static RedisBackend outsideFramework(String name, String host, int port, String client, int streamLength,
            boolean streamValues, Logger logger) {
        return new RedisBackend(RedisSettings.builder(name).endpoint(host, port).client(client)
                .changeStream(streamLength, streamValues).build(), logger);
    }

    /** As {@link #outsideCluster(String, List, Logger)}, on the client named, with change streams as above. */
    public static RedisBackend outsideCluster(String name, List<String> seeds, String client, int streamLength,
            boolean streamValues, Logger logger) {
        RedisSettings.Builder settings = RedisSettings.builder(name).cluster().client(client)
                .changeStream(streamLength, streamValues);
        for (int i = 0; i < seeds.size(); i++) {
            settings.uri(seeds.get(i), i + 1);
        }
        return new RedisBackend(settings.build(), logger);
    }

    /** An instance on a Redis Cluster outside a framework, from seed nodes given as host:port. */
    public static RedisBackend outsideCluster(String name, List<String> seeds, Logger logger) {
        return outsideCluster(name, seeds, java.time.Duration.ofSeconds(2), logger);
    }

    /** As {@link #outsideCluster(String, List, Logger)}, with both timeouts set to {@code timeout}. */
    public static RedisBackend outsideCluster(String name, List<String> seeds, java.time.Duration timeout,
            Logger logger) {
        return outsideCluster(name, seeds, null, timeout, logger);
    }

    /**
     * As {@link #outsideCluster(String, List, java.time.Duration, Logger)}, on the client named ({@code jedis},
     * {@code lettuce}; null for the default).
     */
    public static RedisBackend outsideCluster(String name, List<String> seeds, String client,
            java.time.Duration timeout, Logger logger) {
        RedisSettings.Builder settings = RedisSettings.builder(name).cluster().timeouts(timeout, timeout);
        if (client != null) {
            settings.client(client);
        }
        for (int i = 0; i < seeds.size(); i++) {
            settings.uri(seeds.get(i), i + 1);
        }
        return new RedisBackend(settings.build(), logger);
    }

    @Deactivate
    public void close() {
        link.close();
    }

    @Override
    public Set<Capability> capabilities() {
        return settings.changeStreamLength > 0 ? STREAMED_CAPABILITIES : CAPABILITIES;
    }

    @Override
    public byte[] get(byte[] key) {
        return call("get", false, c -> c.get(layout.dataKey(key)));
    }

    /** One MGET; on a cluster one per hash slot, and the keys of one store share one. */
    @Override
    public List<byte[]> getAll(List<byte[]> keys) {
        if (keys.isEmpty()) {
            return List.of();
        }
        byte[][] dataKeys = layout.dataKeys(keys);
        return call("get", false, c -> c.mget(dataKeys));
    }

    @Override
    public void put(byte[] key, byte[] value, long expiresAtMillis) {
        byte[] group = RedisKeyLayout.group(key);
        catalogue(group);
        call("put", true, c -> c.evalLong(RedisScript.PUT, keys(group, key), streamArgs(key, value,
                ttl(expiresAtMillis))));
    }

    @Override
    public byte[] delete(byte[] key) {
        byte[] group = RedisKeyLayout.group(key);
        return call("delete", true, c -> c.evalValue(RedisScript.DELETE, keys(group, key), streamArgs(key)));
    }

    @Override
    public boolean putIfAbsent(byte[] key, byte[] value, long expiresAtMillis) {
        byte[] group = RedisKeyLayout.group(key);
        catalogue(group);
        long stored = call("put-if-absent", true, c -> c.evalLong(RedisScript.PUT_IF_ABSENT, keys(group, key),
                streamArgs(key, value, ttl(expiresAtMillis))));
        return stored == 1L;
    }

    @Override
    public boolean replace(byte[] key, byte[] expected, byte[] value, long expiresAtMillis) {
        byte[] group = RedisKeyLayout.group(key);
        catalogue(group);
        long replaced = call("compare-and-set", true, c -> c.evalLong(RedisScript.REPLACE, keys(group, key),
                streamArgs(key, expected, value == null ? DELETE : value,
                        value == null ? DELETE : ttl(expiresAtMillis))));
        return replaced == 1L;
    }

    /**
     * One script per store (on a single server, one script for the whole list): each is applied all or nothing. A
     * list spanning stores on a cluster cannot be one script, as the stores live in different hash slots.
     */
    @Override
    public void write(List<BackendMutation> mutations) {
        if (mutations.isEmpty()) {
            return;
        }
        if (settings.mode == Mode.STANDALONE) {
            writeScript(mutations);
            return;
        }
        Map<ByteBuffer, List<BackendMutation>> byGroup = new LinkedHashMap<>();
        for (BackendMutation mutation : mutations) {
            byGroup.computeIfAbsent(ByteBuffer.wrap(RedisKeyLayout.group(mutation.key())), g -> new ArrayList<>())
                    .add(mutation);
        }
        for (List<BackendMutation> group : byGroup.values()) {
            writeScript(group);
        }
    }

    private void writeScript(List<BackendMutation> mutations) {
        byte[][] keys = new byte[mutations.size() * 3][];
        byte[][] args = new byte[2 + mutations.size() * 3][];
        args[0] = streamLength;
        args[1] = streamValues;
        for (int i = 0; i < mutations.size(); i++) {
            BackendMutation mutation = mutations.get(i);
            byte[] group = RedisKeyLayout.group(mutation.key());
            if (!mutation.isDelete()) {
                catalogue(group);
            }
            keys[3 * i] = layout.dataKey(group, mutation.key());
            keys[3 * i + 1] = layout.indexKey(group);
            keys[3 * i + 2] = layout.streamKey(group);
            args[2 + 3 * i] = mutation.key();
            args[2 + 3 * i + 1] = mutation.isDelete() ? DELETE : mutation.value();
            args[2 + 3 * i + 2] = mutation.isDelete() ? DELETE : ttl(mutation.expiresAtMillis());
        }
        call("batch write", true, c -> c.evalLong(RedisScript.WRITE, keys, args));
    }

    /**
     * One script ({@link RedisScript#WRITE_IF}) checks every condition, reading a range through the store's index as
     * a scan does, and the deadline against the server's clock, then applies the mutations as {@link #write} does.
     * The deadline is checked against this process's clock first too: the expiries it comes from were set by such
     * a clock, and a server whose user may not run TIME leaves the check to it (see the script).
     */
    @Override
    public boolean writeIf(List<BackendCondition> conditions, List<BackendMutation> mutations, long deadlineMillis) {
        if (System.currentTimeMillis() >= deadlineMillis) {
            return false;
        }
        RedisConditionalWrite write = new RedisConditionalWrite(layout, settings.mode == Mode.CLUSTER);
        conditions.forEach(write::require);
        mutations.forEach(m -> write.apply(m, m.isDelete() ? null : ttl(m.expiresAtMillis())));
        if (write.isEmpty()) {
            return true;
        }
        // Only once the call is known to be one Redis can run, so a refused call leaves no trace
        mutations.stream().filter(m -> !m.isDelete()).forEach(m -> catalogue(RedisKeyLayout.group(m.key())));
        return call("conditional write", true, c -> c.evalLong(RedisScript.WRITE_IF, write.keys(),
                write.args(streamLength, streamValues, deadlineMillis))) == 1L;
    }

    @Override
    public List<BackendChange> changesAfter(byte[] storePrefix, long afterPosition, int limit, long waitMillis) {
        return changes.changesAfter(storePrefix, afterPosition, limit, waitMillis);
    }

    @Override
    public List<BackendChange> latestChanges(byte[] storePrefix, int count) {
        return changes.latestChanges(storePrefix, count);
    }

    @Override
    public long lastDroppedChange(byte[] storePrefix) {
        return changes.lastDroppedChange(storePrefix);
    }

    /**
     * Within one store: its index alone. Across stores: the catalog's stores in order, each through its index,
     * merged with the keys outside any store (the kernel's metadata).
     */
    @Override
    public List<BackendEntry> scan(byte[] fromInclusive, byte[] toExclusive, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        byte[] fromGroup = RedisKeyLayout.group(fromInclusive);
        if (fromGroup.length > 0 && toExclusive != null
                && Arrays.compareUnsigned(toExclusive, groupEnd(fromGroup)) <= 0) {
            return scanGroup(fromGroup, fromInclusive, toExclusive, limit);
        }
        List<BackendEntry> stores = scanStores(fromGroup.length > 0 ? fromGroup : fromInclusive, fromInclusive,
                toExclusive, limit);
        List<BackendEntry> loose = scanGroup(EMPTY_GROUP, fromInclusive, toExclusive, limit);
        return merge(stores, loose, limit);
    }

    private List<BackendEntry> scanStores(byte[] catalogFrom, byte[] from, byte[] to, int limit) {
        List<BackendEntry> found = new ArrayList<>();
        byte[] min = bound('[', catalogFrom);
        while (found.size() < limit) {
            byte[] catalogMin = min;
            List<byte[]> groups = call("scan", false, c -> c.zrangeByLex(layout.catalogKey(), catalogMin,
                    to == null ? new byte[] {'+'} : bound('(', to), CATALOG_PAGE));
            for (byte[] group : groups) {
                byte[] lo = Arrays.compareUnsigned(from, group) > 0 ? from : group;
                byte[] end = groupEnd(group);
                byte[] hi = to != null && Arrays.compareUnsigned(to, end) < 0 ? to : end;
                found.addAll(scanGroup(group, lo, hi, limit - found.size()));
                if (found.size() == limit) {
                    return found;
                }
            }
            if (groups.size() < CATALOG_PAGE) {
                return found;
            }
            min = bound('(', groups.get(groups.size() - 1));
        }
        return found;
    }

    /** Live entries of one group's index in [from, to); members whose value has gone are trimmed on the way. */
    private List<BackendEntry> scanGroup(byte[] group, byte[] from, byte[] to, int limit) {
        byte[] index = layout.indexKey(group);
        byte[] min = bound('[', from);
        byte[] max = to == null ? new byte[] {'+'} : bound('(', to);
        List<BackendEntry> found = new ArrayList<>();
        while (found.size() < limit) {
            int want = limit - found.size() + SCAN_SLACK;
            byte[] pageMin = min;
            List<byte[]> members = call("scan", false, c -> c.zrangeByLex(index, pageMin, max, want));
            if (members.isEmpty()) {
                return found;
            }
            byte[][] dataKeys = layout.dataKeys(members);
            List<byte[]> values = call("scan", false, c -> c.mget(dataKeys));
            List<byte[]> gone = new ArrayList<>();
            for (int i = 0; i < members.size(); i++) {
                byte[] value = values.get(i);
                if (value == null) {
                    gone.add(members.get(i));
                } else if (found.size() < limit) {
                    found.add(new BackendEntry(members.get(i), value));
                }
            }
            if (!gone.isEmpty()) {
                trim(group, index, gone);
            }
            if (members.size() < want) {
                return found;
            }
            min = bound('(', members.get(members.size() - 1));
        }
        return found;
    }

    private void trim(byte[] group, byte[] index, List<byte[]> members) {
        byte[][] keys = new byte[members.size() + 1][];
        keys[0] = index;
        for (int i = 0; i < members.size(); i++) {
            keys[i + 1] = layout.dataKey(group, members.get(i));
        }
        byte[][] args = members.toArray(new byte[0][]);
        call("index trim", true, c -> c.evalLong(RedisScript.TRIM, keys, args));
    }

    private void catalogue(byte[] group) {
        if (group.length == 0 || catalogued.contains(ByteBuffer.wrap(group))) {
            return;
        }
        call("put", true, c -> {
            c.zadd(layout.catalogKey(), group);
            return null;
        });
        catalogued.add(ByteBuffer.wrap(group));
    }

    private <T> T call(String operation, boolean write, Function<RedisLink, T> command) {
        try {
            return command.apply(link);
        } catch (RuntimeException e) {
            throw failures.translate(e, operation, write);
        }
    }

    /** Data, index and stream key of a key of {@code group}: what every one-key write script takes. */
    private byte[][] keys(byte[] group, byte[] key) {
        return new byte[][] {layout.dataKey(group, key), layout.indexKey(group), layout.streamKey(group)};
    }

    /** The arguments of a write script: the stream's length and whether it keeps values, then {@code args}. */
    private byte[][] streamArgs(byte[]... args) {
        byte[][] all = new byte[args.length + 2][];
        all[0] = streamLength;
        all[1] = streamValues;
        System.arraycopy(args, 0, all, 2, args.length);
        return all;
    }

    /** Milliseconds left, as SET ... PX takes them: relative, so the application's and Redis's clocks may differ. */
    private static byte[] ttl(long expiresAtMillis) {
        if (expiresAtMillis == 0) {
            return NO_TTL;
        }
        long left = Math.max(1, expiresAtMillis - System.currentTimeMillis());
        return Long.toString(left).getBytes(StandardCharsets.US_ASCII);
    }

    private static List<BackendEntry> merge(List<BackendEntry> a, List<BackendEntry> b, int limit) {
        if (b.isEmpty()) {
            return a;
        }
        List<BackendEntry> merged = new ArrayList<>(Math.min(limit, a.size() + b.size()));
        int i = 0;
        int j = 0;
        while (merged.size() < limit && (i < a.size() || j < b.size())) {
            if (j == b.size() || (i < a.size() && Arrays.compareUnsigned(a.get(i).key(), b.get(j).key()) < 0)) {
                merged.add(a.get(i++));
            } else {
                merged.add(b.get(j++));
            }
        }
        return merged;
    }
}
