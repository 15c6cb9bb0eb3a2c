package io.stowage.testkit.spi;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import io.stowage.api.BackendUnavailableException;
import io.stowage.api.Limits;
import io.stowage.spi.BackendEntry;
import io.stowage.spi.BackendMutation;
import io.stowage.spi.Capability;
import io.stowage.spi.StorageBackend;
import io.stowage.spi.ValueReader;

/**
 * The SPI contract suite: what a {@link StorageBackend} must do when the kernel calls it directly, for every
 * {@link Capability} it declares. Tests of a capability the backend does not declare are skipped (aborted by an
 * assumption), so a report shows what was not checked.
 *
 * <p>A backend's test extends this class and says how to {@link #open} and {@link #close} an instance; a durable
 * backend also says how to {@link #reopen} one on the same data. Every test writes keys shaped as the kernel's
 * ({@code namespace 0x00 store 0x00 key}) in a namespace of its own, so the instances of one class may share their
 * data (one server for the class, say).
 *
 * @param <B> the backend class, so that {@link #close} can reach its {@code @Deactivate} method
 */
public abstract class StorageBackendContract<B extends StorageBackend> extends BackendUnderTest<B> {

    /** The longest raw key the kernel passes: a namespace, 0x00, a store name, 0x00 and a key, each at its limit. */
    public static final int MAX_RAW_KEY_BYTES = Limits.MAX_NAMESPACE_LENGTH + 1 + Limits.MAX_STORE_NAME_LENGTH + 1
            + Limits.MAX_KEY_BYTES;

    /** The largest raw value the kernel passes: a value at its limit with the kernel's header (a tag and an expiry). */
    public static final int MAX_RAW_VALUE_BYTES = Limits.MAX_VALUE_BYTES + 1 + Long.BYTES;

    /** How long an entry with a native TTL may outlive its expiry before the suite calls it kept. */
    private static final Duration EXPIRY_SLACK = Duration.ofSeconds(10);

    // --- helpers

    /** A key of this test's store whose last bytes are {@code suffix}, each int taken as an (unsigned) byte. */
    protected byte[] key(int... suffix) {
        byte[] bytes = new byte[suffix.length];
        for (int i = 0; i < suffix.length; i++) {
            bytes[i] = (byte) suffix[i];
        }
        return concat(store, bytes);
    }

    private byte[] storeEnd() {
        byte[] end = store.clone();
        end[end.length - 1] = 1;
        return end;
    }

    private static byte[] v(String text) {
        return text.getBytes(UTF_8);
    }

    /** The bytes of the buffer from its position to its limit, read without moving it. */
    private static byte[] bytesOf(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(buffer.position(), bytes);
        return bytes;
    }

    private static String s(byte[] bytes) {
        return bytes == null ? null : new String(bytes, UTF_8);
    }


    private boolean can(Capability capability) {
        return backend.capabilities().contains(capability);
    }

    private List<String> scannedSuffixes(List<BackendEntry> entries) {
        List<String> suffixes = new ArrayList<>();
        for (BackendEntry entry : entries) {
            suffixes.add(new String(entry.key(), store.length, entry.key().length - store.length, UTF_8));
        }
        return suffixes;
    }

    /** Polls {@code condition} every few milliseconds until it holds; fails after {@code timeout}. */
    private static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("not within " + timeout + ": " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }

    // --- capabilities

    @Test
    public void capabilitiesAreFixedForTheLifeOfTheInstance() {
        assertNotNull(backend.capabilities());
        assertEquals(backend.capabilities(), backend.capabilities());
        backend.put(key("k"), v("v"), 0);
        assertEquals(backend.capabilities(), backend.capabilities());
    }

    // --- point operations

    @Test
    public void putThenGetReturnsTheValue() {
        backend.put(key("k"), v("v"), 0);
        assertEquals("v", s(backend.get(key("k"))));
    }

    @Test
    public void getOfAnAbsentKeyIsNull() {
        assertNull(backend.get(key("absent")));
    }

    @Test
    public void putReplacesTheValue() {
        backend.put(key("k"), v("one"), 0);
        backend.put(key("k"), v("two"), 0);
        assertEquals("two", s(backend.get(key("k"))));
    }

    @Test
    public void deleteReturnsThePreviousValueOnce() {
        backend.put(key("k"), v("v"), 0);
        assertEquals("v", s(backend.delete(key("k"))));
        assertNull(backend.get(key("k")));
        assertNull(backend.delete(key("k")));
    }

