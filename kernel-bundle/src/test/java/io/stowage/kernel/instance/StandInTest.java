package io.stowage.kernel.instance;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import io.stowage.api.Entry;
import io.stowage.api.KeyTtl;
import io.stowage.api.StorageFullException;
import io.stowage.api.Store;
import io.stowage.kernel.KernelHarness;
import io.stowage.kernel.store.BackendSlot;
import io.stowage.kernel.store.BoundBackend;
import io.stowage.spi.BackendCondition;
import io.stowage.spi.BackendEntry;
import io.stowage.spi.BackendMutation;
import io.stowage.spi.Capability;
import io.stowage.storage.memory.MemoryBackend;

/**
 * The kernel's copy of an ended instance serves in its place with no operation lost or seeing stale data: reads see
 * the copy, writes, deletes and batches change it, expiry is honoured, and everything acknowledged meanwhile
 * reaches the next instance, even with writes running while the copy stops serving and the next instance binds.
 */
class StandInTest {

    private static final String PID = "io.stowage.memory~default";

    @Test
    void theCopyServesInTheInstancesPlaceAndTheNextInstanceTakesOverWhatWasWrittenMeanwhile() {
        try (KernelHarness harness = new KernelHarness()) {
            Store store = harness.namespace("app").store("s");
            for (int i = 0; i < 1_000; i++) {
                store.put("k" + i, ("v" + i).getBytes(UTF_8));
            }
            BackendSlot slot = harness.kernel.slot("default");
            HandOver handOver = LiveHandOver.copy(harness.kernel, instance(slot.current()), true);

            assertInstanceOf(StandIn.class, slot.current().backend(), "the copy serves in the instance's place");
            assertEquals("v7", text(store.get("k7")));
            store.put("k7", "changed".getBytes(UTF_8));
            store.delete("k8");
            store.put("new", "meanwhile".getBytes(UTF_8));
            store.put("expiring", "soon".getBytes(UTF_8), Duration.ofMinutes(5));
            store.put("expired", "gone".getBytes(UTF_8), Duration.ofSeconds(1));
            harness.clock.advance(Duration.ofSeconds(2));
            assertNull(store.get("expired"), "an expired entry is hidden while the copy serves");
            assertEquals("changed", text(store.get("k7")));
            assertNull(store.get("k8"));
            Store later = harness.namespace("app").store("first-used-meanwhile");
            later.put("x", "y".getBytes(UTF_8));

            assertTrue(handOver.endStandIn(1_000));
            assertNull(slot.current(), "operations wait for the next instance once the copy stopped serving");
            MemoryBackend next = KernelHarness.memoryBackend("next", 100_000);
            loadAndBind(harness, handOver, next);

            assertEquals("changed", text(store.get("k7")));
            assertNull(store.get("k8"));
            assertEquals("meanwhile", text(store.get("new")));
            assertEquals("y", text(later.get("x")), "a store first used meanwhile keeps its directory entry");
            KeyTtl ttl = store.ttl("expiring");
            assertTrue(ttl.expires() && ttl.remaining().compareTo(Duration.ofMinutes(4)) > 0, ttl.toString());
            assertEquals(1_001, store.count(), "1,000 less one deleted, plus 'new' and 'expiring'");
        }
    }

    @Test
    void noWriteAcknowledgedWhileTheCopyServesOrStopsServingIsLost() throws Exception {
        try (KernelHarness harness = new KernelHarness()) {
            Store store = harness.namespace("app").store("s");
            store.put("seed", "x".getBytes(UTF_8));
            BackendSlot slot = harness.kernel.slot("default");
            HandOver handOver = LiveHandOver.copy(harness.kernel, instance(slot.current()), true);
            AtomicInteger acknowledged = new AtomicInteger();
            AtomicBoolean stop = new AtomicBoolean();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread writer = new Thread(() -> {
                try {
                    for (int i = 0; !stop.get(); i++) {
                        store.put("w" + i, ("v" + i).getBytes(UTF_8));
                        acknowledged.set(i + 1);
                    }
                } catch (Throwable e) {
                    failure.set(e);
                }
            });
            writer.start();
            awaitAtLeast(acknowledged, 2_000);
            assertTrue(handOver.endStandIn(1_000));
            loadAndBind(harness, handOver, KernelHarness.memoryBackend("next", 1_000_000));
            int atBind = acknowledged.get();
            awaitAtLeast(acknowledged, atBind + 2_000);
            stop.set(true);
            writer.join();

            assertNull(failure.get());
            for (int i = 0; i < acknowledged.get(); i++) {
                assertEquals("v" + i, text(store.get("w" + i)), "write " + i);
            }
        }
    }

