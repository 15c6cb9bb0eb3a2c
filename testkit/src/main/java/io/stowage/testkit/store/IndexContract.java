package io.stowage.testkit.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.Test;

import io.stowage.api.Batch;
import io.stowage.api.DuplicateIndexKeyException;
import io.stowage.api.IndexHit;
import io.stowage.api.IndexQuery;
import io.stowage.api.IndexUnavailableException;
import io.stowage.api.IndexedEntry;
import io.stowage.api.Page;
import io.stowage.api.StorageService;
import io.stowage.api.Store;

/**
 * The secondary index contract: on any backend with conditional writes, every way of writing a store keeps its
 * indexes in agreement with its data ({@link IndexCheck}), a unique index refuses a duplicate and writes nothing,
 * lookups page in index order, and an index created on a store with data is built while two writers change it.
 *
 * <p>A backend's test extends this class and says how to reach a {@link StorageService} and how to create and drop
 * an index of a {@link WordsIndexFunction} ({@code words} or {@code words(first=true)}), registered by the test.
 * Every test uses stores of its own. JUnit 4, as the {@link StoreContract} is, so that Pax Exam can run it.
 */
public abstract class IndexContract {

    /** The namespace's storage service the stores are opened from. */
    protected abstract StorageService storage();

    /** Creates the index on the store of {@link #storage()}'s namespace and returns once it is built. */
    protected abstract void createIndex(String store, String name, String function, boolean unique);

    /** Drops the index and deletes its entries. */
    protected abstract void dropIndex(String store, String name);

    private static byte[] b(String text) {
        return text.getBytes(UTF_8);
    }

    private void assertAgrees(Store store, String index, boolean firstOnly) {
        assertEquals("", IndexCheck.disagreement(store, index, IndexCheck.words(firstOnly)));
    }

    @Test
    public void everyWayOfWritingKeepsTheIndexes() {
        Store store = storage().store("idx-writes");
        store.put("seed", b("old words"));
        createIndex("idx-writes", "all", "words", false);
        createIndex("idx-writes", "first", "words(first=true)", true);
        store.put("k1", b("red apple"));
        store.put("k1", b("green apple"));
        assertTrue(store.putIfAbsent("k2", b("blue sky")));
        assertFalse(store.putIfAbsent("k2", b("grey sky")));
        assertTrue(store.replace("k2", b("blue sky"), b("black sky")));
        assertFalse(store.replace("k2", b("blue sky"), b("white sky")));
        store.write(Batch.builder().put("k3", b("yellow sun")).delete("seed").put("k4", b("orange")).build());
        store.transact(tx -> {
            tx.put("k5", b("purple rain"));
            tx.delete("k4");
            return null;
        });
        assertTrue(store.delete("k3"));
        assertAgrees(store, "all", false);
        assertAgrees(store, "first", true);
        assertEquals(List.of(new IndexHit("apple", "k1")),
                store.index("all").find(IndexQuery.exact("apple"), 10).items());
        store.clear();
        assertEquals(List.of(), store.index("all").find(IndexQuery.all(), 10).items());
        assertEquals(0, store.count());
    }

    @Test
    public void aUniqueIndexRefusesADuplicateAndWritesNothing() {
        Store store = storage().store("idx-unique");
        createIndex("idx-unique", "first", "words(first=true)", true);
        store.put("u1", b("ada lovelace"));
        DuplicateIndexKeyException refused = assertThrows(DuplicateIndexKeyException.class,
                () -> store.put("u2", b("ada byron")));
        assertEquals("u1", refused.heldBy());
        assertEquals("ada", refused.indexKey());
        assertNull(store.get("u2"));
        assertThrows(DuplicateIndexKeyException.class,
                () -> store.write(Batch.builder().put("u3", b("alan")).put("u4", b("alan turing")).build()));
        assertFalse(store.exists("u3"));
        assertThrows(DuplicateIndexKeyException.class, () -> store.putIfAbsent("u5", b("ada")));
        store.write(Batch.builder().put("u1", b("augusta")).put("u2", b("ada")).build());
        assertAgrees(store, "first", true);
    }

