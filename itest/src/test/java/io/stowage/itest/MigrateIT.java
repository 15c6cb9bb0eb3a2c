package io.stowage.itest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.Test;

import io.stowage.api.StorageService;
import io.stowage.api.Store;
import io.stowage.storage.redis.testing.RedisServer;
import io.stowage.testkit.store.Bank;

/**
 * stowage:migrate moves a store from the memory backend to LMDB and back, and from LMDB to Redis and back, while a
 * client keeps writing: every acknowledged write and delete is in the target afterwards, remaining TTLs are kept, the
 * route is saved as a store route configuration, and the progress of the copy is printed. A {@link Bank} in the same
 * store moves money by transactions meanwhile: none fails but on conflicts, every snapshot holds the total, and the
 * target holds the total and every acknowledged transfer once (a commit on the source after the switch would be
 * missing there).
 */
public class MigrateIT extends FrameworkProbe {

    private static final int ENTRIES = 30_000;

    @Test
    public void aStoreMovesToLmdbAndBackWhileItIsWritten() throws Exception {
        StowageFramework.lmdbBackend(configurations, "default");
        StowageFramework.memoryBackend(configurations, "volatile");
        StowageFramework.route(context, configurations, "moving", "volatile");
        Store store = filled("moving");
        String label = store.namespace() + "/moving";

        Writer writer = new Writer(store);
        Bank bank = Bank.open(store, 8, 1_000);
        writer.start();
        bank.start(4, 1);
        try {
            writer.awaitWrites(200);
            awaitTransfers(bank);
            String toLmdb = command("stowage:migrate " + label + " default");
            assertTrue(toLmdb, toLmdb.contains("migrated " + label + " from 'volatile' to 'default'"));
            assertTrue(toLmdb, toLmdb.contains("route saved"));
            StowageFramework.await("the saved route", 10_000,
                    () -> command("stowage:routes").contains(label + " -> default"));
            writer.awaitWrites(200);
            awaitTransfers(bank);

            String back = command("stowage:migrate --keep " + label + " volatile");
            assertTrue(back, back.contains("from 'default' to 'volatile'") && back.contains("the source keeps its copy"));
            writer.awaitWrites(200);
            awaitTransfers(bank);
        } finally {
            writer.finish();
            bank.stop();
        }

        assertHoldsEverythingAcknowledged(store, writer);
        assertBalanced(bank);
        StowageFramework.await("the route back", 10_000, () -> command("stowage:routes").contains(label + " -> volatile"));
    }

    @Test
    public void aStoreMovesFromLmdbToRedisAndBackWhileItIsWritten() throws Exception {
        try (RedisServer redis = RedisServer.start(Path.of(context.getProperty("stowage.data"), "redis-migrate"))) {
            StowageFramework.lmdbBackend(configurations, "default");
            StowageFramework.redisBackend(configurations, "shared", redis.port());
            Store store = filled("travelling");
            String label = store.namespace() + "/travelling";

            Writer writer = new Writer(store);
            Bank bank = Bank.open(store, 8, 1_000);
            writer.start();
            bank.start(4, 1);
            try {
                writer.awaitWrites(200);
                awaitTransfers(bank);
                String toRedis = command("stowage:migrate " + label + " shared");
                assertTrue(toRedis, toRedis.contains("migrated " + label + " from 'default' to 'shared'"));
                StowageFramework.await("the saved route", 10_000,
                        () -> command("stowage:routes").contains(label + " -> shared"));
                writer.awaitWrites(200);
                awaitTransfers(bank);
                long inRedis = Long.parseLong(redis.command("DBSIZE").substring(1));
                assertTrue("keys in Redis after the move: " + inRedis, inRedis > ENTRIES);

                String back = command("stowage:migrate " + label + " default");
                assertTrue(back, back.contains("from 'shared' to 'default'"));
                writer.awaitWrites(200);
                awaitTransfers(bank);
            } finally {
                writer.finish();
                bank.stop();
            }

            assertHoldsEverythingAcknowledged(store, writer);
            assertBalanced(bank);
            // Redis held only this store: no value is left but the kernel's metadata (the format and the store
            // directory, which keeps the store's prefix), whose keys form the group with the empty name
            String metadataTag = "{cbf29ce484222325}";
            List<String> left = redis.command("KEYS", "*}d*").lines().map(String::strip)
                    .filter(key -> !key.isEmpty() && !key.contains(metadataTag)).toList();
            assertEquals("the source's copy in Redis was deleted", List.of(), left);
        }
    }

