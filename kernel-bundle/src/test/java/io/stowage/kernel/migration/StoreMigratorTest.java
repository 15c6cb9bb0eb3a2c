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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.stowage.api.Store;
import io.stowage.kernel.KernelHarness;
import io.stowage.kernel.store.BoundBackend;
import io.stowage.kernel.store.KeyCodec;
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
            List<String> progress = new ArrayList<>();
            StoreMigrator migrator = new StoreMigrator(harness.kernel,
                    (namespace, name, configuration) -> routesSaved.add(namespace + "/" + name + " -> " + configuration));
            long before = written.get();
            String summary = migrator.migrate("app", "moving", "other", false, progress::add);
            writing.set(false);
            long during = written.get() - before;
            writer.join();

            assertEquals(List.of(), failures);
            assertEquals(List.of("app/moving -> other"), routesSaved);
            assertEquals("other", harness.kernel.configurationFor("app", "moving"));
            assertTrue(summary.contains("entries copied"), summary);
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
            assertEquals(List.of(), harness.backend.scan(KeyCodec.storePrefix("app", "moving"),
                    KeyCodec.prefixEnd(KeyCodec.storePrefix("app", "moving")), 10).stream()
                    .map(BackendEntry::key).toList(), "the source's copy was deleted");
            assertEquals("stays", new String(neighbour.get("n"), UTF_8));
        }
    }

    @Test
    void aStoreAlreadyInTheTargetIsRefused() {
        try (KernelHarness harness = new KernelHarness()) {
            StoreMigrator migrator = new StoreMigrator(harness.kernel, (namespace, name, configuration) -> { });
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> migrator.migrate("app", "s", "default", false, line -> { }));
            assertTrue(e.getMessage().contains("already in configuration 'default'"), e.getMessage());
        }
    }

    private static String text(byte[] value) {
        return value == null ? null : new String(value, UTF_8);
    }
}