    @Test
    public void lookupsPageInIndexOrderWithValues() {
        Store store = storage().store("idx-order");
        createIndex("idx-order", "all", "words", false);
        store.put("b", b("a zz a\u0000b é"));
        store.put("a", b("a ab"));
        store.put("c", b("a"));
        assertEquals(List.of(new IndexHit("a", "a"), new IndexHit("a", "b"), new IndexHit("a", "c"),
                new IndexHit("a\u0000b", "b"), new IndexHit("ab", "a"), new IndexHit("zz", "b"),
                new IndexHit("é", "b")), IndexCheck.hits(store, "all", IndexQuery.all(), 2));
        assertEquals(List.of(new IndexHit("a", "a"), new IndexHit("a", "b"), new IndexHit("a", "c")),
                IndexCheck.hits(store, "all", IndexQuery.exact("a"), 1));
        assertEquals(List.of(new IndexHit("a", "a"), new IndexHit("a", "b"), new IndexHit("a", "c"),
                new IndexHit("a\u0000b", "b"), new IndexHit("ab", "a")),
                IndexCheck.hits(store, "all", IndexQuery.prefix("a"), 3));
        assertEquals(List.of(new IndexHit("a\u0000b", "b"), new IndexHit("ab", "a")),
                IndexCheck.hits(store, "all", IndexQuery.range("a\u0000", "b"), 10));
        Page<IndexedEntry> first = store.index("all").entries(IndexQuery.exact("a"), 2);
        assertEquals(List.of("a", "b"), first.items().stream().map(IndexedEntry::key).toList());
        assertArrayEquals(b("a zz a\u0000b é"), first.items().get(1).value());
        Page<IndexedEntry> next = store.index("all").entries(IndexQuery.exact("a"), 2, first.continuation());
        assertEquals(List.of("c"), next.items().stream().map(IndexedEntry::key).toList());
        assertNull(next.continuation());
        assertEquals(List.of("a", "b", "c"), store.keys("*", 10).items());
    }

    @Test
    public void anIndexIsBuiltLiveWhileTwoWritersChangeTheStore() throws Exception {
        Store store = storage().store("idx-live");
        for (int i = 0; i < 1000; i += 100) {
            Batch.Builder batch = Batch.builder();
            for (int j = i; j < i + 100; j++) {
                batch.put("k" + j, b("w" + (j % 30) + " v" + (j % 7)));
            }
            store.write(batch.build());
        }
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService writers = Executors.newFixedThreadPool(2);
        List<Future<?>> running = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            int seed = t;
            running.add(writers.submit(() -> {
                Random random = new Random(seed);
                while (!stop.get()) {
                    String key = "k" + random.nextInt(1100);
                    if (random.nextInt(4) == 0) {
                        store.delete(key);
                    } else {
                        store.put(key, b("w" + random.nextInt(40) + " x" + random.nextInt(3)));
                    }
                }
                return null;
            }));
        }
        try {
            createIndex("idx-live", "all", "words", false);
        } finally {
            stop.set(true);
            for (Future<?> writer : running) {
                writer.get();
            }
            writers.shutdown();
        }
        assertAgrees(store, "all", false);
    }

    @Test
    public void aDroppedIndexIsGoneWithItsEntries() {
        Store store = storage().store("idx-drop");
        store.put("a", b("one two"));
        createIndex("idx-drop", "all", "words", false);
        dropIndex("idx-drop", "all");
        assertThrows(IndexUnavailableException.class, () -> store.index("all").find(IndexQuery.all(), 10));
        store.put("b", b("three"));
        createIndex("idx-drop", "all", "words(first=true)", false);
        assertAgrees(store, "all", true);
        assertEquals(2, store.count());
    }
}
