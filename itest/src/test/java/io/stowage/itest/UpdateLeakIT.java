package io.stowage.itest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.lang.ref.WeakReference;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.framework.wiring.FrameworkWiring;

import io.stowage.api.StorageService;
import io.stowage.api.Store;
import io.stowage.storage.redis.testing.RedisServer;

/**
 * Updating and refreshing each backend bundle many times leaks nothing: every old revision's class loader is
 * collected, and the live threads, open file descriptors (sockets included), Redis client connections and extracted
 * native libraries are back to where they were; the Redis extension serves one configuration on each client. The
 * cycle count is {@code stowage.leak.cycles} (50 in
 * {@code mvn verify}; the {@code soak} profile runs more).
 */
public class UpdateLeakIT extends FrameworkProbe {

    private static final int CYCLES = Integer.getInteger("stowage.leak.cycles", 50);
    /** Threads the JVM or the framework may start on their own meanwhile (JIT, GC, reference handling). */
    private static final int THREAD_TOLERANCE = 3;
    /** Descriptors the JVM may open on its own meanwhile (class path jars, /proc reads). */
    private static final int FD_TOLERANCE = 5;

    @Test
    public void updateAndRefreshCyclesLeaveNoClassLoaderThreadDescriptorOrNativeLibraryBehind() throws Exception {
        try (RedisServer redis = RedisServer.start(Path.of(context.getProperty("stowage.data"), "redis"))) {
            cycles(redis);
        }
    }

    private void cycles(RedisServer redis) throws Exception {
        StowageFramework.lmdbBackend(configurations, "default");
        StowageFramework.memoryBackend(configurations, "volatile");
        StowageFramework.redisBackend(configurations, "shared", redis.port(), "jedis");
        StowageFramework.redisBackend(configurations, "shared-lettuce", redis.port(), "lettuce");
        StowageFramework.route(context, configurations, "kept", "volatile");
        StowageFramework.route(context, configurations, "remote", "shared");
        StowageFramework.route(context, configurations, "remote-lettuce", "shared-lettuce");
        Store durable = storage().store("durable");
        Store kept = storage().store("kept");
        Store remote = storage().store("remote");
        Store remoteLettuce = storage().store("remote-lettuce");
        Bundle memory = StowageFramework.installed(context, "io.stowage.storage.memory");
        Bundle lmdb = StowageFramework.installed(context, "io.stowage.storage.lmdb");
        Bundle redisExtension = StowageFramework.installed(context, "io.stowage.storage.redis");
        // Two cycles first: whatever the framework starts once (refresh thread, class loading) is part of the baseline
        List<WeakReference<ClassLoader>> oldLoaders = new ArrayList<>();
        for (int cycle = 0; cycle < 2; cycle++) {
            cycle(memory, kept, "warm-up " + cycle, oldLoaders);
            cycle(lmdb, durable, "warm-up " + cycle, oldLoaders);
            cycle(redisExtension, List.of(remote, remoteLettuce), "warm-up " + cycle, oldLoaders);
        }
        collect(oldLoaders);
        int threads = liveThreads();
        int descriptors = openDescriptors();
        int natives = nativeLibraries();
        List<String> clientThreads = clientThreads();

        for (int cycle = 1; cycle <= CYCLES; cycle++) {
            cycle(memory, kept, "cycle " + cycle, oldLoaders);
            cycle(lmdb, durable, "cycle " + cycle, oldLoaders);
            cycle(redisExtension, List.of(remote, remoteLettuce), "cycle " + cycle, oldLoaders);
        }

        assertEquals("class loaders of old revisions still reachable after GC: " + describe(oldLoaders), 0,
                collect(oldLoaders));
        assertTrue("live threads: " + liveThreads() + ", before the cycles: " + threads,
                liveThreads() <= threads + THREAD_TOLERANCE);
        assertTrue("open descriptors: " + openDescriptors() + ", before the cycles: " + descriptors,
                openDescriptors() <= descriptors + FD_TOLERANCE);
        assertEquals("extracted native libraries", natives, nativeLibraries());
        assertNoConnectionOutlivesTheExtension(redisExtension, redis, List.of(remote, remoteLettuce));
        assertEquals("client threads: " + clientThreads() + ", before the cycles: " + clientThreads,
                clientThreads.size(), clientThreads().size());
        List<String> missing = new ArrayList<>();
        for (int cycle = 1; cycle <= CYCLES; cycle++) {
            for (Store store : List.of(kept, durable, remote, remoteLettuce)) {
                byte[] value = store.get("cycle " + cycle);
                if (value == null || !new String(value, UTF_8).equals("cycle " + cycle)) {
                    missing.add(store.name() + ": cycle " + cycle);
                }
            }
        }
        assertEquals("values written after each cycle; log: " + FrameworkLog.messages(log).stream()
                .filter(line -> line.contains("volatile") || line.contains("memory")).toList(), List.of(), missing);
    }

