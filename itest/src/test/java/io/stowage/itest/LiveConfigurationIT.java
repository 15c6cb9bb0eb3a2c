package io.stowage.itest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import javax.inject.Inject;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.log.LogLevel;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.admin.LoggerAdmin;
import org.osgi.service.log.admin.LoggerContext;

import io.stowage.api.BackendUnavailableException;
import io.stowage.api.Batch;
import io.stowage.api.StorageFullException;
import io.stowage.api.StorageService;
import io.stowage.api.Store;

/**
 * Configuration changed while the runtime runs takes effect without a restart and loses no data: a backend
 * configuration's attributes (a new instance with the new settings takes the data over), a store route's backend
 * (the store follows at once; what it held stays in the old backend) and the kernel's settings (applied in place:
 * open handles keep working).
 */
public class LiveConfigurationIT extends FrameworkProbe {

    private static final long OPERATION_TIMEOUT_MILLIS = 1_000;
    private static final Pattern SWEPT = Pattern.compile("expiry sweep removed (\\d+) entries");

    @Inject
    private LoggerAdmin loggerAdmin;

    @Override
    protected StowageFramework framework() {
        return StowageFramework.standard().with(StowageFramework.redisServerForClass());
    }

    @Before
    public void baseSettings() throws Exception {
        StowageFramework.defaultMemoryBackend(configurations);
        kernel(Map.of("defaultBackend", "default", "operationTimeoutMillis", OPERATION_TIMEOUT_MILLIS));
    }

    @After
    public void backToBaseSettings() throws Exception {
        kernel(Map.of("defaultBackend", "default", "operationTimeoutMillis", OPERATION_TIMEOUT_MILLIS));
    }

    @Test
    public void aMemoryConfigurationTakesNewSettingsWithItsData() throws Exception {
        org.osgi.service.cm.Configuration memory = backend("io.stowage.memory", "live-memory", Map.of("maxKeys", 1_000L));
        StowageFramework.route(context, configurations, "memory-store", "live-memory");
        Store store = storage().store("memory-store");
        fill(store, 300);

        change(memory, "maxKeys", 400L);
        awaitLog("memory backend 'live-memory' started (maxKeys 400)");
        assertFilled(store, 300);
        // The kernel keeps keys of its own in every backend (the data format, the store directory's counter and
        // its entry for this store): 397 are the application's
        for (int i = 300; i < 397; i++) {
            store.put("k" + i, ("v" + i).getBytes(UTF_8));
        }
        assertThrows("the new limit holds", StorageFullException.class, () -> store.put("one-too-many", new byte[1]));

        // A limit below what it holds: the configuration cannot start, and the kernel keeps the data meanwhile
        change(memory, "maxKeys", 100L);
        BackendUnavailableException[] waiting = {null};
        StowageFramework.await("the configuration to fail", 30_000, () -> {
            try {
                store.get("k0");
                return false;
            } catch (BackendUnavailableException e) {
                waiting[0] = e;
                return e.getMessage().contains("maxKeys");
            }
        });
        assertTrue(waiting[0].getMessage(), waiting[0].getMessage().contains("'live-memory'"));
        change(memory, "maxKeys", 1_000L);
        StowageFramework.await("the configuration to start again", 60_000, () -> {
            try {
                return store.exists("k0");
            } catch (BackendUnavailableException notYet) {
                return false;
            }
        });
        assertFilled(store, 397);
    }

    @Test
    public void anLmdbConfigurationReopensWithNewSettingsAndItsDataWhileANewPathStartsEmpty() throws Exception {
        org.osgi.service.cm.Configuration lmdb = backend("io.stowage.lmdb", "live-lmdb",
                Map.of("path", "lmdb/live-lmdb", "mapSizeMiB", 8L));
        StowageFramework.route(context, configurations, "lmdb-store", "live-lmdb");
        Store store = storage().store("lmdb-store");
        byte[] kibibyte = new byte[1024];
        StowageFramework.awaitWritable(store, "first", "v", log);
        for (int batch = 0; batch < 6; batch++) {
            Batch.Builder writes = Batch.builder();
            for (int i = batch * 500; i < (batch + 1) * 500; i++) {
                writes.put("big" + i, kibibyte);
            }
            store.write(writes.build());
        }

        change(lmdb, "mapSizeMiB", 32L);
        awaitLog("LMDB backend 'live-lmdb' opened", "(32 MiB map, DURABLE)");
        assertEquals(3_001, store.count());

        // Smaller than the data: LMDB keeps the file's size, nothing is cut
        int opened = count("LMDB backend 'live-lmdb' opened");
        change(lmdb, "mapSizeMiB", 1L);
        StowageFramework.await("the reopen", 10_000, () -> count("LMDB backend 'live-lmdb' opened") > opened);
        assertEquals(3_001, store.count());
        assertArrayEquals(kibibyte, store.get("big2999"));

        change(lmdb, "syncMode", "NO_SYNC");
        awaitLog("LMDB backend 'live-lmdb' opened", "NO_SYNC)");
        assertEquals("v", new String(store.get("first"), UTF_8));

        // Another path is another environment: the data stays in the old folder, and is there again on the way back
        change(lmdb, "path", "lmdb/live-lmdb-elsewhere");
        awaitLog("LMDB backend 'live-lmdb' opened", "live-lmdb-elsewhere");
        assertEquals(0, store.count());
        store.put("elsewhere", new byte[] {1});
        change(lmdb, "path", "lmdb/live-lmdb");
        StowageFramework.await("the original folder", 10_000, () -> store.count() == 3_001);
        assertFalse(store.exists("elsewhere"));
    }