    /** A store of the probe's namespace holding the entries and a session key with ten minutes to live. */
    private Store filled(String name) throws InterruptedException {
        Store store = storage().store(name);
        StowageFramework.awaitWritable(store, "ready", "ready", log);
        for (int i = 0; i < ENTRIES; i++) {
            store.put(String.format("k%06d", i), ("v" + i).getBytes(UTF_8));
        }
        store.put("session", "token".getBytes(UTF_8), Duration.ofMinutes(10));
        return store;
    }

    /** The entries, the writer's acknowledged state key by key, and the session's remaining TTL. */
    private static void assertHoldsEverythingAcknowledged(Store store, Writer writer) {
        assertEquals(List.of(), writer.failures);
        for (int i = 0; i < ENTRIES; i += 97) {
            assertEquals("v" + i, new String(store.get(String.format("k%06d", i)), UTF_8));
        }
        writer.model.forEach((key, value) -> assertEquals(key, value, text(store.get(key))));
        for (int i = 1; i <= writer.count.get(); i++) {
            String key = Writer.key(i);
            if (!writer.model.containsKey(key)) {
                assertNull(key + " was deleted or never written", store.get(key));
            }
        }
        Duration left = store.ttl("session").remaining();
        assertTrue("TTL left: " + left, left.compareTo(Duration.ofMinutes(9)) > 0);
    }

    /** Waits for the bank to acknowledge 50 more transfers: after a switch, its transactions commit on the target. */
    private static void awaitTransfers(Bank bank) throws InterruptedException {
        long target = bank.transfers() + 50;
        try {
            StowageFramework.await("50 more transfers", 10_000, () -> bank.transfers() >= target);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; " + bank.summary());
        }
    }

    /** The store, on its backend now, holds the total and every acknowledged transfer once; nothing failed. */
    private static void assertBalanced(Bank bank) {
        bank.verify();
        assertEquals(bank.summary(), List.of(), bank.failures());
        assertEquals(bank.summary(), 0, bank.unavailable());
        assertTrue(bank.summary(), bank.snapshots() > 0);
    }

    private static String text(byte[] value) {
        return value == null ? null : new String(value, UTF_8);
    }

    /** Puts new keys, deletes earlier ones and puts-if-absent, recording what each store call acknowledged. */
    private static final class Writer extends Thread {

        final Store store;
        final Map<String, String> model = new ConcurrentHashMap<>();
        final List<String> failures = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger count = new AtomicInteger();
        final AtomicBoolean running = new AtomicBoolean(true);

        Writer(Store store) {
            super("migration-writer");
            this.store = store;
        }

        static String key(int n) {
            return String.format("w%07d", n);
        }

        @Override
        public void run() {
            java.util.Random random = new java.util.Random(11);
            while (running.get()) {
                int n = count.get() + 1;
                try {
                    switch (random.nextInt(3)) {
                        case 0 -> {
                            store.put(key(n), ("x" + n).getBytes(UTF_8));
                            model.put(key(n), "x" + n);
                        }
                        case 1 -> {
                            String earlier = key(1 + random.nextInt(n));
                            store.delete(earlier);
                            model.remove(earlier);
                        }
                        default -> {
                            if (store.putIfAbsent(key(n), "first".getBytes(UTF_8))) {
                                model.put(key(n), "first");
                            }
                        }
                    }
                } catch (RuntimeException e) {
                    failures.add(e.toString());
                }
                count.set(n);
            }
        }

        void awaitWrites(int more) throws InterruptedException {
            int target = count.get() + more;
            StowageFramework.await(more + " more writes", 10_000, () -> count.get() >= target);
        }

        void finish() throws InterruptedException {
            running.set(false);
            join(10_000);
        }
    }
}
