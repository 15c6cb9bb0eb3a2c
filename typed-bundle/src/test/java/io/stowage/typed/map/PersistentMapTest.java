package io.stowage.typed.map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.stowage.api.InvalidKeyException;
import io.stowage.api.Store;
import io.stowage.typed.CodecMismatchException;
import io.stowage.typed.Codecs;
import io.stowage.typed.PersistentMap;
import io.stowage.typed.PersistentMaps;
import io.stowage.typed.SortedPersistentMap;
import io.stowage.typed.TestStores;

/**
 * What the guava suites do not reach: atomicity under contention, maps larger than a page (so iteration, reverse
 * questions and views cross page ends), and the errors of data that is not the map's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PersistentMapTest {

    private TestStores memory;
    private TestStores lmdb;

    @BeforeAll
    void open() {
        memory = TestStores.memory();
        lmdb = TestStores.lmdb();
    }

    @AfterAll
    void close() {
        memory.close();
        lmdb.close();
    }

    private Store fresh(String backend) {
        return ("lmdb".equals(backend) ? lmdb : memory).fresh();
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "lmdb"})
    void twoThreadsMergingIntoOneKeyLoseNoIncrement(String backend) throws Exception {
        PersistentMap<String, Integer> counts = PersistentMaps.of(fresh(backend), Codecs.strings(),
                Codecs.integers());
        int perThread = 3_000;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                done.add(threads.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        counts.merge("hits", 1, Integer::sum);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> thread : done) {
                thread.get();
            }
        } finally {
            threads.shutdown();
        }
        assertEquals(2 * perThread, counts.get("hits"));
    }

    /** Navigation over 1,000 keys (four pages), negatives included, against a TreeMap with the same content. */
    @ParameterizedTest
    @ValueSource(strings = {"memory", "lmdb"})
    void aSortedMapLargerThanAPageAnswersAsATreeMapDoes(String backend) {
        SortedPersistentMap<Long, String> map = PersistentMaps.sorted(fresh(backend), Codecs.longs(),
                Codecs.strings());
        TreeMap<Long, String> model = new TreeMap<>();
        Random random = new Random(17);
        while (model.size() < 1_000) {
            long key = random.nextInt(20_000) - 10_000;
            model.put(key, "v" + key);
            map.set(key, "v" + key);
        }
        assertSameNavigation(model, map, random);
        assertSameNavigation(model.descendingMap(), map.descendingMap(), random);
        assertSameNavigation(model.subMap(-5_000L, false, 5_000L, true), map.subMap(-5_000L, false, 5_000L, true),
                random);
        assertSameNavigation(model.headMap(0L, true).descendingMap(), map.headMap(0L, true).descendingMap(), random);
    }

    private static void assertSameNavigation(NavigableMap<Long, String> model, NavigableMap<Long, String> map,
            Random random) {
        assertEquals(new ArrayList<>(model.entrySet()), new ArrayList<>(map.entrySet()));
        assertEquals(model.size(), map.size());
        assertEquals(model.firstKey(), map.firstKey());
        assertEquals(model.lastKey(), map.lastKey());
        for (int i = 0; i < 50; i++) {
            long probe = random.nextInt(24_000) - 12_000;
            assertEquals(model.floorKey(probe), map.floorKey(probe), "floor " + probe);
            assertEquals(model.lowerKey(probe), map.lowerKey(probe), "lower " + probe);
            assertEquals(model.ceilingKey(probe), map.ceilingKey(probe), "ceiling " + probe);
            assertEquals(model.higherKey(probe), map.higherKey(probe), "higher " + probe);
        }
    }

    @Test
    void iteratorRemoveAndSetValueWriteThroughAcrossPages() {
        SortedPersistentMap<Integer, Integer> map = PersistentMaps.sorted(fresh("memory"), Codecs.integers(),
                Codecs.integers());
        for (int i = -300; i < 300; i++) {
            map.set(i, i);
        }
        for (var it = map.entrySet().iterator(); it.hasNext();) {
            Map.Entry<Integer, Integer> entry = it.next();
            if (entry.getKey() % 2 == 0) {
                it.remove();
            } else {
                entry.setValue(-entry.getKey());
            }
        }
        assertEquals(300, map.size());
        assertEquals(299, map.get(-299));
        assertNull(map.get(0));
        assertEquals(-299, map.get(299));
        assertEquals(299, map.lastKey());
    }

    @Test
    void aValueOfAnotherCodecIsAMismatchNamingStoreKeyAndBothCodecsAndPutLeavesIt() {
        Store store = fresh("memory");
        PersistentMaps.of(store, Codecs.strings(), Codecs.strings()).put("k", "text");
        PersistentMap<String, Long> longs = PersistentMaps.of(store, Codecs.strings(), Codecs.longs());
        CodecMismatchException e = assertThrows(CodecMismatchException.class, () -> longs.get("k"));
        assertContains(e, store.namespace() + "/" + store.name(), "key 'k'", "'string' version 1", "'long' version 1");
        assertThrows(CodecMismatchException.class, () -> longs.put("k", 1L));
        assertEquals("text", PersistentMaps.of(store, Codecs.strings(), Codecs.strings()).get("k"));
        longs.set("k", 2L);
        assertEquals(2L, longs.get("k"));
    }

    @Test
    void aValueStoredWithoutACodecIsAMismatch() {
        Store store = fresh("memory");
        store.put("raw", "plain bytes".getBytes(StandardCharsets.UTF_8));
        CodecMismatchException e = assertThrows(CodecMismatchException.class,
                () -> PersistentMaps.of(store, Codecs.strings(), Codecs.strings()).get("raw"));
        assertContains(e, "key 'raw'", "no typed header");
    }

    @Test
    void aKeyTheKeyCodecCannotParseIsAMismatchNamingIt() {
        Store store = fresh("memory");
        PersistentMap<Long, String> map = PersistentMaps.sorted(store, Codecs.longs(), Codecs.strings());
        map.set(1L, "one");
        PersistentMaps.of(store, Codecs.strings(), Codecs.strings()).set("user:1", "x");
        CodecMismatchException e = assertThrows(CodecMismatchException.class, () -> new ArrayList<>(map.keySet()));
        assertContains(e, "key 'user:1'", "key codec 'long'");
    }

    @Test
    void aKeyLongerThanTheStoreTakesIsRefusedByTheStoreWithTheKeyShown() {
        PersistentMap<String, String> map = PersistentMaps.of(fresh("memory"), Codecs.strings(), Codecs.strings());
        InvalidKeyException e = assertThrows(InvalidKeyException.class, () -> map.put("k".repeat(300), "v"));
        assertContains(e, "kkkk", "300 UTF-8 bytes", "'string'", "1 to 256");
        assertThrows(InvalidKeyException.class, () -> map.put("", "v"));
        PersistentMap<byte[], String> bytes = PersistentMaps.of(fresh("memory"), Codecs.bytes(), Codecs.strings());
        bytes.put(new byte[128], "fits");
        assertThrows(InvalidKeyException.class, () -> bytes.put(new byte[129], "does not"));
    }

    @Test
    void nullsAreRefusedAsAConcurrentMapRefusesThem() {
        PersistentMap<String, String> map = PersistentMaps.of(fresh("memory"), Codecs.strings(), Codecs.strings());
        assertThrows(NullPointerException.class, () -> map.put(null, "v"));
        assertThrows(NullPointerException.class, () -> map.put("k", null));
        assertThrows(NullPointerException.class, () -> map.get(null));
        assertThrows(NullPointerException.class, () -> map.merge("k", "v", null));
    }

    @Test
    void aSortedMapNeedsAnOrderPreservingKeyCodecAndSaysWhichIsNot() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PersistentMaps.sorted(fresh("memory"), Codecs.uuids(), Codecs.strings()));
        assertTrue(e.getMessage().contains("'uuid'"), e.getMessage());
    }

    @Test
    void aViewRefusesKeysOutsideItsRangeAndSeesNone() {
        SortedPersistentMap<Integer, String> map = PersistentMaps.sorted(fresh("memory"), Codecs.integers(),
                Codecs.strings());
        map.set(5, "five");
        map.set(50, "fifty");
        SortedPersistentMap<Integer, String> view = map.headMap(10, false);
        assertThrows(IllegalArgumentException.class, () -> view.put(10, "ten"));
        assertNull(view.get(50));
        assertFalse(view.containsKey(50));
        assertEquals(1, view.size());
        view.clear();
        assertEquals(Map.of(50, "fifty"), Map.copyOf(map));
    }

    @Test
    void computeIfAbsentDoesNotCallTheFunctionForAPresentKey() {
        PersistentMap<String, String> map = PersistentMaps.of(fresh("memory"), Codecs.strings(), Codecs.strings());
        map.set("k", "v");
        Supplier<String> never = () -> {
            throw new AssertionError("called");
        };
        assertEquals("v", map.computeIfAbsent("k", key -> never.get()));
    }

    private static void assertContains(Exception e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "'" + part + "' in: " + e.getMessage());
        }
    }
}
