package io.stowage.testkit.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.After;
import org.junit.Assume;
import org.junit.Before;
import org.junit.Test;

import io.stowage.api.Batch;
import io.stowage.api.Entry;
import io.stowage.api.InvalidInputException;
import io.stowage.api.InvalidKeyException;
import io.stowage.api.InvalidPatternException;
import io.stowage.api.InvalidStoreNameException;
import io.stowage.api.InvalidTtlException;
import io.stowage.api.InvalidValueException;
import io.stowage.api.KeyTtl;
import io.stowage.api.Limits;
import io.stowage.api.Page;
import io.stowage.api.StorageService;
import io.stowage.api.Store;
import io.stowage.api.StoreClosedException;

/**
 * The Store contract suite: what every backend, served through the kernel, must do for applications. A backend's
 * test extends this class and says how to reach a {@link StorageService} (outside a framework, an
 * {@link io.stowage.testkit.EmbeddedKernel}'s namespace) and how time passes; every test uses stores of its own, so
 * one framework or kernel can serve the whole class. It runs the {@link TransactionContract} too.
 */
public abstract class StoreContract extends TransactionContract {

    private static byte[] b(String text) {
        return text.getBytes(UTF_8);
    }

    private static String s(byte[] bytes) {
        return bytes == null ? null : new String(bytes, UTF_8);
    }

    // --- get, put, delete, exists

    @Test
    public void putThenGetReturnsTheValue() {
        store.put("k", b("v"));
        assertEquals("v", s(store.get("k")));
    }

    @Test
    public void getOfAbsentKeyIsNull() {
        assertNull(store.get("nothing"));
    }

    @Test
    public void putReplacesTheValue() {
        store.put("k", b("one"));
        store.put("k", b("two"));
        assertEquals("two", s(store.get("k")));
    }

    @Test
    public void deleteRemovesAndTellsWhetherTheKeyWasPresent() {
        store.put("k", b("v"));
        assertTrue(store.delete("k"));
        assertNull(store.get("k"));
        assertFalse(store.delete("k"));
    }

    @Test
    public void existsTellsPresence() {
        assertFalse(store.exists("k"));
        store.put("k", b(""));
        assertTrue(store.exists("k"));
    }

    @Test
    public void emptyValueIsStoredAndDistinctFromAbsent() {
        store.put("empty", new byte[0]);
        assertArrayEquals(new byte[0], store.get("empty"));
    }

    @Test
    public void valueOfTheFullSizeLimitRoundTrips() {
        byte[] large = new byte[Limits.MAX_VALUE_BYTES];
        Arrays.fill(large, (byte) 0xAB);
        large[large.length - 1] = 1;
        store.put("large", large);
        assertArrayEquals(large, store.get("large"));
    }

    @Test
    public void valueOverTheLimitIsRejectedAndNothingChanges() {
        store.put("k", b("kept"));
        InvalidValueException e = assertThrows(InvalidValueException.class,
                () -> store.put("k", new byte[Limits.MAX_VALUE_BYTES + 1]));
        assertTrue(e.getMessage(), e.getMessage().contains(String.valueOf(Limits.MAX_VALUE_BYTES)));
        assertEquals("kept", s(store.get("k")));
    }

    @Test
    public void nullValueIsRejected() {
        assertThrows(InvalidValueException.class, () -> store.put("k", null));
        assertFalse(store.exists("k"));
    }

    @Test
    public void valuesAreCopiedInAndOut() {
        byte[] value = b("abc");
        store.put("k", value);
        value[0] = 'X';
        byte[] read = store.get("k");
        read[1] = 'Y';
        assertEquals("abc", s(store.get("k")));
    }

    // --- keys

    @Test
    public void nullAndEmptyKeysAreRejected() {
        assertThrows(InvalidKeyException.class, () -> store.put(null, b("v")));
        assertThrows(InvalidKeyException.class, () -> store.put("", b("v")));
        assertThrows(InvalidKeyException.class, () -> store.get(""));
        assertThrows(InvalidKeyException.class, () -> store.delete(null));
        assertThrows(InvalidKeyException.class, () -> store.getAll(Arrays.asList("a", null)));
    }