    @Test
    public void aRedisConfigurationReconnectsWithNewSettingsAndItsData() throws Exception {
        int port = Integer.parseInt(context.getProperty("stowage.itest.redis.port"));
        org.osgi.service.cm.Configuration redis = StowageFramework.redisBackend(configurations, "live-redis", port);
        StowageFramework.route(context, configurations, "redis-store", "live-redis");
        Store store = storage().store("redis-store");
        fill(store, 200);

        int connected = count("Redis backend 'live-redis' connected");
        change(redis, "commandTimeoutMillis", 3_000L);
        StowageFramework.await("the reconnect", 10_000, () -> count("Redis backend 'live-redis' connected") > connected);
        assertFilled(store, 200);

        // Another key prefix is another data set on the same server, as another path is for LMDB
        change(redis, "keyPrefix", "stowage:live-redis-other:");
        StowageFramework.await("the other prefix", 10_000, () -> {
            try {
                return store.count() == 0;
            } catch (BackendUnavailableException notYet) {
                return false;
            }
        });
        change(redis, "keyPrefix", "stowage:live-redis:");
        StowageFramework.await("the first prefix", 10_000, () -> {
            try {
                return store.count() == 200;
            } catch (BackendUnavailableException notYet) {
                return false;
            }
        });
        assertFilled(store, 200);
    }

    /** A route change moves no data: the store sees the new backend's keys, its old ones wait where they were. */
    @Test
    public void aStoreFollowsItsRouteAtOnceAndItsDataStaysInTheOldBackend() throws Exception {
        StowageFramework.lmdbBackend(configurations, "route-durable");
        StowageFramework.memoryBackend(configurations, "route-volatile");
        org.osgi.service.cm.Configuration route = StowageFramework.route(context, configurations, "moving",
                "route-durable");
        Store store = storage().store("moving");
        StowageFramework.awaitWritable(store, "k", "in lmdb", log);

        route(route, "route-volatile");
        assertNull("the store now reads the other backend", store.get("k"));
        store.put("k", "in memory".getBytes(UTF_8));
        // No store is routed to the LMDB configuration any more: its instance is released, its files stay
        StowageFramework.await("the unused LMDB instance to close", 10_000,
                () -> FrameworkLog.contains(log, "LMDB backend 'route-durable' closed"));

        route(route, "route-durable");
        assertEquals("in lmdb", new String(store.get("k"), UTF_8));
        route(route, "route-volatile");
        assertEquals("the memory configuration kept its copy while unrouted", "in memory",
                new String(store.get("k"), UTF_8));

        route.delete();
        StowageFramework.await("the route to go", 10_000,
                () -> !command("stowage:routes").contains("*/moving"));
        assertNull("without a route the store is in the default backend", store.get("k"));
    }

