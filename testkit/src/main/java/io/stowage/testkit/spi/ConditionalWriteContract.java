package io.stowage.testkit.spi;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
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

import org.junit.jupiter.api.Test;

import io.stowage.api.BackendUnavailableException;
import io.stowage.spi.BackendCondition;
import io.stowage.spi.BackendEntry;
import io.stowage.spi.BackendMutation;
import io.stowage.spi.Capability;
import io.stowage.spi.StorageBackend;

/**
 * The SPI contract suite of {@link StorageBackend#writeIf}: a backend that declares
 * {@link Capability#CONDITIONAL_WRITE} checks every condition and the deadline and applies the mutations in one atomic
 * step, or changes nothing; one that does not declare it throws {@link UnsupportedOperationException}. Range conditions
 * are tested only with {@link Capability#ORDERED_SCAN} too. Tests of what the backend does not declare are skipped
 * (aborted by an assumption).
 *
 * <p>Used as {@link StorageBackendContract} is: a backend's test extends it and says how to {@link #open},
 * {@link #close} and, for a durable backend, {@link #reopen} an instance. Keys are shaped as the kernel's
 * ({@code namespace 0x00 store 0x00 key}), each test in a namespace of its own, and every call's keys lie in one store.
 *
 * @param <B> the backend class, so that {@link #close} can reach its {@code @Deactivate} method
 */
public abstract class ConditionalWriteContract<B extends StorageBackend> extends BackendUnderTest<B> {

    /** How long an entry with a native TTL may outlive its expiry before the suite calls it kept. */
    private static final Duration EXPIRY_SLACK = Duration.ofSeconds(10);

    // --- helpers

    private static byte[] v(String text) {
        return text.getBytes(UTF_8);
    }

    private static String s(byte[] bytes) {
        return bytes == null ? null : new String(bytes, UTF_8);
    }


    private BackendCondition value(String suffix, String expected) {
        return BackendCondition.value(key(suffix), expected == null ? null : v(expected));
    }

    /** The range of keys {@code prefix...}: from {@code prefix} up to its last byte plus one. */
    private BackendCondition range(String prefix, String... suffixesAndValues) {
        byte[] to = key(prefix);
        to[to.length - 1]++;
        List<BackendEntry> entries = new ArrayList<>();
        for (int i = 0; i < suffixesAndValues.length; i += 2) {
            entries.add(new BackendEntry(key(suffixesAndValues[i]), v(suffixesAndValues[i + 1])));
        }
        return BackendCondition.range(key(prefix), to, entries);
    }

    private static BackendMutation put(byte[] key, String value) {
        return BackendMutation.put(key, v(value), 0);
    }

    /** The values of the keys of these suffixes, {@code null} where absent. */
    private List<String> values(String... suffixes) {
        return Arrays.stream(suffixes).map(suffix -> s(backend.get(key(suffix)))).toList();
    }

    private void requireConditionalWrite() {
        assumeTrue(can(Capability.CONDITIONAL_WRITE), "the backend does not declare CONDITIONAL_WRITE");
    }

    private void requireRanges() {
        requireConditionalWrite();
        assumeTrue(can(Capability.ORDERED_SCAN), "the backend does not declare ORDERED_SCAN");
    }

    private boolean can(Capability capability) {
        return backend.capabilities().contains(capability);
    }

    /** Puts a0..a2 = 1..3 and b = x, then tries a conditional write of all of them; returns what it returned. */
    private boolean writeOverSetUpKeysIf(List<BackendCondition> conditions, long deadlineMillis) {
        backend.write(List.of(put(key("a0"), "1"), put(key("a1"), "2"), put(key("a2"), "3"), put(key("b"), "x")));
        return backend.writeIf(conditions, List.of(put(key("a0"), "new"), BackendMutation.delete(key("a1")),
                put(key("a3"), "added"), put(key("b"), "y")), deadlineMillis);
    }

    private void assertSetUpKeysUnchanged() {
        assertEquals(Arrays.asList("1", "2", "3", null, "x"), values("a0", "a1", "a2", "a3", "b"),
                "a refused conditional write changed a key");
    }