    @Test
    public void keyLengthLimitCountsUtf8Bytes() {
        String longest = "k".repeat(Limits.MAX_KEY_BYTES);
        store.put(longest, b("v"));
        assertEquals("v", s(store.get(longest)));
        InvalidKeyException e = assertThrows(InvalidKeyException.class,
                () -> store.put(longest + "k", b("v")));
        assertTrue(e.getMessage(), e.getMessage().contains(String.valueOf(Limits.MAX_KEY_BYTES)));
        String accented = "é".repeat(Limits.MAX_KEY_BYTES / 2 + 1);
        assertThrows(InvalidKeyException.class, () -> store.put(accented, b("v")));
        assertEquals(1, store.count());
    }

    @Test
    public void loneSurrogatesAreRejected() {
        assertThrows(InvalidKeyException.class, () -> store.put("a\uD800", b("v")));
        assertThrows(InvalidKeyException.class, () -> store.put("\uDC00b", b("v")));
        assertEquals(0, store.count());
    }

    @Test
    public void unicodeKeysRoundTripAndSortByUtf8Bytes() {
        // UTF-16 order would put the emoji (a surrogate pair) before U+FFFD; UTF-8 byte order puts it after
        List<String> keys = List.of("a", "b", "z", "é", "中", "\uFFFD", "😀");
        for (String key : keys) {
            store.put(key, b(key));
        }
        for (String key : keys) {
            assertEquals(key, s(store.get(key)));
        }
        List<String> scanned = store.scan(null, null, 100).items().stream().map(Entry::key).toList();
        assertEquals(keys, scanned);
    }

    @Test
    public void keysThatArePrefixesOfOthersStayDistinct() {
        store.put("a", b("1"));
        store.put("ab", b("2"));
        store.put("abc", b("3"));
        assertEquals("1", s(store.get("a")));
        assertTrue(store.delete("ab"));
        assertEquals(List.of("a", "abc"), store.keys("a*", 10).items());
        assertEquals(List.of("a"), store.keys("a", 10).items());
    }

    @Test
    public void keyWithNulCharacterStaysInsideItsStore() {
        store.put("a\u0000b", b("v"));
        assertEquals("v", s(store.get("a\u0000b")));
        assertNull(store.get("a"));
        assertEquals(List.of("a\u0000b"), store.keys("a*", 10).items());
    }

    // --- stores

    @Test
    public void storesWhoseNamesArePrefixesDoNotSeeEachOther() {
        Store a = storage().store(store.name() + "x");
        Store ab = storage().store(store.name() + "xy");
        try {
            a.put("k", b("a"));
            ab.put("k", b("ab"));
            assertEquals("a", s(a.get("k")));
            assertEquals(List.of("k"), a.keys("*", 10).items());
            assertEquals(1, ab.count());
            a.clear();
            assertEquals("ab", s(ab.get("k")));
        } finally {
            a.clear();
            ab.clear();
        }
    }

    @Test
    public void malformedStoreNamesAreRejected() {
        for (String name : new String[] {"", "has space", "a/b", "-lead", "x".repeat(Limits.MAX_STORE_NAME_LENGTH + 1),
                "nul\u0000"}) {
            assertThrows(name, InvalidStoreNameException.class, () -> storage().store(name));
        }
        assertThrows(InvalidStoreNameException.class, () -> storage().store(null));
    }

    @Test
    public void closedHandleRefusesEveryOperation() {
        store.put("k", b("v"));
        store.close();
        assertThrows(StoreClosedException.class, () -> store.get("k"));
        assertThrows(StoreClosedException.class, () -> store.put("k", b("w")));
        assertThrows(StoreClosedException.class, () -> store.keys("*", 10));
        assertThrows(StoreClosedException.class, () -> store.count());
        assertThrows(StoreClosedException.class, () -> store.getAll(List.of()));
        assertThrows(StoreClosedException.class, () -> store.write(Batch.builder().build()));
        Store again = storage().store(store.name());
        assertEquals("v", s(again.get("k")));
        store = again;
    }

    @Test
    public void closingOneHandleLeavesOtherHandlesOnTheSameStoreOpen() {
        Store other = storage().store(store.name());
        other.put("k", b("v"));
        other.close();
        assertEquals("v", s(store.get("k")));
    }

