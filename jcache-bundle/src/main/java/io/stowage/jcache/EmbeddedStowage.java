package io.stowage.jcache;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.osgi.service.log.Logger;

import io.stowage.api.StorageService;
import io.stowage.kernel.EmbeddedKernel;
import io.stowage.spi.StorageBackend;
import io.stowage.storage.memory.MemoryBackend;

/**
 * The Stowage kernel a provider runs itself on a plain classpath, outside any framework: one kernel and backend per
 * backend the cache managers' URIs name ({@link BackendUri}), started on first use and ended by {@link #close()}.
 * The only class of the provider that touches the kernel and the backends' classes, so that in a framework, where
 * caches get their stores from the calling bundle's {@code StorageService}, none of them is ever loaded.
 *
 * <p>Settings, as system properties or the provider's properties: {@value #URI} (the default cache manager URI,
 * {@code stowage:memory} unless set), {@value #NAMESPACE} (the namespace of its caches, {@code jcache} unless set),
 * {@value #LMDB_PATH} (the LMDB folder of a {@code stowage:lmdb} URI without {@code path}), {@value #REDIS_ADDRESS}
 * (the Redis server of a {@code stowage:redis} URI without {@code address}), {@value #SWEEP_INTERVAL_MILLIS} (how
 * often the kernel removes expired entries of memory and LMDB caches, which is when expired-entry listeners hear of
 * them; an hour unless set, and read when a backend's kernel starts); a cache manager's properties override them for
 * that manager.
 */
public final class EmbeddedStowage implements CacheStorage {

    /** The default cache manager URI. */
    public static final String URI = "stowage.jcache.uri";
    /** The namespace caches live in when their manager's URI names none. */
    public static final String NAMESPACE = "stowage.jcache.namespace";
    /** The LMDB folder of {@code stowage:lmdb} when the URI has no {@code path}. */
    public static final String LMDB_PATH = "stowage.jcache.lmdb.path";
    /** The Redis server ({@code <host>:<port>}) of {@code stowage:redis} when the URI has no {@code address}. */
    public static final String REDIS_ADDRESS = "stowage.jcache.redis.address";
    /** How often, in milliseconds, the kernel of a backend started from now on sweeps expired entries. */
    public static final String SWEEP_INTERVAL_MILLIS = "stowage.jcache.sweepIntervalMillis";

    private static final long OPERATION_TIMEOUT_MILLIS = 5_000;
    private static final long DEFAULT_MAX_KEYS = 10_000_000;

    /**
     * The kernels running in this JVM, by backend, with how many providers use each. Shared because JSR-107 makes a
     * provider per class loader, and LMDB must not open one folder twice in a process; static because only a plain
     * classpath embeds kernels (in a framework this class is never loaded), where it cannot pin a bundle's loader.
     */
    private static final Map<String, Running> RUNNING = new HashMap<>();

    /** A running kernel, how to end the backend it serves, and how many providers use it. */
    private static final class Running {
        private final EmbeddedKernel kernel;
        private final Runnable endBackend;
        private int users;

        Running(EmbeddedKernel kernel, Runnable endBackend) {
            this.kernel = kernel;
            this.endBackend = endBackend;
        }
    }

    private final Properties settings;
    private final Set<String> used = new HashSet<>();

    /** Settings from the system properties. */
    public EmbeddedStowage() {
        this(System.getProperties());
    }

    public EmbeddedStowage(Properties settings) {
        this.settings = settings;
    }

    @Override
    public URI defaultUri() {
        return java.net.URI.create(settings.getProperty(URI, "stowage:memory"));
    }

    @Override
    public StorageService namespaceFor(URI uri, ClassLoader classLoader, Properties properties) {
        Properties merged = new Properties();
        merged.putAll(settings);
        merged.putAll(properties);
        String namespace = merged.getProperty(NAMESPACE, BackendUri.DEFAULT_NAMESPACE);
        String lmdbPath = merged.getProperty(LMDB_PATH);
        String redisAddress = merged.getProperty(REDIS_ADDRESS);
        BackendUri fallback = BackendUri.parse(defaultUri(), null, namespace, lmdbPath, redisAddress);
        BackendUri backend = BackendUri.parse(uri, fallback, namespace, lmdbPath, redisAddress);
        long sweepInterval = sweepInterval(merged);
        synchronized (RUNNING) {
            Running running = RUNNING.computeIfAbsent(backend.instanceKey(), key -> start(backend, sweepInterval));
            if (used.add(backend.instanceKey())) {
                running.users++;
            }
            return running.kernel.namespace(backend.namespace());
        }
    }

    private static long sweepInterval(Properties settings) {
        String value = settings.getProperty(SWEEP_INTERVAL_MILLIS);
        if (value == null) {
            return EmbeddedKernel.DEFAULT_SWEEP_INTERVAL_MILLIS;
        }
        try {
            long millis = Long.parseLong(value.trim());
            if (millis >= 1) {
                return millis;
            }
        } catch (NumberFormatException e) {
            // reported below, with the accepted range
        }
        throw new IllegalArgumentException(SWEEP_INTERVAL_MILLIS + "=" + value
                + " is not a number of milliseconds, 1 or more");
    }

    /** Ends the kernels this provider used that no other provider uses. */
    @Override
    public void close() {
        List<Running> ending = new ArrayList<>();
        synchronized (RUNNING) {
            for (String key : used) {
                Running running = RUNNING.get(key);
                if (--running.users == 0) {
                    RUNNING.remove(key);
                    ending.add(running);
                }
            }
            used.clear();
        }
        for (Running running : ending) {
            running.kernel.close();
            running.endBackend.run();
        }
    }

    private static Running start(BackendUri uri, long sweepIntervalMillis) {
        Logger logger = SystemLogger.named("io.stowage.jcache." + uri.backend());
        StorageBackend backend;
        Runnable end;
        if (uri.backend().equals("lmdb")) {
            try {
                backend = EmbeddedLmdb.open(uri, logger);
            } catch (NoClassDefFoundError e) {
                throw new IllegalArgumentException("LMDB caches need io.stowage:storage-lmdb-bundle and "
                        + "org.lmdbjava:lmdbjava on the classpath: " + e.getMessage(), e);
            }
            end = () -> EmbeddedLmdb.close(backend);
        } else if (uri.backend().equals("redis")) {
            try {
                backend = EmbeddedRedis.open(uri, logger);
            } catch (NoClassDefFoundError e) {
                throw new IllegalArgumentException("Redis caches need io.stowage:storage-redis-bundle and its client "
                        + "(redis.clients:jedis) on the classpath: " + e.getMessage(), e);
            }
            end = () -> EmbeddedRedis.close(backend);
        } else {
            MemoryBackend memory = MemoryBackend.outsideFramework("jcache", uri.number("maxKeys", DEFAULT_MAX_KEYS),
                    logger);
            backend = memory;
            end = memory::close;
        }
        try {
            return new Running(new EmbeddedKernel(backend, uri.backend(), OPERATION_TIMEOUT_MILLIS,
                    sweepIntervalMillis, System::currentTimeMillis, logger), end);
        } catch (RuntimeException e) {
            end.run();
            throw e;
        }
    }
}
