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
import io.stowage.testkit.store.Bank;
import io.stowage.storage.redis.testing.RedisServer;

/**
 * Two client threads keep putting, getting, deleting and listing on four stores (two on a memory backend, one on
 * LMDB, one on Redis) while each backend bundle is updated 20 times, each time to a new build at a higher version,
 * and then replaced make-before-break by a version installed beside it: no operation fails, every acknowledged write
 * is there at the end, key by key, and the memory stores kept their contents. Beside them a {@link Bank} on each
 * backend moves money by transactions from four threads while an auditor sums every account in read-only ones: no
 * transaction fails but on conflicts, every snapshot holds the total, and each transfer acknowledged committed once
 * and whole, on the backend that served the store from then on.
 */
public class UpdateUnderLoadIT extends FrameworkProbe {

    private static final int UPDATES = 20;
    private static final int KEYS_PER_CLIENT = 200;
    /** Operations the clients must complete between two updates: proof that the updated backend serves again. */
    private static final int OPERATIONS_BETWEEN_UPDATES = 200;
    private static final String[] STORES = {"alpha", "beta", "gamma", "delta"};
    /** Transfers each bank must acknowledge after an update of its backend: its transactions commit again. */
    private static final int TRANSFERS_BETWEEN_UPDATES = 20;

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
        Bank onMemory = bank("ledger-volatile", "volatile");
        Bank onLmdb = bank("ledger-default", "default");
        Bank onRedis = bank("ledger-shared", "shared");
        List<Bank> banks = List.of(onMemory, onLmdb, onRedis);

        AtomicLong completed = new AtomicLong();
        List<Client> clients = List.of(new Client("c0:", stores, completed, 1), new Client("c1:", stores, completed, 2));
        clients.forEach(Client::start);
        banks.forEach(bank -> bank.start(4, 1));
        Bundle memory = StowageFramework.installed(context, "io.stowage.storage.memory");
        Bundle lmdb = StowageFramework.installed(context, "io.stowage.storage.lmdb");
        Bundle redisExtension = StowageFramework.installed(context, "io.stowage.storage.redis");
        try {
            for (int update = 1; update <= UPDATES; update++) {
                memory.update(TestBundles.atVersion(memory, "1.1." + update));
                awaitOperations(completed, onMemory, "memory update " + update);
                lmdb.update(TestBundles.atVersion(lmdb, "1.1." + update));
                awaitOperations(completed, onLmdb, "LMDB update " + update);
                redisExtension.update(TestBundles.atVersion(redisExtension, "1.1." + update));
                awaitOperations(completed, onRedis, "Redis update " + update);
            }
            // Then make before break: a new version beside each takes the configurations, the old one goes
            List<Bundle> extensions = List.of(memory, lmdb, redisExtension);
            for (int e = 0; e < extensions.size(); e++) {
                Bundle serving = extensions.get(e);
                Bundle beside = context.installBundle("beside:" + serving.getSymbolicName(),
                        TestBundles.atVersion(serving, "2.0.0"));
                beside.start();
                awaitOperations(completed, banks.get(e), "the switch of " + serving.getSymbolicName() + " to 2.0.0");
                serving.uninstall();
                awaitOperations(completed, banks.get(e), "the uninstall of " + serving.getSymbolicName() + " 1.1."
                        + UPDATES);
            }
        } finally {
            for (Client client : clients) {
                client.finish();
            }
            for (Bank bank : banks) {
                bank.stop();
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
        for (Bank bank : banks) {
            bank.verify();
            assertEquals(bank.summary(), List.of(), bank.failures());
            assertEquals(bank.summary(), 0, bank.unavailable());
            assertTrue(bank.summary(), bank.transfers() > UPDATES * TRANSFERS_BETWEEN_UPDATES && bank.snapshots() > 0);
        }
        assertEquals(List.of(), FrameworkLog.errors(log).stream()
                .filter(entry -> entry.startsWith("io.stowage")).toList());
    }

    /** A bank of eight accounts in a store routed to the backend configuration. */
    private Bank bank(String name, String configuration) throws Exception {
        StowageFramework.route(context, configurations, name, configuration);
        Store store = storage().store(name);
        StowageFramework.awaitWritable(store, "ready", "ready", log);
        return Bank.open(store, 8, 1_000);
    }

    /**
     * Waits until the clients completed more operations and the bank on the backend just updated acknowledged more
     * transfers: the backend serves again, transactions included.
     */
    private void awaitOperations(AtomicLong completed, Bank bank, String after) throws InterruptedException {
        long target = completed.get() + OPERATIONS_BETWEEN_UPDATES;
        long transfers = bank.transfers() + TRANSFERS_BETWEEN_UPDATES;
        try {
            StowageFramework.await(OPERATIONS_BETWEEN_UPDATES + " operations and " + TRANSFERS_BETWEEN_UPDATES
                    + " transfers after " + after, 20_000,
                    () -> completed.get() >= target && bank.transfers() >= transfers);
        } catch (AssertionError e) {
            // Not chained: Pax Exam reports the innermost cause only; the log is gone once the framework is
            List<String> recent = FrameworkLog.messages(log);
            throw new AssertionError(e.getMessage() + "; " + bank.summary() + "; recent log: "
                    + recent.subList(Math.max(0, recent.size() - 30), recent.size()));
        }
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
