package io.stowage.kernel.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.stowage.api.Batch;
import io.stowage.api.ChangeFeed;
import io.stowage.api.DuplicateIndexKeyException;
import io.stowage.api.Entry;
import io.stowage.api.IndexHit;
import io.stowage.api.IndexQuery;
import io.stowage.api.IndexUnavailableException;
import io.stowage.api.IndexedEntry;
import io.stowage.api.InvalidInputException;
import io.stowage.api.Page;
import io.stowage.api.Store;
import io.stowage.api.StoreIndex;
import io.stowage.kernel.Kernel;
import io.stowage.kernel.KernelHarness;
import io.stowage.kernel.KernelSettings;
import io.stowage.kernel.index.IndexDefinition;
import io.stowage.kernel.index.LiveIndex;
import io.stowage.kernel.index.WordsIndex;
import io.stowage.kernel.transform.TransformVersion;
import io.stowage.testlog.Loggers;

/** Secondary indexes on the memory backend: every write path keeps them, lookups, unique keys, TTL, life cycle. */
class IndexedStoreTest {

    private final KernelHarness harness = new KernelHarness();
    private final WordsIndex words = new WordsIndex();
    private final Store store;

    IndexedStoreTest() {
        harness.kernel.indexFunctions().add(words, TransformVersion.parse("1.0.0"));
        store = harness.namespace("app").store("s");
    }

    @AfterEach
    void close() {
        harness.close();
    }

    private LiveIndex create(String name, boolean unique, Map<String, String> parameters) {
        LiveIndex index = harness.kernel.indexes().create(harness.kernel.route("app", "s"),
                new IndexDefinition(name, "words", parameters, unique));
        await(() -> index.state() != LiveIndex.State.BUILDING);
        assertEquals(LiveIndex.State.READY, index.state(), index::failure);
        return index;
    }