    @Test
    public void emptyValueIsDistinctFromAbsent() {
        backend.put(key("empty"), new byte[0], 0);
        assertArrayEquals(new byte[0], backend.get(key("empty")));
    }

    @Test
    public void everyByteValueIsAKeyByteAndAValueByte() {
        for (int b = 0; b < 256; b++) {
            backend.put(key(b), new byte[] {(byte) b, (byte) (255 - b)}, 0);
        }
        for (int b = 0; b < 256; b++) {
            assertArrayEquals(new byte[] {(byte) b, (byte) (255 - b)}, backend.get(key(b)), "key byte " + b);
        }
    }

    @Test
    public void keysThatArePrefixesOfOthersStayDistinct() {
        backend.put(key("a"), v("1"), 0);
        backend.put(key('a', 0), v("2"), 0);
        backend.put(key("ab"), v("3"), 0);
        backend.put(key('a', 0xFF), v("4"), 0);
        assertEquals("1", s(backend.get(key("a"))));
        assertEquals("2", s(backend.get(key('a', 0))));
        assertEquals("3", s(backend.get(key("ab"))));
        assertEquals("4", s(backend.get(key('a', 0xFF))));
        assertEquals("2", s(backend.delete(key('a', 0))));
        assertEquals("1", s(backend.get(key("a"))));
    }

    @Test
    public void aReturnedValueDoesNotChangeWithLaterWrites() {
        backend.put(key("k"), v("first"), 0);
        byte[] read = backend.get(key("k"));
        backend.put(key("k"), v("second"), 0);
        backend.write(List.of(BackendMutation.put(key("k"), v("third"), 0)));
        assertEquals("first", s(read));
    }

    @Test
    public void theLongestKeyAndTheLargestValueRoundTrip() {
        byte[] longest = new byte[MAX_RAW_KEY_BYTES];
        Arrays.fill(longest, (byte) 'k');
        System.arraycopy(store, 0, longest, 0, store.length);
        byte[] largest = new byte[MAX_RAW_VALUE_BYTES];
        new Random(7).nextBytes(largest);
        backend.put(longest, largest, 0);
        assertArrayEquals(largest, backend.get(longest));
        byte[] other = key("batch");
        backend.write(List.of(BackendMutation.put(other, largest, 0)));
        assertArrayEquals(largest, backend.get(other));
        assertArrayEquals(largest, backend.delete(longest));
    }

    // --- getAll

    @Test
    public void getAllReturnsValuesInOrderWithNullWhereAbsent() {
        backend.put(key("a"), v("1"), 0);
        backend.put(key("b"), v("2"), 0);
        List<byte[]> values = backend.getAll(List.of(key("b"), key("absent"), key("a"), key("b")));
        assertEquals(Arrays.asList("2", null, "1", "2"), values.stream().map(StorageBackendContract::s).toList());
    }

    @Test
    public void getAllOfNoKeysIsEmpty() {
        assertEquals(List.of(), backend.getAll(List.of()));
    }

    // --- reads in place (get with a reader, SPI 1.2)

    @Test
    public void aReaderSeesWhatGetReturnsOnceOnTheCallersThreadInAReadOnlyBuffer() {
        byte[] largest = new byte[MAX_RAW_VALUE_BYTES];
        new Random(11).nextBytes(largest);
        byte[] everyByte = new byte[256];
        for (int b = 0; b < 256; b++) {
            everyByte[b] = (byte) b;
        }
        List<byte[]> values = List.of(new byte[0], v("v"), everyByte, largest);
        for (int i = 0; i < values.size(); i++) {
            backend.put(key("k" + i), values.get(i), 0);
        }
        backend.write(List.of(BackendMutation.put(key("batch"), everyByte, 0)));
        Thread caller = Thread.currentThread();
        for (int i = 0; i <= values.size(); i++) {
            byte[] k = i < values.size() ? key("k" + i) : key("batch");
            AtomicInteger calls = new AtomicInteger();
            byte[] read = backend.get(k, buffer -> {
                calls.incrementAndGet();
                assertTrue(buffer.isReadOnly(), "the reader's buffer is writable");
                assertEquals(caller, Thread.currentThread(), "the reader ran on another thread");
                return bytesOf(buffer);
            });
            assertArrayEquals(backend.get(k), read, "value " + i);
            assertEquals(1, calls.get(), "calls of the reader for value " + i);
        }
    }