    private void assertSetUpKeysWritten() {
        assertEquals(Arrays.asList("new", null, "3", "added", "y"), values("a0", "a1", "a2", "a3", "b"));
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

    // --- without the capability

    @Test
    public void writeIfIsUnsupportedWithoutConditionalWrite() {
        assumeFalse(can(Capability.CONDITIONAL_WRITE), "the backend declares CONDITIONAL_WRITE");
        assertThrows(UnsupportedOperationException.class, () -> backend.writeIf(List.of(value("k", null)),
                List.of(put(key("k"), "v")), Long.MAX_VALUE));
    }

    // --- conditions on one key

    @Test
    public void aHoldingValueConditionApplies() {
        requireConditionalWrite();
        assertTrue(writeOverSetUpKeysIf(List.of(value("b", "x")), Long.MAX_VALUE));
        assertSetUpKeysWritten();
    }

    @Test
    public void aWrongValueRefusesAndWritesNothing() {
        requireConditionalWrite();
        assertFalse(writeOverSetUpKeysIf(List.of(value("b", "other")), Long.MAX_VALUE));
        assertSetUpKeysUnchanged();
        // Compared byte for byte, not as a prefix or by length
        assertFalse(writeOverSetUpKeysIf(List.of(value("b", "xx")), Long.MAX_VALUE));
        assertFalse(writeOverSetUpKeysIf(List.of(value("b", "")), Long.MAX_VALUE));
        assertFalse(writeOverSetUpKeysIf(List.of(value("b", "X")), Long.MAX_VALUE));
        assertSetUpKeysUnchanged();
    }

    @Test
    public void aValueConditionOnAnAbsentKeyRefuses() {
        requireConditionalWrite();
        assertFalse(writeOverSetUpKeysIf(List.of(value("nothing here", "x")), Long.MAX_VALUE));
        assertSetUpKeysUnchanged();
    }

    @Test
    public void anAbsentConditionHoldsWhileTheKeyIsAbsent() {
        requireConditionalWrite();
        assertTrue(writeOverSetUpKeysIf(List.of(value("a3", null)), Long.MAX_VALUE));
        assertSetUpKeysWritten();
    }

    @Test
    public void anAbsentConditionRefusesWhenTheKeyIsPresent() {
        requireConditionalWrite();
        assertFalse(writeOverSetUpKeysIf(List.of(value("a2", null)), Long.MAX_VALUE));
        assertSetUpKeysUnchanged();
        backend.put(key("empty"), new byte[0], 0);
        assertFalse(backend.writeIf(List.of(value("empty", null)), List.of(put(key("b"), "y")), Long.MAX_VALUE),
                "an empty value is present, not absent");
        assertSetUpKeysUnchanged();
    }

    @Test
    public void everyConditionMustHold() {
        requireConditionalWrite();
        assertFalse(writeOverSetUpKeysIf(List.of(value("b", "x"), value("a0", "1"), value("a2", "wrong")),
                Long.MAX_VALUE));
        assertSetUpKeysUnchanged();
        assertTrue(writeOverSetUpKeysIf(List.of(value("b", "x"), value("a0", "1"), value("a2", "3")),
                Long.MAX_VALUE));
        assertSetUpKeysWritten();
    }

    // --- range conditions

    @Test
    public void aRangeConditionWithItsExactEntriesHolds() {
        requireRanges();
        // Keys just outside [a, b) do not count: "a" is its first key, "b" the first past it
        backend.write(List.of(put(key(""), "before"), put(key("`"), "before"), put(key("bb"), "after")));
        assertTrue(writeOverSetUpKeysIf(List.of(range("a", "a0", "1", "a1", "2", "a2", "3")), Long.MAX_VALUE));
        assertSetUpKeysWritten();
    }

    @Test
    public void anEmptyRangeConditionHoldsOnlyWhileTheRangeIsEmpty() {
        requireRanges();
        assertTrue(backend.writeIf(List.of(range("c")), List.of(put(key("c1"), "v")), Long.MAX_VALUE));
        assertFalse(backend.writeIf(List.of(range("c")), List.of(put(key("c2"), "v")), Long.MAX_VALUE));
        assertEquals(Arrays.asList("v", null), values("c1", "c2"));
    }

    @Test
    public void aRangeConditionRefusesWhenAPhantomKeyWasInserted() {
        requireRanges();
        // Before the expected entries (the range's first key itself), between them and after them
        for (String phantom : List.of("a", "a10", "a9")) {
            backend.put(key(phantom), v("phantom"), 0);
            assertFalse(writeOverSetUpKeysIf(List.of(range("a", "a0", "1", "a1", "2", "a2", "3")), Long.MAX_VALUE),
                    "with a phantom key " + phantom);
            assertSetUpKeysUnchanged();
            assertEquals("phantom", s(backend.delete(key(phantom))), "the refused write kept the phantom key");
        }
    }

    @Test
    public void aRangeConditionRefusesWhenAnEntryChanged() {
        requireRanges();
        assertFalse(writeOverSetUpKeysIf(List.of(range("a", "a0", "1", "a1", "changed", "a2", "3")),
                Long.MAX_VALUE));
        assertSetUpKeysUnchanged();
    }

    @Test
    public void aRangeConditionRefusesWhenAnEntryWasDeleted() {
        requireRanges();
        assertFalse(writeOverSetUpKeysIf(List.of(range("a", "a0", "1", "a1", "2", "a2", "3", "a4", "deleted")),
                Long.MAX_VALUE));
        assertSetUpKeysUnchanged();
    }

    // --- check only, deadline, mutations

    @Test
    public void withoutMutationsItOnlyChecks() {
        requireConditionalWrite();
        backend.put(key("k"), v("v"), 0);
        assertTrue(backend.writeIf(List.of(value("k", "v"), value("absent", null)), List.of(), Long.MAX_VALUE));
        assertFalse(backend.writeIf(List.of(value("k", "w")), List.of(), Long.MAX_VALUE));
        assertTrue(backend.writeIf(List.of(), List.of(), Long.MAX_VALUE), "no condition holds");
        assertEquals(Arrays.asList("v", null), values("k", "absent"));
    }

    @Test
    public void aDeadlineInThePastRefusesAndWritesNothing() {
        requireConditionalWrite();
        assertFalse(writeOverSetUpKeysIf(List.of(value("b", "x")), System.currentTimeMillis() - 1));
        assertSetUpKeysUnchanged();
        assertFalse(backend.writeIf(List.of(), List.of(put(key("b"), "y")), 0), "the epoch is past");
        assertSetUpKeysUnchanged();
        assertTrue(writeOverSetUpKeysIf(List.of(value("b", "x")), System.currentTimeMillis() + 600_000));
        assertSetUpKeysWritten();
    }

    @Test
    public void theMutationsApplyInOrderTheLastWriteOfAKeyWinning() {
        requireConditionalWrite();
        backend.put(key("old"), v("x"), 0);
        assertTrue(backend.writeIf(List.of(value("old", "x")), List.of(
                put(key("a"), "1"),
                put(key("b"), "2"),
                BackendMutation.delete(key("a")),
                put(key("c"), "3"),
                put(key("c"), "last wins"),
                BackendMutation.delete(key("old")),
                BackendMutation.delete(key("never there")),
                BackendMutation.delete(key("d")),
                put(key("d"), "after its delete"),
                BackendMutation.put(key("hinted"), v("v"), System.currentTimeMillis() + 3_600_000)), Long.MAX_VALUE));
        assertEquals(Arrays.asList(null, "2", "last wins", "after its delete", null, null, "v"),
                values("a", "b", "c", "d", "old", "never there", "hinted"));
    }

    @Test
    public void theMutationsKeepTheirExpiryHints() {
        requireConditionalWrite();
        long expiry = System.currentTimeMillis() + 300;
        assertTrue(backend.writeIf(List.of(value("short", null)), List.of(
                BackendMutation.put(key("short"), v("v"), expiry), put(key("forever"), "v")), Long.MAX_VALUE));
        if (can(Capability.NATIVE_TTL)) {
            await("the entry written with an expiry is gone", EXPIRY_SLACK, () -> backend.get(key("short")) == null);
        } else {
            // Without NATIVE_TTL the kernel hides and sweeps expired entries itself; the backend keeps them
            assertTrue(backend.writeIf(List.of(), List.of(
                    BackendMutation.put(key("past"), v("v"), System.currentTimeMillis() - 60_000)), Long.MAX_VALUE));
            assertEquals(Arrays.asList("v", "v"), values("short", "past"));
        }
        assertEquals("v", s(backend.get(key("forever"))));
    }

    // --- concurrency

    @Test
    public void concurrentIncrementsNeverLoseAnUpdate() throws Exception {
        requireConditionalWrite();
        backend.put(key("counter"), v("0"), 0);
        int threads = 4;
        int incrementsEach = 100;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < incrementsEach; i++) {
                        while (true) {
                            String current = s(backend.get(key("counter")));
                            String next = Integer.toString(Integer.parseInt(current) + 1);
                            if (backend.writeIf(List.of(value("counter", current)),
                                    List.of(put(key("counter"), next)), Long.MAX_VALUE)) {
                                break;
                            }
                        }
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(Integer.toString(threads * incrementsEach), s(backend.get(key("counter"))));
    }

    @Test
    public void aHoldingCheckNeverSeesPartOfATransfer() throws Exception {
        requireConditionalWrite();
        int total = 1000;
        backend.write(List.of(put(key("x"), "500"), put(key("y"), "500")));
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger held = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> transfers = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                int seed = t;
                transfers.add(pool.submit(() -> {
                    Random random = new Random(seed);
                    for (int i = 0; i < 200; i++) {
                        while (true) {
                            String x = s(backend.get(key("x")));
                            String y = s(backend.get(key("y")));
                            int amount = random.nextInt(21) - 10;
                            List<BackendMutation> move = List.of(
                                    put(key("x"), Integer.toString(Integer.parseInt(x) - amount)),
                                    put(key("y"), Integer.toString(Integer.parseInt(y) + amount)));
                            if (backend.writeIf(List.of(value("x", x), value("y", y)), move, Long.MAX_VALUE)) {
                                break;
                            }
                        }
                    }
                }));
            }
            List<Future<List<String>>> readers = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                readers.add(pool.submit(() -> {
                    List<String> broken = new ArrayList<>();
                    boolean last = false;
                    // One more check after the transfers end, so that at least one check holds
                    while (!last) {
                        last = stop.get();
                        String x = s(backend.get(key("x")));
                        String y = s(backend.get(key("y")));
                        if (backend.writeIf(List.of(value("x", x), value("y", y)), List.of(), Long.MAX_VALUE)) {
                            held.incrementAndGet();
                            if (Integer.parseInt(x) + Integer.parseInt(y) != total) {
                                broken.add(x + " + " + y);
                            }
                        }
                    }
                    return broken;
                }));
            }
            for (Future<?> f : transfers) {
                f.get(120, TimeUnit.SECONDS);
            }
            stop.set(true);
            for (Future<List<String>> reader : readers) {
                List<String> broken = reader.get(120, TimeUnit.SECONDS);
                assertTrue(broken.isEmpty(), "holding checks saw sums other than " + total + ": " + broken);
            }
        } finally {
            stop.set(true);
            pool.shutdownNow();
        }
        assertTrue(held.get() > 0, "no check held");
        assertEquals(total, Integer.parseInt(s(backend.get(key("x")))) + Integer.parseInt(s(backend.get(key("y")))));
    }

    // --- durability and an ended instance

    @Test
    public void aDurableBackendKeepsAnAppliedConditionalWrite() throws Exception {
        requireConditionalWrite();
        assumeTrue(can(Capability.DURABLE), "the backend does not declare DURABLE");
        assertTrue(writeOverSetUpKeysIf(List.of(value("b", "x")), Long.MAX_VALUE));
        B closing = backend;
        backend = null;
        backend = reopen(closing);
        assertNotNull(backend, "reopen() returned no backend");
        assertSetUpKeysWritten();
    }

    @Test
    public void anEndedInstanceRefusesAConditionalWriteAsUnavailable() throws Exception {
        requireConditionalWrite();
        backend.put(key("k"), v("v"), 0);
        B ended = backend;
        backend = null;
        close(ended);
        assertThrows(BackendUnavailableException.class, () -> ended.writeIf(List.of(value("k", "v")),
                List.of(put(key("k"), "w")), Long.MAX_VALUE));
        assertThrows(BackendUnavailableException.class, () -> ended.writeIf(List.of(value("k", "v")),
                List.of(), Long.MAX_VALUE));
    }
}