    /**
     * Transactions move one unit at a time from one key to another, reading both with a scan, while the instance is
     * copied out live, the copy serves, and the next instance serves with it behind an overlay that loads it: the
     * total never changes and every committed move counts, whichever of them served it.
     */
    @Test
    void transactionsCommitWholeWhileTheCopyServesAndWhileTheNextInstanceLoadsIt() throws Exception {
        try (KernelHarness harness = new KernelHarness()) {
            Store store = harness.namespace("app").store("s");
            // Keys the overlay loads before the two that move
            for (int i = 0; i < 2_000; i++) {
                store.put("filler" + i, key("x"));
            }
            store.put("za", key("1000000"));
            store.put("zb", key("0"));
            AtomicInteger committed = new AtomicInteger();
            AtomicBoolean stop = new AtomicBoolean();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            List<Thread> movers = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                movers.add(new Thread(() -> {
                    try {
                        while (!stop.get()) {
                            store.transact(tx -> {
                                List<Entry> both = tx.scan("za", "zc", 10).items();
                                tx.put("za", key(Long.toString(Long.parseLong(text(both.get(0).value())) - 1)));
                                tx.put("zb", key(Long.toString(Long.parseLong(text(both.get(1).value())) + 1)));
                                return null;
                            });
                            committed.incrementAndGet();
                        }
                    } catch (Throwable e) {
                        failure.set(e);
                    }
                }));
            }
            movers.forEach(Thread::start);
            try {
                awaitAtLeast(committed, 50);
                BackendSlot slot = harness.kernel.slot("default");
                HandOver handOver = LiveHandOver.copy(harness.kernel, instance(slot.current()), true);
                assertInstanceOf(StandIn.class, slot.current().backend());
                awaitAtLeast(committed, committed.get() + 50);
                assertTrue(handOver.endStandIn(1_000));
                HandOverOverlay overlay = new HandOverOverlay(KernelHarness.memoryBackend("next", 100_000),
                        handOver.sorted());
                assertTrue(harness.kernel.bind("default", new BoundBackend(overlay, "memory", "1.1.0")));
                overlay.loadNext(8);
                awaitAtLeast(committed, committed.get() + 50);
                assertTrue(overlay.isLoading(), "moves committed through the overlay while it loads");
                while (overlay.loadNext(8) > 0) {
                    Thread.yield();
                }
                awaitAtLeast(committed, committed.get() + 50);
            } finally {
                stop.set(true);
                for (Thread mover : movers) {
                    mover.join(30_000);
                }
            }
            assertNull(failure.get());
            assertEquals(Long.toString(committed.get()), text(store.get("zb")), "every committed move counts");
            assertEquals(1_000_000L, Long.parseLong(text(store.get("za"))) + Long.parseLong(text(store.get("zb"))));
        }
    }

    @Test
    void itPromisesOnlyWhatACopyCanKeepAndBatchesAndConditionalWritesStayWhole() {
        CopiedEntries entries = new CopiedEntries();
        StandIn standIn = new StandIn(entries, EnumSet.allOf(Capability.class), Long.MAX_VALUE, new BackendSlot("c"));
        assertEquals(EnumSet.of(Capability.ORDERED_SCAN, Capability.ATOMIC_BATCH, Capability.CONDITIONAL_WRITE),
                standIn.capabilities());
        assertEquals(EnumSet.of(Capability.ORDERED_SCAN),
                new StandIn(entries, EnumSet.of(Capability.ORDERED_SCAN, Capability.DURABLE), Long.MAX_VALUE,
                        new BackendSlot("c"))
                        .capabilities());

        standIn.put(key("a"), key("1"), 0);
        assertFalse(standIn.putIfAbsent(key("a"), key("2"), 0));
        assertTrue(standIn.putIfAbsent(key("b"), key("2"), 0));
        assertFalse(standIn.replace(key("a"), key("x"), key("3"), 0));
        assertTrue(standIn.replace(key("a"), key("1"), key("3"), 0));
        standIn.write(List.of(BackendMutation.put(key("c"), key("4"), 0), BackendMutation.delete(key("b"))));
        assertEquals(List.of("a=3", "c=4"), standIn.scan(key(""), null, 10).stream()
                .map(e -> text(e.key()) + "=" + text(e.value())).toList());
        assertEquals(2, entries.handOver(PID).entries());
    }

    /**
     * The next instance must take every entry the copy holds: writes that would add keys past the ended instance's
     * limit are refused whole, as that instance would have refused them, while replacing and deleting go on.
     */
    @Test
    void itKeepsTheEndedInstancesLimitOfKeys() {
        CopiedEntries entries = new CopiedEntries();
        StandIn standIn = new StandIn(entries, EnumSet.allOf(Capability.class), 3, new BackendSlot("volatile"));
        assertEquals(3, standIn.maxKeys());
        standIn.put(key("a"), key("1"), 0);
        standIn.put(key("b"), key("2"), 0);
        standIn.put(key("c"), key("3"), 0);

        StorageFullException full = assertThrows(StorageFullException.class, () -> standIn.put(key("d"), key("4"), 0));
        assertTrue(full.getMessage().contains("limit of 3 keys (maxKeys)"), full.getMessage());
        assertTrue(full.getMessage().contains("configuration 'volatile'"), full.getMessage());
        assertThrows(StorageFullException.class, () -> standIn.write(List.of(BackendMutation.put(key("d"), key("4"), 0),
                BackendMutation.delete(key("a")))), "a batch needs room for a key it adds before it deletes one");
        assertThrows(StorageFullException.class, () -> standIn.putIfAbsent(key("d"), key("4"), 0));
        assertFalse(standIn.putIfAbsent(key("a"), key("x"), 0), "a present key is no new key");
        assertFalse(standIn.writeIf(List.of(BackendCondition.value(key("a"), key("x"))),
                List.of(BackendMutation.put(key("d"), key("4"), 0)), Long.MAX_VALUE), "a failed condition comes first");
        assertEquals(List.of("a=1", "b=2", "c=3"), texts(standIn.scan(key(""), null, 10)));

        standIn.put(key("a"), key("replaced"), 0);
        standIn.write(List.of(BackendMutation.delete(key("b")), BackendMutation.put(key("d"), key("4"), 0)));
        assertTrue(standIn.writeIf(List.of(BackendCondition.value(key("c"), key("3"))),
                List.of(BackendMutation.delete(key("c")), BackendMutation.put(key("e"), key("5"), 0)), Long.MAX_VALUE));
        assertEquals(List.of("a=replaced", "d=4", "e=5"), texts(standIn.scan(key(""), null, 10)));
        assertEquals(3, entries.count());
    }

    private static List<String> texts(List<BackendEntry> page) {
        return page.stream().map(e -> text(e.key()) + "=" + text(e.value())).toList();
    }

    @Test
    void itKeepsConditionalWritesOnlyForAnInstanceThatHadThem() {
        StandIn without = new StandIn(new CopiedEntries(), EnumSet.of(Capability.ORDERED_SCAN,
                Capability.ATOMIC_BATCH), Long.MAX_VALUE, new BackendSlot("c"));
        assertFalse(without.capabilities().contains(Capability.CONDITIONAL_WRITE));
        assertThrows(UnsupportedOperationException.class, () -> without.writeIf(List.of(),
                List.of(BackendMutation.put(key("a"), key("1"), 0)), Long.MAX_VALUE));
        assertNull(without.get(key("a")));
    }

    @Test
    void aConditionalWriteAppliesOnlyIfEveryConditionAndTheDeadlineHold() {
        CopiedEntries entries = new CopiedEntries();
        StandIn standIn = new StandIn(entries, EnumSet.allOf(Capability.class), Long.MAX_VALUE, new BackendSlot("c"));
        standIn.write(List.of(BackendMutation.put(key("r/1"), key("a"), 0),
                BackendMutation.put(key("r/2"), key("b"), 0), BackendMutation.put(key("s"), key("c"), 0)));
        BackendCondition range = BackendCondition.range(key("r/"), key("r0"),
                List.of(new BackendEntry(key("r/1"), key("a")), new BackendEntry(key("r/2"), key("b"))));
        List<BackendMutation> change = List.of(BackendMutation.put(key("s"), key("changed"), 0),
                BackendMutation.delete(key("r/1")), BackendMutation.put(key("new"), key("n"), 0));

        assertFalse(standIn.writeIf(List.of(range, BackendCondition.value(key("s"), key("x"))), change,
                Long.MAX_VALUE));
        assertFalse(standIn.writeIf(List.of(range, BackendCondition.value(key("new"), key("n"))), change,
                Long.MAX_VALUE), "a key expected present is absent");
        assertFalse(standIn.writeIf(List.of(range), change, System.currentTimeMillis() - 1), "the deadline passed");
        standIn.put(key("r/3"), key("phantom"), 0);
        assertFalse(standIn.writeIf(List.of(range), change, Long.MAX_VALUE), "a key too many in the range");
        standIn.delete(key("r/3"));
        assertTrue(standIn.writeIf(List.of(), List.of(), Long.MAX_VALUE));
        assertEquals(List.of("r/1=a", "r/2=b", "s=c"), entriesOf(standIn), "no refused write changed anything");

        assertTrue(standIn.writeIf(List.of(range, BackendCondition.value(key("s"), key("c")),
                BackendCondition.value(key("new"), null)), change, Long.MAX_VALUE));
        assertEquals(List.of("new=n", "r/2=b", "s=changed"), entriesOf(standIn));
        assertEquals(3, entries.handOver(PID).entries(), "the hand-over's counts follow");
    }

    /**
     * Increments by conditional writes on one key, plain puts beside them on other keys: none is lost. The counter's
     * values are large, so that comparing one takes long enough for a check not made alone to be overtaken.
     */
    @Test
    void concurrentConditionalIncrementsLoseNoUpdate() throws Exception {
        StandIn standIn = new StandIn(new CopiedEntries(), EnumSet.allOf(Capability.class), Long.MAX_VALUE, new BackendSlot("c"));
        standIn.put(key("counter"), counter(0), 0);
        int threads = 4;
        int each = 1_000;
        CyclicBarrier start = new CyclicBarrier(threads);
        List<Thread> incrementing = new ArrayList<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            incrementing.add(new Thread(() -> {
                try {
                    start.await();
                    for (int i = 0; i < each; i++) {
                        standIn.put(key("plain" + id), key(Integer.toString(i)), 0);
                        while (true) {
                            byte[] seen = standIn.get(key("counter"));
                            byte[] next = counter(ByteBuffer.wrap(seen).getInt() + 1);
                            if (standIn.writeIf(List.of(BackendCondition.value(key("counter"), seen)),
                                    List.of(BackendMutation.put(key("counter"), next, 0)), Long.MAX_VALUE)) {
                                break;
                            }
                        }
                    }
                } catch (Throwable e) {
                    failure.set(e);
                }
            }));
        }
        incrementing.forEach(Thread::start);
        for (Thread thread : incrementing) {
            thread.join(60_000);
        }
        assertNull(failure.get());
        assertEquals(threads * each, ByteBuffer.wrap(standIn.get(key("counter"))).getInt());
    }

    private static byte[] counter(int value) {
        return ByteBuffer.allocate(64 * 1024).putInt(value).array();
    }

    @Test
    void endingUnbindsItOnlyIfItStillServesAndOnlyOnce() {
        BackendSlot slot = new BackendSlot("c");
        StandIn standIn = new StandIn(new CopiedEntries(), EnumSet.of(Capability.ORDERED_SCAN), Long.MAX_VALUE, slot);
        slot.bind(standIn.bound());
        assertTrue(standIn.end(1_000));
        assertNull(slot.current());
        assertTrue(standIn.bound().isRetired());

        StandIn replaced = new StandIn(new CopiedEntries(), EnumSet.of(Capability.ORDERED_SCAN), Long.MAX_VALUE, slot);
        slot.bind(replaced.bound());
        BoundBackend newer = new BoundBackend(KernelHarness.memoryBackend("n", 10), "memory", "1");
        slot.bind(newer);
        assertTrue(replaced.end(1_000));
        assertSame(newer, slot.current(), "a newer binding stays");
        assertTrue(replaced.end(1_000));
    }

    /** What BackendInstances.start does with the hand-over: the overlay takes it, binds, and loads it. */
    private static void loadAndBind(KernelHarness harness, HandOver handOver, MemoryBackend next) {
        HandOverOverlay overlay = new HandOverOverlay(next, handOver.sorted());
        assertTrue(harness.kernel.bind("default", new BoundBackend(overlay, "memory", "1.1.0")));
        while (overlay.loadNext(HandOverLoader.CHUNK) > 0) {
            // loads in the caller's thread here; BackendInstances does it in the background
        }
    }

    private static void awaitAtLeast(AtomicInteger counter, int target) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (counter.get() < target) {
            assertTrue(System.nanoTime() < deadline, "only " + counter.get() + " of " + target);
            Thread.onSpinWait();
        }
    }

    private static Instance instance(BoundBackend bound) {
        Hashtable<String, Object> properties = new Hashtable<>(Map.of("name", "default"));
        return new Instance(1, BackendConfiguration.of("memory", PID, properties), null, null, bound);
    }

    private static List<String> entriesOf(StandIn standIn) {
        return standIn.scan(key(""), null, 100).stream().map(e -> text(e.key()) + "=" + text(e.value())).toList();
    }

    private static byte[] key(String text) {
        return text.getBytes(UTF_8);
    }

    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, UTF_8);
    }
}