    @Test
    public void aReaderIsNotCalledForAnAbsentKey() {
        backend.put(key("k"), v("v"), 0);
        backend.delete(key("k"));
        ValueReader<String> never = buffer -> fail("the reader was called for an absent key");
        assertNull(backend.get(key("k"), never));
        assertNull(backend.get(key("never"), never));
    }

    @Test
    public void whatTheReaderReturnsIsWhatGetReturns() {
        backend.put(key("k"), v("four"), 0);
        assertEquals(Integer.valueOf(4), backend.get(key("k"), ByteBuffer::remaining));
        // A reader that moves the buffer's position leaves nothing behind for the next read
        assertEquals("f", backend.get(key("k"), buffer -> String.valueOf((char) buffer.get())));
        assertEquals("four", backend.get(key("k"), buffer -> s(bytesOf(buffer))));
    }

    @Test
    public void aFailingReaderFailsOnlyItsGetAndTheBackendGoesOn() {
        backend.put(key("k"), v("v"), 0);
        // More failures than a backend has read transactions or connections: each must have been given back
        for (int i = 0; i < 300; i++) {
            IllegalStateException thrown = new IllegalStateException("reader " + i);
            assertEquals(thrown, assertThrows(IllegalStateException.class, () -> backend.get(key("k"), buffer -> {
                throw thrown;
            })));
        }
        backend.put(key("k"), v("w"), 0);
        assertEquals("w", backend.get(key("k"), buffer -> s(bytesOf(buffer))));
    }

