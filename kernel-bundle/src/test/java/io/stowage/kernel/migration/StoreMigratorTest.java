package io.stowage.kernel.migration;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.stowage.admin.MigrationResult;
import io.stowage.api.Store;
import io.stowage.kernel.KernelHarness;
import io.stowage.kernel.store.BoundBackend;
import io.stowage.kernel.store.KeyCodec;
import io.stowage.kernel.store.StoreDirectory;
import io.stowage.spi.BackendEntry;
import io.stowage.storage.memory.MemoryBackend;

class StoreMigratorTest {

    @Test
    void writesDuringTheCopyAllArriveAndTheStoreEndsUpOnTheTargetOnly() throws Exception {
        try (KernelHarness harness = new KernelHarness()) {
            MemoryBackend target = KernelHarness.memoryBackend("other", 1_000_000);
            harness.kernel.bind("other", new BoundBackend(target, "memory", "1.0.0"));
            Store store = harness.namespace("app").store("moving");
            Store neighbour = harness.namespace("app").store("staying");
            neighbour.put("n", "stays".getBytes(UTF_8));
            for (int i = 0; i < 20_000; i++) {
                store.put("k" + i, ("v" + i).getBytes(UTF_8));
            }
            harness.clock.advance(Duration.ofSeconds(1));
            store.put("ttl", "t".getBytes(UTF_8), Duration.ofMinutes(10));

            // A writer keeps putting, deleting and compare-and-setting its own keys while the copy runs; they sort
            // first, so the copy passes them early and only mirroring brings the later writes along
            Map<String, String> model = new ConcurrentHashMap<>();
            AtomicBoolean writing = new AtomicBoolean(true);
            AtomicLong written = new AtomicLong();
            List<Throwable> failures = new ArrayList<>();
            Thread writer = new Thread(() -> {
                Random random = new Random(7);
                int n = 0;
                while (writing.get()) {
                    // Every put makes a new key, so no later write can repair a write the target missed
                    String key = String.format("a%07d", ++n);
                    try {
                        switch (random.nextInt(3)) {
                            case 0 -> {
                                store.put(key, ("x" + n).getBytes(UTF_8));
                                model.put(key, "x" + n);
                            }
                            case 1 -> {
                                String earlier = String.format("a%07d", 1 + random.nextInt(n));
                                store.delete(earlier);
                                model.remove(earlier);
                            }
                            default -> {
                                if (store.putIfAbsent(key, "first".getBytes(UTF_8))) {
                                    model.put(key, "first");
                                }
                            }
                        }
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                    written.incrementAndGet();
                }
            });
            writer.start();
            while (written.get() < 1_000) {
                Thread.onSpinWait();
            }
            List<String> routesSaved = new ArrayList<>();
            RecordingWatch watch = new RecordingWatch();
            StoreMigrator migrator = new StoreMigrator(harness.kernel,
                    (namespace, name, configuration) -> routesSaved.add(namespace + "/" + name + " -> " + configuration));
            long before = written.get();
            MigrationResult result = migrator.migrate(harness.kernel.route("app", "moving"), "other", false, watch);
            writing.set(false);
            long during = written.get() - before;
            writer.join();

            assertEquals(List.of(), failures);
            assertEquals(List.of("app/moving -> other"), routesSaved);
            assertEquals("other", harness.kernel.configurationFor("app", "moving"));
            assertEquals(List.of("copying", "switched"), watch.events);
            assertTrue(result.copied() >= 20_001 && watch.copied == result.copied(), result.toString());
            assertTrue(result.deleted() >= 20_001, "entries deleted from the source: " + result.deleted());
            assertEquals("", result.routeSaveError());
            assertTrue(during > 100, "writes during the migration: " + during);
            for (int i = 0; i < 20_000; i += 101) {
                assertEquals("v" + i, new String(store.get("k" + i), UTF_8));
            }
            model.forEach((key, value) -> assertEquals(value, text(store.get(key)), key));
            for (int i = 1; i <= written.get(); i++) {
                String key = String.format("a%07d", i);
                if (!model.containsKey(key)) {
                    assertNull(store.get(key), key + " was deleted or never written");
                }
            }
            assertEquals(20_001 + model.size(), store.count());
            assertTrue(store.ttl("ttl").remaining().compareTo(Duration.ofMinutes(9)) > 0, "remaining TTL kept");
            byte[] moving = StoreDirectory.prefixOf(harness.backend, "app", "moving");
            assertEquals(List.of(), harness.backend.scan(moving, KeyCodec.prefixEnd(moving), 10).stream()
                    .map(BackendEntry::key).toList(), "the source's copy was deleted");
            assertEquals("stays", new String(neighbour.get("n"), UTF_8));
        }
    }

    @Test
    void aStoreAlreadyInTheTargetIsRefused() {
        try (KernelHarness harness = new KernelHarness()) {
            StoreMigrator migrator = new StoreMigrator(harness.kernel, (namespace, name, configuration) -> { });
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> migrator.migrate(harness.kernel.route("app", "s"), "default", false, new RecordingWatch()));
            assertTrue(e.getMessage().contains("already in configuration 'default'"), e.getMessage());
        }
    }

    @Test
    void aCancelledMigrationLeavesTheStoreInItsSource() {
        try (KernelHarness harness = new KernelHarness()) {
            MemoryBackend target = KernelHarness.memoryBackend("other", 1_000_000);
            harness.kernel.bind("other", new BoundBackend(target, "memory", "1.0.0"));
            Store store = harness.namespace("app").store("staying");
            for (int i = 0; i < 5_000; i++) {
                store.put("k" + i, ("v" + i).getBytes(UTF_8));
            }
            RecordingWatch cancelling = new RecordingWatch() {
                @Override
                public void checkNotCancelled() {
                    if (copied > 0) {
                        throw new CancellationException("cancelled by the test");
                    }
                }
            };
            StoreMigrator migrator = new StoreMigrator(harness.kernel, (namespace, name, configuration) -> {
                throw new AssertionError("a cancelled migration saves no route");
            });
            assertThrows(CancellationException.class,
                    () -> migrator.migrate(harness.kernel.route("app", "staying"), "other", false, cancelling));

            assertEquals("default", harness.kernel.configurationFor("app", "staying"));
            assertEquals(5_000, store.count());
            assertEquals("v4999", text(store.get("k4999")));
            store.put("after", "still writable".getBytes(UTF_8));
            assertEquals("still writable", text(store.get("after")));
        }
    }

    /** Records what a migration tells its watch; cancels nothing. */
    private static class RecordingWatch implements MigrationWatch {
        final List<String> events = new ArrayList<>();
        volatile long copied;

        @Override
        public void copying() {
            events.add("copying");
        }

        @Override
        public void copied(long entries) {
            copied = entries;
        }

        @Override
        public void checkNotCancelled() {
        }

        @Override
        public void switched() {
            events.add("switched");
        }
    }

    private static String text(byte[] value) {
        return value == null ? null : new String(value, UTF_8);
    }
}