    @Test
    public void storeNamesListsStoresHoldingData() {
        store.put("k", b("v"));
        assertTrue(storage().storeNames().contains(store.name()));
    }

    // --- TTL

    @Test
    public void keyWithTtlExpires() {
        store.put("k", b("v"), shortTtl());
        assertEquals("v", s(store.get("k")));
        assertTrue(store.ttl("k").expires());
        elapse(shortTtl().plusMillis(50));
        assertNull(store.get("k"));
        assertFalse(store.exists("k"));
        assertEquals(KeyTtl.absent(), store.ttl("k"));
        assertFalse(store.delete("k"));
        assertEquals(List.of(), store.keys("*", 10).items());
        assertEquals(0, store.count());
    }

    @Test
    public void expiryIsExactlyAtTheBoundary() {
        Assume.assumeTrue("needs a manual clock", clockIsExact());
        store.put("k", b("v"), Duration.ofMillis(1000));
        elapse(Duration.ofMillis(999));
        assertEquals("v", s(store.get("k")));
        assertEquals(Duration.ofMillis(1), store.ttl("k").remaining());
        elapse(Duration.ofMillis(1));
        assertNull(store.get("k"));
    }

    @Test
    public void noTtlIsDistinctFromAbsent() {
        store.put("k", b("v"));
        assertEquals(KeyTtl.persistent(), store.ttl("k"));
        assertEquals(KeyTtl.absent(), store.ttl("other"));
        store.put("t", b("v"), Duration.ofHours(1));
        KeyTtl ttl = store.ttl("t");
        assertTrue(ttl.isPresent() && ttl.expires());
        assertTrue(ttl.remaining().compareTo(Duration.ofHours(1)) <= 0);
        assertTrue(ttl.remaining().compareTo(Duration.ofMinutes(59)) > 0);
    }

    @Test
    public void plainPutClearsAnExistingTtl() {
        store.put("k", b("v"), shortTtl());
        store.put("k", b("w"));
        elapse(shortTtl().plusMillis(50));
        assertEquals("w", s(store.get("k")));
        assertEquals(KeyTtl.persistent(), store.ttl("k"));
    }

    @Test
    public void zeroNegativeOrNullTtlIsRejectedAndNothingChanges() {
        store.put("k", b("kept"));
        assertThrows(InvalidTtlException.class, () -> store.put("k", b("v"), Duration.ZERO));
        assertThrows(InvalidTtlException.class, () -> store.put("k", b("v"), Duration.ofSeconds(-1)));
        assertThrows(InvalidTtlException.class, () -> store.put("k", b("v"), null));
        assertThrows(InvalidTtlException.class, () -> store.putIfAbsent("n", b("v"), Duration.ofMillis(-5)));
        assertThrows(InvalidTtlException.class, () -> store.put("k", b("v"), Duration.ofSeconds(Long.MAX_VALUE)));
        assertThrows(InvalidTtlException.class,
                () -> store.put("k", b("v"), Duration.ofMillis(Long.MAX_VALUE).plusNanos(1)));
        assertEquals("kept", s(store.get("k")));
        assertEquals(KeyTtl.persistent(), store.ttl("k"));
        assertFalse(store.exists("n"));
    }

    // --- batches

    @Test
    public void getAllReturnsPresentKeysOnly() {
        store.put("a", b("1"));
        store.put("b", b("2"));
        store.put("gone", b("3"), shortTtl());
        elapse(shortTtl().plusMillis(50));
        Map<String, byte[]> found = store.getAll(List.of("a", "b", "c", "gone"));
        assertEquals(List.of("a", "b"), new ArrayList<>(found.keySet()));
        assertEquals("2", s(found.get("b")));
    }

    @Test
    public void batchAppliesPutsAndDeletesTogether() {
        store.put("old", b("x"));
        store.write(Batch.builder().put("a", b("1")).put("b", b("2"), Duration.ofHours(1)).delete("old")
                .put("a", b("last wins")).build());
        assertEquals("last wins", s(store.get("a")));
        assertEquals("2", s(store.get("b")));
        assertTrue(store.ttl("b").expires());
        assertNull(store.get("old"));
    }