    @Test
    public void kernelSettingsApplyInPlaceAndOpenHandlesKeepWorking() throws Exception {
        ServiceReference<StorageService> service = context.getServiceReference(StorageService.class);
        long serviceId = (Long) service.getProperty(Constants.SERVICE_ID);
        Store plain = storage().store("unrouted");
        StowageFramework.awaitWritable(plain, "k", "in default", log);
        StowageFramework.memoryBackend(configurations, "other-default");

        kernel(Map.of("defaultBackend", "other-default", "operationTimeoutMillis", OPERATION_TIMEOUT_MILLIS));
        StowageFramework.await("the new default backend", 10_000, () -> {
            try {
                return plain.get("k") == null;
            } catch (BackendUnavailableException notYet) {
                return false;
            }
        });
        plain.put("k", "in other-default".getBytes(UTF_8));
        kernel(Map.of("defaultBackend", "default", "operationTimeoutMillis", OPERATION_TIMEOUT_MILLIS));
        StowageFramework.await("the old default backend", 10_000, () -> "in default".equals(text(plain.get("k"))));

        // How long an operation waits for a missing backend
        StowageFramework.route(context, configurations, "stranded", "nowhere");
        Store stranded = storage().store("stranded");
        assertWaits(stranded, OPERATION_TIMEOUT_MILLIS);
        kernel(Map.of("defaultBackend", "default", "operationTimeoutMillis", 2_500L));
        assertWaits(stranded, 2_500);

        // How often expired entries are swept: a sweep run by hand finds what the schedule left
        Store expiring = storage().store("expiring");
        for (int i = 0; i < 5; i++) {
            expiring.put("t" + i, new byte[1], java.time.Duration.ofMillis(50));
        }
        // exists() reads without removing: once no entry exists, all five are expired and still stored
        StowageFramework.await("the five entries to expire", 10_000,
                () -> IntStream.range(0, 5).noneMatch(i -> expiring.exists("t" + i)));
        assertEquals("removed 5 expired entries", command("stowage:sweep"));
        // The scheduled sweeps log what they remove at DEBUG, which the log service hands to listeners (it keeps
        // no DEBUG entries): listen to the kernel at that level while the schedule runs
        AtomicLong sweptOnSchedule = new AtomicLong();
        LogListener sweeps = entry -> {
            Matcher swept = SWEPT.matcher(entry.getMessage());
            if (swept.find()) {
                sweptOnSchedule.addAndGet(Long.parseLong(swept.group(1)));
            }
        };
        LoggerContext kernelLog = loggerAdmin.getLoggerContext("io.stowage.kernel");
        Map<String, LogLevel> levels = kernelLog.getLogLevels();
        log.addLogListener(sweeps);
        kernelLog.setLogLevels(Map.of(org.osgi.service.log.Logger.ROOT_LOGGER_NAME, LogLevel.DEBUG));
        try {
            kernel(Map.of("defaultBackend", "default", "operationTimeoutMillis", OPERATION_TIMEOUT_MILLIS,
                    "sweepIntervalSeconds", 1L));
            for (int i = 0; i < 5; i++) {
                expiring.put("t" + i, new byte[1], java.time.Duration.ofMillis(50));
            }
            StowageFramework.await("the scheduled sweeps to remove the five entries", 10_000,
                    () -> sweptOnSchedule.get() >= 5);
        } finally {
            kernelLog.setLogLevels(levels);
            log.removeLogListener(sweeps);
        }
        assertEquals("removed 0 expired entries", command("stowage:sweep"));

        assertEquals("in default", text(plain.get("k")));
        assertEquals("the storage service was never registered again", serviceId,
                context.getServiceReference(StorageService.class).getProperty(Constants.SERVICE_ID));
    }

    private static void assertWaits(Store store, long millis) {
        long start = System.nanoTime();
        assertThrows(BackendUnavailableException.class, () -> store.get("k"));
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue("waited " + waited + " ms instead of " + millis, waited >= millis - 50 && waited < millis + 1_500);
    }

    private org.osgi.service.cm.Configuration backend(String factoryPid, String name, Map<String, Object> settings)
            throws Exception {
        org.osgi.service.cm.Configuration configuration = configurations.getFactoryConfiguration(factoryPid, name, "?");
        Dictionary<String, Object> properties = new Hashtable<>(settings);
        properties.put("name", name);
        configuration.update(properties);
        return configuration;
    }

    private static void change(org.osgi.service.cm.Configuration configuration, String key, Object value)
            throws Exception {
        Dictionary<String, Object> properties = configuration.getProperties();
        properties.put(key, value);
        configuration.update(properties);
    }

    private void route(org.osgi.service.cm.Configuration route, String backend) throws Exception {
        change(route, "backend", backend);
        String applied = "*/" + route.getProperties().get("store") + " -> " + backend;
        StowageFramework.await("the route " + applied, 10_000,
                () -> command("stowage:routes").contains(applied));
    }

    /** Replaces the kernel's configuration and waits until the kernel runs with it. */
    private void kernel(Map<String, Object> settings) throws Exception {
        StowageFramework.kernelSettings(context, configurations, scr, settings);
    }


    private void fill(Store store, int keys) throws InterruptedException {
        StowageFramework.awaitWritable(store, "k0", "v0", log);
        for (int i = 0; i < keys; i++) {
            store.put("k" + i, ("v" + i).getBytes(UTF_8));
        }
    }

    private static void assertFilled(Store store, int keys) {
        assertEquals("keys of " + store.name(), keys, store.count());
        for (int i = 0; i < keys; i++) {
            assertEquals(store.name() + " k" + i, "v" + i, new String(store.get("k" + i), UTF_8));
        }
    }

    private void awaitLog(String... parts) throws InterruptedException {
        StowageFramework.await("a log entry with " + String.join(" ... ", parts), 10_000,
                () -> FrameworkLog.messages(log).stream().anyMatch(message -> {
                    for (String part : parts) {
                        if (!message.contains(part)) {
                            return false;
                        }
                    }
                    return true;
                }));
    }

    private int count(String text) {
        return (int) FrameworkLog.messages(log).stream().filter(message -> message.contains(text)).count();
    }

    private static String text(byte[] value) {
        return value == null ? null : new String(value, UTF_8);
    }
}
