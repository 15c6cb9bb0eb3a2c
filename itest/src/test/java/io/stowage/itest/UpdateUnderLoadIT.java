package io.stowage.itest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.Test;
import org.osgi.framework.Bundle;

import io.stowage.api.Page;
import io.stowage.api.StorageService;
import io.stowage.api.Store;
import io.stowage.storage.redis.testing.RedisServer;

/**
 * Two client threads keep putting, getting, deleting and listing on four stores (two on a memory backend, one on
 * LMDB, one on Redis) while each backend bundle is updated 20 times, each time to a new build at a higher version,
 * and then replaced make-before-break by a version installed beside it: no operation fails, every acknowledged write
 * is there at the end, key by key, and the memory stores kept their contents.
 */
public class UpdateUnderLoadIT extends FrameworkProbe {

    private static final int UPDATES = 20;
    private static final int KEYS_PER_CLIENT = 200;
    /** Operations the clients must complete between two updates: proof that the updated backend serves again. */
    private static final int OPERATIONS_BETWEEN_UPDATES = 200;
    private static final String[] STORES = {"alpha", "beta", "gamma", "delta"};

    @Test
    public void noOperationFailsAndNoAcknowledgedWriteIsLostWhileEveryBackendIsUpdatedTwentyTimes() throws Exception {
        try (RedisServer redis = RedisServer.start(Path.of(context.getProperty("stowage.data"), "redis"))) {
            updateUnderLoad(redis);
        }
    }

    private void updateUnderLoad(RedisServer redis) throws Exception {
        StowageFramework.lmdbBackend(configurations, "default");
        StowageFramework.memoryBackend(configurations, "volatile");
        StowageFramework.redisBackend(configurations, "shared", redis.port());
        StowageFramework.route(context, configurations, "alpha", "volatile");
        StowageFramework.route(context, configurations, "gamma", "volatile");
        StowageFramework.route(context, configurations, "delta", "shared");
        List<Store> stores = new ArrayList<>();
        for (String name : STORES) {
            Store store = storage().store(name);
            StowageFramework.awaitWritable(store, "ready", "ready", log);
            stores.add(store);
        }

        AtomicLong completed = new AtomicLong();
        List<Client> clients = List.of(new Client("c0:", stores, completed, 1), new Client("c1:", stores, completed, 2));
        clients.forEach(Client::start);
        Bundle memory = StowageFramework.installed(context, "io.stowage.storage.memory");
        Bundle lmdb = StowageFramework.installed(context, "io.stowage.storage.lmdb");
        Bundle redisExtension = StowageFramework.installed(context, "io.stowage.storage.redis");
        try {
            for (int update = 1; update <= UPDATES; update++) {
                memory.update(TestBundles.atVersion(memory, "1.1." + update));
                awaitOperations(completed, "memory update " + update);
                lmdb.update(TestBundles.atVersion(lmdb, "1.1." + update));
                awaitOperations(completed, "LMDB update " + update);
                redisExtension.update(TestBundles.atVersion(redisExtension, "1.1." + update));
                awaitOperations(completed, "Redis update " + update);
            }
            // Then make before break: a new version beside each takes the configurations, the old one goes
            for (Bundle serving : List.of(memory, lmdb, redisExtension)) {
                Bundle beside = context.installBundle("beside:" + serving.getSymbolicName(),
                        TestBundles.atVersion(serving, "2.0.0"));
                beside.start();
                awaitOperations(completed, "the switch of " + serving.getSymbolicName() + " to 2.0.0");
                serving.uninstall();
                awaitOperations(completed, "the uninstall of " + serving.getSymbolicName() + " 1.1." + UPDATES);
            }
        } finally {
            for (Client client : clients) {
                client.finish();
            }
        }

        assertEquals("memory extension version", "2.0.0",
                StowageFramework.installed(context, "io.stowage.storage.memory").getVersion().toString());
        assertEquals("LMDB extension version", "2.0.0",
                StowageFramework.installed(context, "io.stowage.storage.lmdb").getVersion().toString());
        assertEquals("Redis extension version", "2.0.0",
                StowageFramework.installed(context, "io.stowage.storage.redis").getVersion().toString());
        assertTrue(FrameworkLog.contains(log, "backend configuration 'volatile' switched live from memory 1.1."
                + UPDATES));
        String backends = StowageFramework.command(context, "stowage:backends");
        assertTrue(backends, backends.contains("serving on redis 2.0.0"));
        assertTrue("keys in Redis: " + redis.command("DBSIZE"), Long.parseLong(redis.command("DBSIZE").substring(1)) > 10);
        for (Client client : clients) {
            assertEquals("failed operations of client " + client.prefix + " (" + client.operations + " operations)",
                    List.of(), client.failures);
            assertTrue("client " + client.prefix + " worked: " + client.operations, client.operations > 1000);
            client.verify();
        }
        assertEquals(List.of(), FrameworkLog.errors(log).stream()
                .filter(entry -> entry.startsWith("io.stowage")).toList());
    }