    @Test
    public void aReaderNeverSeesPartOfAValueBeingOverwritten() throws Exception {
        byte[] longValue = new byte[4096];
        Arrays.fill(longValue, (byte) 'a');
        byte[] shortValue = new byte[16];
        Arrays.fill(shortValue, (byte) 'b');
        byte[] k = key("k");
        backend.put(k, longValue, 0);
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<?> writer = threads.submit(() -> {
                for (int r = 0; r < 300; r++) {
                    backend.put(k, r % 2 == 0 ? shortValue : longValue, 0);
                }
                stop.set(true);
            });
            Future<List<String>> reader = threads.submit(() -> {
                List<String> torn = new ArrayList<>();
                // At least some reads even where the writer is done at once (a map in memory)
                for (int reads = 0; !stop.get() || reads < 100; reads++) {
                    String seen = backend.get(k, buffer -> {
                        byte[] bytes = bytesOf(buffer);
                        boolean whole = Arrays.equals(bytes, longValue) || Arrays.equals(bytes, shortValue);
                        return whole ? null : bytes.length + " bytes starting " + s(Arrays.copyOf(bytes, 8));
                    });
                    if (seen != null) {
                        torn.add(seen);
                    }
                }
                return torn;
            });
            writer.get(60, TimeUnit.SECONDS);
            List<String> torn = reader.get(60, TimeUnit.SECONDS);
            assertTrue(torn.isEmpty(), torn.size() + " reads in place saw a value that was never stored, first: "
                    + torn.subList(0, Math.min(3, torn.size())));
        } finally {
            stop.set(true);
            threads.shutdownNow();
        }
    }

    // --- compare-and-set

    @Test
    public void putIfAbsentStoresOnlyWhenAbsent() {
        assertTrue(backend.putIfAbsent(key("k"), v("first"), 0));
        assertFalse(backend.putIfAbsent(key("k"), v("second"), 0));
        assertEquals("first", s(backend.get(key("k"))));
        backend.delete(key("k"));
        assertTrue(backend.putIfAbsent(key("k"), v("third"), 0));
        assertEquals("third", s(backend.get(key("k"))));
    }

    @Test
    public void replaceOnlyWhenTheValueIsEqualByteForByte() {
        assertFalse(backend.replace(key("k"), v("x"), v("y"), 0), "replaced an absent key");
        assertNull(backend.get(key("k")), "replace created an absent key");
        backend.put(key("k"), v("abc"), 0);
        assertFalse(backend.replace(key("k"), v("ab"), v("y"), 0), "a prefix of the value counted as equal");
        assertFalse(backend.replace(key("k"), v("abcd"), v("y"), 0), "a longer value counted as equal");
        assertFalse(backend.replace(key("k"), new byte[0], v("y"), 0));
        assertEquals("abc", s(backend.get(key("k"))));
        assertTrue(backend.replace(key("k"), v("abc"), v("y"), 0));
        assertEquals("y", s(backend.get(key("k"))));
    }

    @Test
    public void replaceWithNullRemovesTheKey() {
        backend.put(key("k"), v("x"), 0);
        assertFalse(backend.replace(key("k"), v("other"), null, 0));
        assertEquals("x", s(backend.get(key("k"))));
        assertTrue(backend.replace(key("k"), v("x"), null, 0));
        assertNull(backend.get(key("k")));
    }

    @Test
    public void concurrentReplaceNeverLosesAnUpdate() throws Exception {
        byte[] counter = key("counter");
        backend.put(counter, v("0"), 0);
        int threads = 4;
        int incrementsEach = 100;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < incrementsEach; i++) {
                        while (true) {
                            byte[] current = backend.get(counter);
                            byte[] next = v(Integer.toString(Integer.parseInt(s(current)) + 1));
                            if (backend.replace(counter, current, next, 0)) {
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
        assertEquals(Integer.toString(threads * incrementsEach), s(backend.get(counter)));
    }

    @Test
    public void concurrentPutIfAbsentHasExactlyOneWinner() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 30; round++) {
                byte[] race = key("race" + round);
                List<Future<Boolean>> attempts = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    byte[] value = v("t" + t);
                    attempts.add(pool.submit(() -> backend.putIfAbsent(race, value, 0)));
                }
                int winners = 0;
                for (Future<Boolean> attempt : attempts) {
                    winners += attempt.get(30, TimeUnit.SECONDS) ? 1 : 0;
                }
                assertEquals(1, winners, "winners of round " + round);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // --- batches

    @Test
    public void writeAppliesTheMutationsInOrder() {
        backend.put(key("old"), v("x"), 0);
        backend.write(List.of(
                BackendMutation.put(key("a"), v("1"), 0),
                BackendMutation.put(key("b"), v("2"), 0),
                BackendMutation.delete(key("a")),
                BackendMutation.put(key("c"), v("3"), 0),
                BackendMutation.put(key("c"), v("last wins"), 0),
                BackendMutation.delete(key("old")),
                BackendMutation.delete(key("never there")),
                BackendMutation.delete(key("d")),
                BackendMutation.put(key("d"), v("after its delete"), 0)));
        assertNull(backend.get(key("a")));
        assertEquals("2", s(backend.get(key("b"))));
        assertEquals("last wins", s(backend.get(key("c"))));
        assertEquals("after its delete", s(backend.get(key("d"))));
        assertNull(backend.get(key("old")));
        assertNull(backend.get(key("never there")));
    }

    @Test
    public void anEmptyBatchChangesNothing() {
        backend.put(key("k"), v("v"), 0);
        backend.write(List.of());
        assertEquals("v", s(backend.get(key("k"))));
    }

    @Test
    public void noReaderSeesPartOfABatch() throws Exception {
        assumeTrue(can(Capability.ATOMIC_BATCH), "the backend does not declare ATOMIC_BATCH");
        List<byte[]> keys = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            keys.add(key("b" + i));
        }
        Function<Integer, List<BackendMutation>> round = r -> keys.stream()
                .map(k -> BackendMutation.put(k, v(Integer.toString(r)), 0)).toList();
        backend.write(round.apply(0));
        boolean scans = can(Capability.ORDERED_SCAN);
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<?> writer = threads.submit(() -> {
                for (int r = 1; r <= 300; r++) {
                    backend.write(round.apply(r));
                }
                stop.set(true);
            });
            Future<List<String>> reader = threads.submit(() -> {
                List<String> torn = new ArrayList<>();
                while (!stop.get()) {
                    List<String> seen = backend.getAll(keys).stream().map(StorageBackendContract::s).toList();
                    if (seen.stream().distinct().count() != 1) {
                        torn.add("getAll " + seen);
                    }
                    if (scans) {
                        List<String> scanned = backend.scan(key("b0"), key("b8"), 100).stream()
                                .map(e -> s(e.value())).toList();
                        if (scanned.size() != keys.size() || scanned.stream().distinct().count() != 1) {
                            torn.add("scan " + scanned);
                        }
                    }
                }
                return torn;
            });
            writer.get(60, TimeUnit.SECONDS);
            List<String> torn = reader.get(60, TimeUnit.SECONDS);
            assertTrue(torn.isEmpty(), torn.size() + " reads saw part of a batch, first: "
                    + torn.subList(0, Math.min(3, torn.size())));
        } finally {
            stop.set(true);
            threads.shutdownNow();
        }
    }

    // --- ordered scans

    @Test
    public void scanIsUnsupportedWithoutOrderedScan() {
        assumeFalse(can(Capability.ORDERED_SCAN), "the backend declares ORDERED_SCAN");
        assertThrows(UnsupportedOperationException.class, () -> backend.scan(key("a"), key("z"), 10));
    }

    @Test
    public void scanReturnsKeysInUnsignedByteOrder() {
        assumeTrue(can(Capability.ORDERED_SCAN), "the backend does not declare ORDERED_SCAN");
        List<byte[]> sorted = List.of(key(0x00), key(0x01), key('A'), key('a'), key('a', 0),
                key('a', 'b'), key(0x7F), key(0x80), key(0xC3, 0xA9), key(0xFF),
                key(0xFF, 0));
        List<byte[]> shuffled = new ArrayList<>(sorted);
        Collections.shuffle(shuffled, new Random(11));
        for (byte[] k : shuffled) {
            backend.put(k, k.clone(), 0);
        }
        List<BackendEntry> scanned = backend.scan(store, storeEnd(), 100);
        assertEquals(sorted.size(), scanned.size(), "entries");
        for (int i = 0; i < sorted.size(); i++) {
            assertArrayEquals(sorted.get(i), scanned.get(i).key(), "key " + i);
            assertArrayEquals(sorted.get(i), scanned.get(i).value(), "value " + i);
        }
    }

    /** The kernel never asks for a range whose end is not after its start, so neither does the suite. */
    @Test
    public void scanReadsTheHalfOpenRange() {
        assumeTrue(can(Capability.ORDERED_SCAN), "the backend does not declare ORDERED_SCAN");
        for (int i = 0; i < 10; i++) {
            backend.put(key("k" + i), v(Integer.toString(i)), 0);
        }
        assertEquals(List.of("k3", "k4", "k5", "k6"), scannedSuffixes(backend.scan(key("k3"), key("k7"), 100)));
        assertEquals(List.of("k3", "k4"), scannedSuffixes(backend.scan(key("k3"), concat(key("k4"), new byte[] {0}), 100)));
        assertEquals(List.of("k0"), scannedSuffixes(backend.scan(store, key("k1"), 100)));
    }

    @Test
    public void scanStopsAtTheLimitAndResumesAfterTheLastKey() {
        assumeTrue(can(Capability.ORDERED_SCAN), "the backend does not declare ORDERED_SCAN");
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            String suffix = String.format("item%02d", i);
            expected.add(suffix);
            backend.put(key(suffix), v(suffix), 0);
        }
        List<String> all = new ArrayList<>();
        byte[] from = store;
        int pages = 0;
        while (true) {
            List<BackendEntry> page = backend.scan(from, storeEnd(), 10);
            assertTrue(page.size() <= 10, "a page of " + page.size() + " over the limit of 10");
            if (page.isEmpty()) {
                break;
            }
            pages++;
            all.addAll(scannedSuffixes(page));
            from = concat(page.get(page.size() - 1).key(), new byte[] {0});
        }
        assertEquals(expected, all);
        assertEquals(3, pages);
        assertEquals(1, backend.scan(store, storeEnd(), 1).size());
    }

    @Test
    public void scanWithoutUpperBoundRunsPastTheEndOfTheStore() {
        assumeTrue(can(Capability.ORDERED_SCAN), "the backend does not declare ORDERED_SCAN");
        for (int i = 0; i < 10; i++) {
            backend.put(key("k" + i), v("v"), 0);
        }
        // Keys of other tests may follow this store's: only the first five are certain
        assertEquals(List.of("k5", "k6", "k7", "k8", "k9"), scannedSuffixes(backend.scan(key("k5"), null, 5)));
    }

    @Test
    public void scanSeesWritesAndNotDeletedKeys() {
        assumeTrue(can(Capability.ORDERED_SCAN), "the backend does not declare ORDERED_SCAN");
        backend.put(key("a"), v("1"), 0);
        backend.put(key("b"), v("2"), 0);
        backend.put(key("c"), v("3"), 0);
        backend.delete(key("b"));
        backend.write(List.of(BackendMutation.delete(key("c")), BackendMutation.put(key("d"), v("4"), 0)));
        backend.replace(key("a"), v("1"), v("one"), 0);
        List<BackendEntry> scanned = backend.scan(store, storeEnd(), 100);
        assertEquals(List.of("a", "d"), scannedSuffixes(scanned));
        assertEquals("one", s(scanned.get(0).value()));
    }

    @Test
    public void scanCrossesStoresOfANamespaceInOrder() {
        assumeTrue(can(Capability.ORDERED_SCAN), "the backend does not declare ORDERED_SCAN");
        byte[] zero = {0};
        byte[] storeB = concat(namespace, zero, v("b"), zero);
        byte[] storeA = concat(namespace, zero, v("a"), zero);
        byte[] storeAb = concat(namespace, zero, v("ab"), zero);
        backend.put(concat(storeB, v("1")), v("b1"), 0);
        backend.put(concat(storeA, v("2")), v("a2"), 0);
        backend.put(concat(storeAb, v("1")), v("ab1"), 0);
        backend.put(concat(storeA, v("1")), v("a1"), 0);
        byte[] namespaceEnd = concat(namespace, new byte[] {1});
        List<String> values = backend.scan(concat(namespace, zero), namespaceEnd, 100).stream()
                .map(e -> s(e.value())).toList();
        assertEquals(List.of("a1", "a2", "ab1", "b1"), values);
        assertEquals(List.of("ab1", "b1"), backend.scan(storeAb, namespaceEnd, 100).stream()
                .map(e -> s(e.value())).toList());
    }

    // --- native TTL

    @Test
    public void withNativeTtlAnEntryIsGoneAfterItsExpiry() {
        assumeTrue(can(Capability.NATIVE_TTL), "the backend does not declare NATIVE_TTL");
        long now = System.currentTimeMillis();
        backend.put(key("short"), v("v"), now + 300);
        backend.put(key("long"), v("v"), now + 3_600_000);
        backend.put(key("forever"), v("v"), 0);
        await("the entry expired 300 ms after its put is gone", EXPIRY_SLACK,
                () -> backend.get(key("short")) == null);
        assertEquals("v", s(backend.get(key("long"))));
        assertEquals("v", s(backend.get(key("forever"))));
        assertEquals(Arrays.asList(null, "v"), backend.getAll(List.of(key("short"), key("long"))).stream()
                .map(StorageBackendContract::s).toList());
        if (can(Capability.ORDERED_SCAN)) {
            assertEquals(List.of("forever", "long"), scannedSuffixes(backend.scan(store, storeEnd(), 100)));
        }
        assertTrue(backend.putIfAbsent(key("short"), v("again"), 0), "putIfAbsent over an expired entry");
        assertEquals("again", s(backend.get(key("short"))));
    }

    @Test
    public void withNativeTtlEveryWriteKeepsItsExpiry() {
        assumeTrue(can(Capability.NATIVE_TTL), "the backend does not declare NATIVE_TTL");
        long expiry = System.currentTimeMillis() + 300;
        backend.write(List.of(BackendMutation.put(key("batch"), v("v"), expiry)));
        assertTrue(backend.putIfAbsent(key("absent"), v("v"), expiry));
        backend.put(key("replaced"), v("v"), 0);
        assertTrue(backend.replace(key("replaced"), v("v"), v("w"), expiry));
        for (String suffix : List.of("batch", "absent", "replaced")) {
            await("the entry written by " + suffix + " with an expiry is gone", EXPIRY_SLACK,
                    () -> backend.get(key(suffix)) == null);
        }
    }

    @Test
    public void withNativeTtlAWriteWithoutExpiryClearsAnEarlierOne() {
        assumeTrue(can(Capability.NATIVE_TTL), "the backend does not declare NATIVE_TTL");
        long expiry = System.currentTimeMillis() + 300;
        backend.put(key("put"), v("v"), expiry);
        backend.put(key("put"), v("w"), 0);
        backend.put(key("replaced"), v("v"), expiry);
        assertTrue(backend.replace(key("replaced"), v("v"), v("w"), 0));
        backend.put(key("batch"), v("v"), expiry);
        backend.write(List.of(BackendMutation.put(key("batch"), v("w"), 0)));
        // A marker that expires later than the others would have: once it is gone, they had their chance
        backend.put(key("marker"), v("v"), expiry + 200);
        await("the marker entry is gone", EXPIRY_SLACK, () -> backend.get(key("marker")) == null);
        assertEquals("w", s(backend.get(key("put"))));
        assertEquals("w", s(backend.get(key("replaced"))));
        assertEquals("w", s(backend.get(key("batch"))));
    }

    @Test
    public void withoutNativeTtlExpiryHintsAreIgnored() {
        assumeFalse(can(Capability.NATIVE_TTL), "the backend declares NATIVE_TTL");
        // The kernel hides and sweeps expired entries itself; a backend without NATIVE_TTL keeps them until told
        long past = System.currentTimeMillis() - 60_000;
        backend.put(key("put"), v("v"), past);
        backend.write(List.of(BackendMutation.put(key("batch"), v("v"), past)));
        assertTrue(backend.putIfAbsent(key("absent"), v("v"), past));
        backend.put(key("replaced"), v("v"), 0);
        assertTrue(backend.replace(key("replaced"), v("v"), v("w"), past));
        assertEquals(Arrays.asList("v", "v", "v", "w"), backend.getAll(List.of(key("put"), key("batch"),
                key("absent"), key("replaced"))).stream().map(StorageBackendContract::s).toList());
    }

    // --- durability and sharing

    @Test
    public void aDurableBackendKeepsItsDataAcrossCloseAndReopen() throws Exception {
        assumeTrue(can(Capability.DURABLE), "the backend does not declare DURABLE");
        backend.put(key("a"), v("1"), 0);
        backend.put(key("b"), v("2"), 0);
        backend.delete(key("b"));
        backend.write(List.of(BackendMutation.put(key("c"), v("3"), 0), BackendMutation.put(key("d"), v("4"), 0),
                BackendMutation.delete(key("c"))));
        assertTrue(backend.putIfAbsent(key("e"), v("5"), 0));
        assertTrue(backend.replace(key("a"), v("1"), v("one"), 0));
        B closing = backend;
        backend = null;
        backend = reopen(closing);
        assertNotNull(backend, "reopen() returned no backend");
        assertEquals(Arrays.asList("one", null, null, "4", "5"), backend.getAll(List.of(key("a"), key("b"),
                key("c"), key("d"), key("e"))).stream().map(StorageBackendContract::s).toList());
        if (can(Capability.ORDERED_SCAN)) {
            assertEquals(List.of("a", "d", "e"), scannedSuffixes(backend.scan(store, storeEnd(), 100)));
        }
        backend.put(key("f"), v("6"), 0);
        assertEquals("6", s(backend.get(key("f"))), "the reopened instance takes writes");
    }

    @Test
    public void aDistributedBackendSharesItsDataBetweenInstances() throws Exception {
        assumeTrue(can(Capability.DISTRIBUTED), "the backend does not declare DISTRIBUTED");
        B other = open();
        try {
            other.put(key("from other"), v("1"), 0);
            assertEquals("1", s(backend.get(key("from other"))));
            backend.write(List.of(BackendMutation.put(key("from this"), v("2"), 0)));
            assertEquals("2", s(other.get(key("from this"))));
        } finally {
            close(other);
        }
    }

    // --- an ended instance

    @Test
    public void anEndedInstanceRefusesEveryOperationAsUnavailable() throws Exception {
        backend.put(key("k"), v("v"), 0);
        B ended = backend;
        backend = null;
        close(ended);
        List<Executable> operations = new ArrayList<>(List.of(
                () -> ended.get(key("k")),
                () -> ended.get(key("k"), ByteBuffer::remaining),
                () -> ended.getAll(List.of(key("k"))),
                () -> ended.put(key("k"), v("w"), 0),
                () -> ended.delete(key("k")),
                () -> ended.putIfAbsent(key("n"), v("w"), 0),
                () -> ended.replace(key("k"), v("v"), v("w"), 0),
                () -> ended.write(List.of(BackendMutation.put(key("k"), v("w"), 0)))));
        if (ended.capabilities().contains(Capability.ORDERED_SCAN)) {
            operations.add(() -> ended.scan(store, storeEnd(), 10));
        }
        for (int i = 0; i < operations.size(); i++) {
            assertThrows(BackendUnavailableException.class, operations.get(i), "operation " + i
                    + " (get, get with a reader, getAll, put, delete, putIfAbsent, replace, write, scan) on an ended instance");
        }
    }
}