    /** Waits up to 10 s for the condition (a deadline loop, no fixed sleep); also for the other index tests. */
    static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "condition not met within 10 s");
            Thread.onSpinWait();
        }
    }

    static byte[] v(String text) {
        return text.getBytes(UTF_8);
    }

    /** Every hit of the index, in index order. */
    private static List<String> hits(StoreIndex index, IndexQuery query) {
        List<String> hits = new ArrayList<>();
        String after = null;
        do {
            Page<IndexHit> page = index.find(query, 2, after);
            page.items().forEach(hit -> hits.add(hit.indexKey() + "=" + hit.key()));
            after = page.continuation();
        } while (after != null);
        return hits;
    }

    /** What the index must hold: every live key's words, recomputed from the data, in index order. */
    private List<String> recomputed(boolean firstOnly) {
        TreeSet<String> expected = new TreeSet<>((a, b) -> java.util.Arrays.compareUnsigned(
                a.replace('=', '\0').getBytes(UTF_8), b.replace('=', '\0').getBytes(UTF_8)));
        for (Entry entry : store.scan(null, null, 10_000).items()) {
            var keys = words.bind(firstOnly ? Map.of("first", "true") : Map.of()).keys(entry.key(), entry.value());
            keys.forEach(word -> expected.add(word + "=" + entry.key()));
        }
        return List.copyOf(expected);
    }

    @Test
    void everyWritePathKeepsTheIndex() {
        create("w", false, Map.of());
        StoreIndex index = store.index("w");
        store.put("k1", v("red apple"));
        store.put("k2", v("green apple"), Duration.ofMinutes(5));
        assertTrue(store.putIfAbsent("k3", v("red cherry")));
        assertFalse(store.putIfAbsent("k3", v("blue")));
        assertTrue(store.replace("k1", v("red apple"), v("yellow banana")));
        assertFalse(store.replace("k1", v("red apple"), v("blue")));
        store.write(Batch.builder().put("k4", v("red plum")).delete("k2").put("k5", v("apple")).build());
        store.transact(tx -> {
            tx.put("k6", v("red grape"));
            tx.delete("k5");
            return null;
        });
        assertTrue(store.delete("k3"));
        assertEquals(List.of("banana=k1", "grape=k6", "plum=k4", "red=k4", "red=k6", "yellow=k1"),
                hits(index, IndexQuery.all()));
        assertEquals(recomputed(false), hits(index, IndexQuery.all()));
        assertEquals(List.of("red=k4", "red=k6"), hits(index, IndexQuery.exact("red")));
        assertEquals(List.of("plum=k4"), hits(index, IndexQuery.prefix("p")));
        assertEquals(List.of("grape=k6", "plum=k4"), hits(index, IndexQuery.range("c", "q")));
        Page<IndexedEntry> entries = index.entries(IndexQuery.exact("red"), 1);
        assertEquals("k4", entries.items().get(0).key());
        assertArrayEquals(v("red plum"), entries.items().get(0).value());
        Page<IndexedEntry> next = index.entries(IndexQuery.exact("red"), 1, entries.continuation());
        assertEquals("k6", next.items().get(0).key());
        assertNull(next.continuation());
    }

    @Test
    void indexEntriesStayOutOfTheStoresListingsAndLeaveWithClear() {
        create("w", false, Map.of());
        store.put("a", v("one two"));
        store.put("b", v("three"));
        assertEquals(2, store.count());
        assertEquals(List.of("a", "b"), store.keys("*", 100).items());
        assertEquals(2, store.scan(null, null, 100).items().size());
        assertEquals(3, harness.kernel.indexes().entries(harness.kernel.route("app", "s"), "w"));
        store.clear();
        assertEquals(0, store.count());
        assertEquals(0, harness.kernel.indexes().entries(harness.kernel.route("app", "s"), "w"));
    }

    @Test
    void aUniqueIndexRefusesADuplicateAndWritesNothing() {
        create("first", true, Map.of("first", "true"));
        store.put("u1", v("alice smith"));
        DuplicateIndexKeyException refused = assertThrows(DuplicateIndexKeyException.class,
                () -> store.put("u2", v("alice jones")));
        assertEquals("first", refused.index());
        assertEquals("alice", refused.indexKey());
        assertEquals("u1", refused.heldBy());
        assertNull(store.get("u2"));
        assertThrows(DuplicateIndexKeyException.class,
                () -> store.write(Batch.builder().put("u3", v("bob")).put("u4", v("bob")).build()));
        assertFalse(store.exists("u3"));
        // A key gives up the index key and another takes it in the same batch
        store.write(Batch.builder().put("u1", v("carol")).put("u2", v("alice")).build());
        assertEquals(List.of("alice=u2", "carol=u1"), hits(store.index("first"), IndexQuery.all()));
        store.put("u2", v("alice again")); // the holder itself may write it again
        assertEquals(recomputed(true), hits(store.index("first"), IndexQuery.all()));
    }

    @Test
    void anExpiredKeyLeavesLookupsAndFreesItsUniqueKey() {
        create("first", true, Map.of("first", "true"));
        store.put("t", v("temp"), Duration.ofSeconds(10));
        assertEquals(List.of("temp=t"), hits(store.index("first"), IndexQuery.exact("temp")));
        harness.clock.advance(Duration.ofSeconds(11));
        assertEquals(List.of(), hits(store.index("first"), IndexQuery.exact("temp")));
        store.put("other", v("temp"));
        assertEquals(List.of("temp=other"), hits(store.index("first"), IndexQuery.exact("temp")));
        harness.kernel.sweepExpired();
        assertEquals(1, harness.kernel.indexes().entries(harness.kernel.route("app", "s"), "first"));
    }

    @Test
    void aSweptKeyIsOneExpiryInTheChangeFeedAndItsEntriesGoWithIt() throws InterruptedException {
        create("w", false, Map.of());
        try (ChangeFeed feed = store.watch("*", ChangeFeed.NOW, false)) {
            store.put("t", v("short lived words"), Duration.ofSeconds(5));
            harness.clock.advance(Duration.ofSeconds(6));
            harness.kernel.sweepExpired();
            assertEquals(List.of("PUT t", "EXPIRE t"), feed.poll(10, Duration.ZERO).stream()
                    .map(event -> event.kind() + " " + event.key()).toList());
        }
        assertEquals(0, harness.kernel.indexes().entries(harness.kernel.route("app", "s"), "w"));
    }

    @Test
    void anIndexCreatedOnDataIsBuiltLiveUnderWrites() throws Exception {
        for (int i = 0; i < 2000; i++) {
            store.put("key" + i, v("w" + (i % 50) + " x" + (i % 7)));
        }
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService writers = Executors.newFixedThreadPool(2);
        List<Future<?>> running = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            int seed = t;
            running.add(writers.submit(() -> {
                java.util.Random random = new java.util.Random(seed);
                while (!stop.get()) {
                    String key = "key" + random.nextInt(2200);
                    if (random.nextInt(4) == 0) {
                        store.delete(key);
                    } else {
                        store.put(key, v("w" + random.nextInt(60) + " y" + random.nextInt(5)));
                    }
                }
            }));
        }
        try {
            LiveIndex index = harness.kernel.indexes().create(harness.kernel.route("app", "s"),
                    new IndexDefinition("w", "words", Map.of(), false));
            assertThrows(IndexUnavailableException.class, () -> store.index("w").find(IndexQuery.all(), 10));
            await(() -> index.state() != LiveIndex.State.BUILDING);
            assertEquals(LiveIndex.State.READY, index.state(), index::failure);
        } finally {
            stop.set(true);
            for (Future<?> writer : running) {
                writer.get();
            }
            writers.shutdown();
        }
        assertEquals(recomputed(false), hits(store.index("w"), IndexQuery.all()));
    }

    @Test
    void withoutItsFunctionWritesAndLookupsWaitAndFailAndResumeWhenItIsBack() {
        create("w", false, Map.of());
        store.put("a", v("kept"));
        harness.kernel.indexFunctions().remove(words);
        long started = System.nanoTime();
        assertThrows(IndexUnavailableException.class, () -> store.put("a", v("changed")));
        assertTrue(System.nanoTime() - started >= 200_000_000L, "waited the operation timeout");
        assertThrows(IndexUnavailableException.class, () -> store.delete("a"));
        assertThrows(IndexUnavailableException.class, () -> store.index("w").find(IndexQuery.all(), 10));
        assertArrayEquals(v("kept"), store.get("a"));
        harness.kernel.indexFunctions().add(new WordsIndex(), TransformVersion.parse("1.1.0"));
        store.put("a", v("changed"));
        assertEquals(List.of("changed=a"), hits(store.index("w"), IndexQuery.all()));
    }

    @Test
    void droppingAnIndexDeletesItsEntries() {
        LiveIndex index = create("w", false, Map.of());
        store.put("a", v("one two three"));
        assertTrue(harness.kernel.indexes().drop(harness.kernel.route("app", "s"), "w"));
        assertEquals(0, harness.kernel.indexes().entries(harness.kernel.route("app", "s"), index));
        assertThrows(IndexUnavailableException.class, () -> store.index("w").find(IndexQuery.all(), 10));
        store.put("b", v("four"));
        assertFalse(harness.kernel.indexes().drop(harness.kernel.route("app", "s"), "w"));
    }

    @Test
    void badDefinitionsAreRefusedByName() {
        StoreRoute route = harness.kernel.route("app", "s");
        assertThrows(IndexUnavailableException.class,
                () -> harness.kernel.indexes().check(route, new IndexDefinition("x", "json", Map.of(), false)));
        InvalidInputException parameter = assertThrows(InvalidInputException.class, () -> harness.kernel.indexes()
                .check(route, new IndexDefinition("x", "words", Map.of("colour", "red"), false)));
        assertTrue(parameter.getMessage().contains("unknown parameter 'colour'"), parameter.getMessage());
        assertThrows(InvalidInputException.class, () -> new IndexDefinition("Bad Name", "words", Map.of(), false));
        assertThrows(InvalidInputException.class, () -> store.index("Bad Name"));
        create("w", false, Map.of());
        assertThrows(InvalidInputException.class,
                () -> harness.kernel.indexes().create(route, new IndexDefinition("w", "words", Map.of(), false)));
    }

    @Test
    void anIndexConfiguredBeforeItsBackendServesClearsWhatAnEarlierRuntimeLeftAndIsBuilt() {
        create("w", false, Map.of());
        store.put("a", v("one two"));
        store.put("b", v("three"));
        harness.kernel.close();
        // The next runtime: the index configured again, with another function, before the backend is bound
        try (Kernel next = new Kernel(new KernelSettings("default", 200, 3_600_000), harness.clock, Loggers.silent())) {
            next.indexFunctions().add(words, TransformVersion.parse("1.0.0"));
            LiveIndex index = next.indexes().create(next.route("app", "s"),
                    new IndexDefinition("w", "words", Map.of("first", "true"), false));
            assertEquals(LiveIndex.State.BUILDING, index.state());
            next.bind("default", new BoundBackend(harness.backend, "memory", "1.0.0"));
            await(() -> index.state() != LiveIndex.State.BUILDING);
            assertEquals(LiveIndex.State.READY, index.state(), index::failure);
            Store again = new NamespaceService(next, "app").store("s");
            assertEquals(List.of("one=a", "three=b"), hits(again.index("w"), IndexQuery.all()));
        }
    }

    @Test
    void aUniqueIndexOverDuplicatesFailsToBuild() {
        store.put("a", v("same"));
        store.put("b", v("same"));
        LiveIndex index = harness.kernel.indexes().create(harness.kernel.route("app", "s"),
                new IndexDefinition("u", "words", Map.of(), true));
        await(() -> index.state() != LiveIndex.State.BUILDING);
        assertEquals(LiveIndex.State.FAILED, index.state());
        assertTrue(index.failure().contains("'same'"), index.failure());
        IndexUnavailableException refused = assertThrows(IndexUnavailableException.class,
                () -> store.index("u").find(IndexQuery.all(), 10));
        assertTrue(refused.getMessage().contains("could not be built"), refused.getMessage());
    }
}