    /** Waits until the clients completed more operations: the backend just updated serves again. */
    private static void awaitOperations(AtomicLong completed, String after) throws InterruptedException {
        long target = completed.get() + OPERATIONS_BETWEEN_UPDATES;
        StowageFramework.await(OPERATIONS_BETWEEN_UPDATES + " operations after " + after, 20_000,
                () -> completed.get() >= target);
    }

    /**
     * One client thread with keys of its own (its prefix), so that it knows exactly what each store must hold: the
     * model records every acknowledged write and delete.
     */
    private static final class Client extends Thread {

        final String prefix;
        final List<Store> stores;
        final AtomicLong completed;
        final Random random;
        final List<Map<String, String>> models = new ArrayList<>();
        final List<String> failures = Collections.synchronizedList(new ArrayList<>());
        volatile boolean running = true;
        long operations;
        long writes;

        Client(String prefix, List<Store> stores, AtomicLong completed, long seed) {
            super("client-" + prefix);
            this.prefix = prefix;
            this.stores = stores;
            this.completed = completed;
            this.random = new Random(seed);
            stores.forEach(store -> models.add(new HashMap<>()));
        }

        @Override
        public void run() {
            while (running) {
                int index = random.nextInt(stores.size());
                Store store = stores.get(index);
                Map<String, String> model = models.get(index);
                String key = prefix + random.nextInt(KEYS_PER_CLIENT);
                int kind = random.nextInt(100);
                try {
                    if (kind < 45) {
                        String value = prefix + "v" + (++writes);
                        store.put(key, value.getBytes(UTF_8));
                        model.put(key, value);
                    } else if (kind < 75) {
                        expect(store, "get " + key, model.get(key), text(store.get(key)));
                    } else if (kind < 85) {
                        boolean existed = store.delete(key);
                        expect(store, "delete " + key + " found it", model.remove(key) != null, existed);
                    } else {
                        Page<String> page = store.keys(prefix + "*", KEYS_PER_CLIENT + 1, null);
                        expect(store, "keys " + prefix + "*", new TreeSet<>(model.keySet()), new TreeSet<>(page.items()));
                    }
                    operations++;
                    completed.incrementAndGet();
                } catch (RuntimeException e) {
                    failures.add(store.name() + ": " + e);
                }
            }
        }

        private void expect(Store store, String what, Object expected, Object actual) {
            if (!java.util.Objects.equals(expected, actual) && failures.size() < 20) {
                failures.add(store.name() + ": " + what + ": expected " + expected + " but was " + actual);
            }
        }

        void finish() throws InterruptedException {
            running = false;
            join(30_000);
        }

        /** Every store holds exactly the client's acknowledged state. */
        void verify() {
            for (int i = 0; i < stores.size(); i++) {
                Store store = stores.get(i);
                Map<String, String> model = models.get(i);
                assertEquals("keys of " + prefix + " in " + store.name(), new TreeSet<>(model.keySet()),
                        new TreeSet<>(store.keys(prefix + "*", KEYS_PER_CLIENT + 1, null).items()));
                model.forEach((key, value) -> assertEquals(store.name() + " " + key, value, text(store.get(key))));
            }
        }

        private static String text(byte[] value) {
            return value == null ? null : new String(value, UTF_8);
        }
    }
}