    private void cycle(Bundle bundle, Store store, String value, List<WeakReference<ClassLoader>> oldLoaders)
            throws Exception {
        cycle(bundle, List.of(store), value, oldLoaders);
    }

    /** Update and refresh the bundle, then write through it again; remembers the class loader it had. */
    private void cycle(Bundle bundle, List<Store> stores, String value, List<WeakReference<ClassLoader>> oldLoaders)
            throws Exception {
        oldLoaders.add(new WeakReference<>(bundle.adapt(BundleWiring.class).getClassLoader()));
        bundle.update();
        CountDownLatch refreshed = new CountDownLatch(1);
        context.getBundle(0).adapt(FrameworkWiring.class).refreshBundles(List.of(bundle), event -> {
            if (event.getType() == FrameworkEvent.PACKAGES_REFRESHED) {
                refreshed.countDown();
            }
        });
        assertTrue("refresh of " + bundle.getSymbolicName() + " finished", refreshed.await(30, TimeUnit.SECONDS));
        for (Store store : stores) {
            StowageFramework.awaitWritable(store, value, value, log);
        }
    }

    /**
     * Stops the Redis extension and waits for Redis to list no client but the one asking: a connection left by an
     * instance that ended without closing it stays, whereas the pools of the instances serving now may have grown
     * to more than one connection each under concurrent use, which is no leak. Then starts the extension again.
     */
    private void assertNoConnectionOutlivesTheExtension(Bundle extension, RedisServer redis, List<Store> stores)
            throws Exception {
        extension.stop();
        try {
            StowageFramework.await("no connection to Redis", 10_000, () -> {
                try {
                    return redisClients(redis) == 0;
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        } catch (AssertionError stillConnected) {
            // the assertion below says which connections remain
        }
        assertEquals("connections to Redis once its extension stopped: " + redis.command("CLIENT", "LIST"), 0,
                redisClients(redis));
        extension.start();
        for (Store store : stores) {
            StowageFramework.awaitWritable(store, "restarted", "restarted", log);
        }
    }

    /** Runs GC until the references are cleared or 20 rounds passed; returns how many remain. */
    private static int collect(List<WeakReference<ClassLoader>> references) throws InterruptedException {
        for (int round = 0; round < 20; round++) {
            references.removeIf(reference -> reference.get() == null);
            if (references.isEmpty()) {
                return 0;
            }
            System.gc();
            Thread.sleep(100);
        }
        return references.size();
    }

    /** The loaders left, and the live threads whose context class loader is one of them. */
    private static String describe(List<WeakReference<ClassLoader>> references) {
        collectQuietly(references);
        List<String> described = new ArrayList<>();
        for (WeakReference<ClassLoader> reference : references) {
            ClassLoader loader = reference.get();
            if (loader != null) {
                described.add(loader + " context of threads " + Thread.getAllStackTraces().keySet().stream()
                        .filter(t -> t.getContextClassLoader() == loader).map(Thread::getName).toList());
            }
        }
        return described + "; threads " + Thread.getAllStackTraces().keySet().stream().map(Thread::getName).sorted()
                .toList();
    }

    private static void collectQuietly(List<WeakReference<ClassLoader>> references) {
        try {
            collect(references);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Client connections the server sees, but for the one that asks. */
    private static long redisClients(RedisServer redis) throws java.io.IOException {
        return redis.command("CLIENT", "LIST").lines().filter(line -> line.startsWith("id=")).count() - 1;
    }

    /**
     * The live Redis instances' client threads. Lettuce's Netty starts them when first needed: one I/O event loop per
     * connection (of the two each instance has) and the timer, while the computation thread has had nothing to do.
     * Jedis starts none; commons-pool2's evictor would show here if a pool turned it on.
     */
    private static List<String> clientThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.startsWith("lettuce-") || name.startsWith("commons-pool")).toList();
    }

    private static int liveThreads() {
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }

    private static int openDescriptors() {
        String[] open = new File("/proc/self/fd").list();
        return open == null ? 0 : open.length;
    }

    private static int nativeLibraries() {
        File folder = new File(System.getProperty("lmdbjava.extract.dir"));
        File[] files = folder.listFiles((dir, name) -> name.startsWith("lmdbjava-native-library"));
        return files == null ? 0 : files.length;
    }
}
