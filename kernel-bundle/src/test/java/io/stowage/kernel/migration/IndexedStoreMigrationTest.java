package io.stowage.kernel.migration;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.stowage.api.Entry;
import io.stowage.api.IndexHit;
import io.stowage.api.IndexQuery;
import io.stowage.api.Page;
import io.stowage.api.Store;
import io.stowage.kernel.KernelHarness;
import io.stowage.kernel.index.IndexDefinition;
import io.stowage.kernel.index.LiveIndex;
import io.stowage.kernel.index.WordsIndex;
import io.stowage.kernel.store.BoundBackend;
import io.stowage.kernel.store.KeyCodec;
import io.stowage.kernel.store.StoreDirectory;
import io.stowage.kernel.transform.TransformVersion;
import io.stowage.storage.memory.MemoryBackend;

/** A store migrated with its index while two writers change it: the index arrives whole and agrees with the data. */
class IndexedStoreMigrationTest {

    @Test
    void theIndexMovesWithTheStoreAndAgreesWithItsData() throws Exception {
        try (KernelHarness harness = new KernelHarness()) {
            MemoryBackend target = KernelHarness.memoryBackend("other", 1_000_000);
            harness.kernel.bind("other", new BoundBackend(target, "memory", "1.0.0"));
            WordsIndex words = new WordsIndex();
            harness.kernel.indexFunctions().add(words, TransformVersion.parse("1.0.0"));
            Store store = harness.namespace("app").store("moving");
            for (int i = 0; i < 3000; i++) {
                store.put("k" + i, ("w" + (i % 40) + " z" + (i % 3)).getBytes(UTF_8));
            }
            LiveIndex index = harness.kernel.indexes().create(harness.kernel.route("app", "moving"),
                    new IndexDefinition("w", "words", Map.of(), false));
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (index.state() == LiveIndex.State.BUILDING) {
                assertTrue(System.nanoTime() < deadline, "built within 10 s");
                Thread.onSpinWait();
            }
            assertEquals(LiveIndex.State.READY, index.state(), index::failure);

            AtomicBoolean writing = new AtomicBoolean(true);
            AtomicLong written = new AtomicLong();
            List<Throwable> failures = new ArrayList<>();
            List<Thread> writers = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                int seed = t;
                Thread writer = new Thread(() -> {
                    Random random = new Random(seed);
                    while (writing.get()) {
                        String key = "k" + random.nextInt(3200);
                        try {
                            if (random.nextInt(4) == 0) {
                                store.delete(key);
                            } else {
                                store.put(key, ("w" + random.nextInt(50) + " y").getBytes(UTF_8));
                            }
                        } catch (Throwable e) {
                            failures.add(e);
                        }
                        written.incrementAndGet();
                    }
                });
                writer.start();
                writers.add(writer);
            }
            while (written.get() < 500) {
                Thread.onSpinWait();
            }
            StoreMigrator migrator = new StoreMigrator(harness.kernel, (namespace, name, configuration) -> { });
            migrator.migrate(harness.kernel.route("app", "moving"), "other", false, new QuietWatch());
            long atSwitch = written.get();
            while (written.get() < atSwitch + 500) {
                Thread.onSpinWait();
            }
            writing.set(false);
            for (Thread writer : writers) {
                writer.join();
            }
            assertEquals(List.of(), failures);

            assertEquals("other", harness.kernel.configurationFor("app", "moving"));
            assertEquals(recomputed(store, words), hits(store));
            byte[] source = StoreDirectory.prefixOf(harness.backend, "app", "moving");
            assertEquals(List.of(), harness.backend.scan(source, KeyCodec.prefixEnd(source), 10),
                    "neither keys nor index entries are left in the source");
        }
    }

    private static List<String> hits(Store store) {
        List<String> hits = new ArrayList<>();
        String after = null;
        do {
            Page<IndexHit> page = store.index("w").find(IndexQuery.all(), 1000, after);
            page.items().forEach(hit -> hits.add(hit.indexKey() + "=" + hit.key()));
            after = page.continuation();
        } while (after != null);
        return hits;
    }

    private static List<String> recomputed(Store store, WordsIndex words) {
        TreeSet<String> expected = new TreeSet<>((a, b) -> Arrays.compareUnsigned(
                a.replace('=', '\0').getBytes(UTF_8), b.replace('=', '\0').getBytes(UTF_8)));
        String after = null;
        do {
            Page<Entry> page = store.scan(null, null, 1000, after);
            for (Entry entry : page.items()) {
                words.bind(Map.of()).keys(entry.key(), entry.value()).forEach(w -> expected.add(w + "=" + entry.key()));
            }
            after = page.continuation();
        } while (after != null);
        return List.copyOf(expected);
    }
}