    @Test
    public void batchWithAnInvalidMutationWritesNothing() {
        store.put("kept", b("x"));
        assertThrows(InvalidKeyException.class, () -> store.write(
                Batch.builder().put("a", b("1")).delete("kept").put("", b("2")).build()));
        assertThrows(InvalidTtlException.class, () -> store.write(
                Batch.builder().put("a", b("1")).put("b", b("2"), Duration.ZERO).build()));
        assertFalse(store.exists("a"));
        assertTrue(store.exists("kept"));
    }

    @Test
    public void noReaderSeesPartOfABatch() throws Exception {
        List<String> keys = List.of("b0", "b1", "b2", "b3", "b4", "b5", "b6", "b7");
        Batch.Builder initial = Batch.builder();
        keys.forEach(k -> initial.put(k, b("0")));
        store.write(initial.build());
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<?> writer = threads.submit(() -> {
                for (int round = 1; round <= 500; round++) {
                    Batch.Builder batch = Batch.builder();
                    for (String k : keys) {
                        batch.put(k, b(Integer.toString(round)));
                    }
                    store.write(batch.build());
                }
                stop.set(true);
            });
            Future<Integer> reader = threads.submit(() -> {
                int torn = 0;
                while (!stop.get()) {
                    Map<String, byte[]> seen = store.getAll(keys);
                    if (seen.values().stream().map(StoreContract::s).distinct().count() != 1) {
                        torn++;
                    }
                    List<Entry> page = store.scan("b0", "b8", 100).items();
                    if (page.stream().map(e -> s(e.value())).distinct().count() != 1) {
                        torn++;
                    }
                }
                return torn;
            });
            writer.get(60, TimeUnit.SECONDS);
            assertEquals("reads that saw part of a batch", Integer.valueOf(0), reader.get(60, TimeUnit.SECONDS));
        } finally {
            stop.set(true);
            threads.shutdownNow();
        }
    }

    // --- compare-and-set

    @Test
    public void putIfAbsentStoresOnlyWhenAbsentOrExpired() {
        assertTrue(store.putIfAbsent("k", b("first")));
        assertFalse(store.putIfAbsent("k", b("second")));
        assertEquals("first", s(store.get("k")));
        store.put("t", b("old"), shortTtl());
        elapse(shortTtl().plusMillis(50));
        assertTrue(store.putIfAbsent("t", b("new")));
        assertEquals("new", s(store.get("t")));
    }

    @Test
    public void replaceOnlyWhenTheCurrentValueIsEqual() {
        assertFalse(store.replace("k", b("x"), b("y")));
        store.put("k", b("x"), Duration.ofHours(1));
        assertFalse(store.replace("k", b("other"), b("y")));
        assertTrue(store.replace("k", b("x"), b("y")));
        assertEquals("y", s(store.get("k")));
        assertEquals(KeyTtl.persistent(), store.ttl("k"));
    }

    @Test
    public void concurrentCompareAndSetNeverLosesAnUpdate() throws Exception {
        store.put("counter", b("0"));
        int threads = 4;
        int incrementsEach = 250;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < incrementsEach; i++) {
                        while (true) {
                            byte[] current = store.get("counter");
                            byte[] next = b(Integer.toString(Integer.parseInt(s(current)) + 1));
                            if (store.replace("counter", current, next)) {
                                break;
                            }
                        }
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(Integer.toString(threads * incrementsEach), s(store.get("counter")));
    }

    @Test
    public void concurrentPutIfAbsentHasExactlyOneWinner() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 50; round++) {
                String key = "race" + round;
                List<Future<Boolean>> attempts = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    int id = t;
                    attempts.add(pool.submit(() -> store.putIfAbsent(key, b("t" + id))));
                }
                int winners = 0;
                for (Future<Boolean> attempt : attempts) {
                    winners += attempt.get(30, TimeUnit.SECONDS) ? 1 : 0;
                }
                assertEquals(key, 1, winners);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // --- listing and scanning

    @Test
    public void globStarMatchesAnyRunIncludingColons() {
        for (String key : List.of("user:1", "user:1:name", "user:", "users", "config:a", "user")) {
            store.put(key, b("v"));
        }
        assertEquals(List.of("user:", "user:1", "user:1:name"), store.keys("user:*", 10).items());
        assertEquals(List.of("user:1:name"), store.keys("*:name", 10).items());
        assertEquals(6, store.keys("*", 10).items().size());
    }

    @Test
    public void globQuestionMarkMatchesExactlyOneCharacter() {
        for (String key : List.of("config:", "config:a", "config:é", "config:😀", "config:ab")) {
            store.put(key, b("v"));
        }
        assertEquals(List.of("config:a", "config:é", "config:😀"), store.keys("config:?", 10).items());
    }

    @Test
    public void globEscapesMatchMetacharactersLiterally() {
        for (String key : List.of("a*b", "a?b", "a\\b", "axb", "a*c")) {
            store.put(key, b("v"));
        }
        assertEquals(List.of("a*b"), store.keys("a\\*b", 10).items());
        assertEquals(List.of("a?b"), store.keys("a\\?b", 10).items());
        assertEquals(List.of("a\\b"), store.keys("a\\\\b", 10).items());
        assertEquals(List.of("a*b", "a*c"), store.keys("a\\**", 10).items());
        assertEquals(List.of("a*b", "a?b", "a\\b", "axb"), store.keys("a?b", 10).items());
    }

    @Test
    public void malformedGlobsAreRejected() {
        assertThrows(InvalidPatternException.class, () -> store.keys("abc\\", 10));
        assertThrows(InvalidPatternException.class, () -> store.keys("a\\x", 10));
        assertThrows(InvalidPatternException.class, () -> store.keys("", 10));
        assertThrows(InvalidPatternException.class, () -> store.keys(null, 10));
    }

    @Test
    public void pageLimitOutsideItsRangeIsRejected() {
        assertThrows(InvalidInputException.class, () -> store.keys("*", 0));
        assertThrows(InvalidInputException.class, () -> store.scan(null, null, Limits.MAX_PAGE_SIZE + 1));
    }

    @Test
    public void keysComeInPagesThatCoverEveryMatchOnce() {
        for (int i = 0; i < 57; i++) {
            store.put(String.format("item:%03d", i), b("v"));
            store.put(String.format("other:%03d", i), b("v"));
        }
        List<String> all = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            Page<String> page = store.keys("item:*", 10, after);
            all.addAll(page.items());
            after = page.continuation();
            pages++;
        } while (after != null);
        assertEquals(57, all.size());
        assertEquals("item:000", all.get(0));
        assertEquals("item:056", all.get(56));
        assertTrue(pages >= 6 && pages <= 7);
    }

    @Test
    public void scanReadsTheHalfOpenRangeInOrderAndInPages() {
        for (int i = 0; i < 30; i++) {
            store.put(String.format("k%02d", i), b(Integer.toString(i)));
        }
        Page<Entry> first = store.scan("k05", "k15", 4);
        assertEquals(List.of("k05", "k06", "k07", "k08"), first.items().stream().map(Entry::key).toList());
        assertEquals("k08", first.continuation());
        List<String> rest = new ArrayList<>();
        String after = first.continuation();
        while (after != null) {
            Page<Entry> page = store.scan("k05", "k15", 4, after);
            page.items().forEach(e -> rest.add(e.key()));
            after = page.continuation();
        }
        assertEquals(List.of("k09", "k10", "k11", "k12", "k13", "k14"), rest);
        assertEquals("5", s(first.items().get(0).value()));
        assertEquals(List.of(), store.scan("k15", "k05", 10).items());
        assertEquals(30, store.scan(null, null, 100).items().size());
        assertEquals(List.of("k28", "k29"), store.scan("k28", null, 10).items().stream().map(Entry::key).toList());
    }

    @Test
    public void countAndClearCoverTheStoreOnly() {
        Store other = freshStore();
        try {
            for (int i = 0; i < 2500; i++) {
                store.put("k" + i, b("v"));
            }
            other.put("k1", b("v"));
            assertEquals(2500, store.count());
            store.clear();
            assertEquals(0, store.count());
            assertEquals(1, other.count());
        } finally {
            other.clear();
        }
    }

    // --- model

    @Test
    public void behavesLikeAnOrderedMapUnderRandomOperations() {
        new StoreModelCheck(store).run(20261122L, 1500);
    }
}
