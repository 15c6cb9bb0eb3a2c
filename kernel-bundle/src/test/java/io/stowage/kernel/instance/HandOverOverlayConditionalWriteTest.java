package io.stowage.kernel.instance;

import static io.stowage.kernel.instance.HandOverOverlayTest.entries;
import static io.stowage.kernel.instance.HandOverOverlayTest.handedOver;
import static io.stowage.kernel.instance.HandOverOverlayTest.key;
import static io.stowage.kernel.instance.HandOverOverlayTest.loadAll;
import static io.stowage.kernel.instance.HandOverOverlayTest.plain;
import static io.stowage.kernel.instance.HandOverOverlayTest.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import io.stowage.kernel.KernelHarness;
import io.stowage.spi.BackendCondition;
import io.stowage.spi.BackendEntry;
import io.stowage.spi.BackendMutation;
import io.stowage.spi.Capability;
import io.stowage.storage.memory.MemoryBackend;

/**
 * A conditional write through the overlay checks its conditions against what the overlay shows, handed-over entries
 * not yet loaded included, and applies in one step with the check: a handed-over value decides a key's condition,
 * a range is the instance's entries with the waiting ones merged in, a refused write changes nothing, and concurrent
 * increments lose no update while the loader runs.
 */
class HandOverOverlayConditionalWriteTest {

    private final MemoryBackend next = KernelHarness.memoryBackend("next", 1_000_000);

    @Test
    void keyConditionsSeeHandedOverValues() {
        HandOverOverlay overlay = new HandOverOverlay(next, handedOver(Map.of("a", "old", "b", "old")));
        assertFalse(overlay.writeIf(List.of(value("a", "other")), List.of(put("a", "new")), Long.MAX_VALUE));
        assertFalse(overlay.writeIf(List.of(value("a", null)), List.of(put("a", "new")), Long.MAX_VALUE),
                "a handed-over key is present");
        assertTrue(overlay.writeIf(List.of(value("a", "old"), value("x", null)),
                List.of(put("a", "new"), BackendMutation.delete(key("b")), put("x", "new")), Long.MAX_VALUE));
        assertFalse(overlay.writeIf(List.of(value("b", "old")), List.of(), Long.MAX_VALUE), "b was deleted");

        loadAll(overlay);
        assertEquals(List.of("a=new", "x=new"), entries(next.scan(key(""), null, 10)),
                "the loader brought back none of the written keys' handed-over values");
    }

    @Test
    void rangeConditionsSeeTheInstanceAndTheWaitingEntriesMerged() {
        HandOverOverlay overlay = new HandOverOverlay(next, handedOver(Map.of("r/b", "handed", "r/d", "handed")));
        overlay.put(key("r/a"), plain("new"), 0);
        overlay.put(key("r/c"), plain("new"), 0);
        // A key both waiting and in the instance: the overlay shows the waiting value
        next.put(key("r/d"), plain("stale"), 0);

        assertFalse(overlay.writeIf(List.of(range("r/a", "new", "r/b", "handed", "r/c", "new")), List.of(put("s", "1")),
                Long.MAX_VALUE), "r/d is a key too many");
        assertFalse(overlay.writeIf(List.of(range("r/a", "new", "r/b", "handed", "r/c", "new", "r/d", "stale")),
                List.of(put("s", "1")), Long.MAX_VALUE), "r/d shows its handed-over value");
        assertFalse(overlay.writeIf(List.of(range("r/a", "new", "r/b", "other", "r/c", "new", "r/d", "handed")),
                List.of(put("s", "1")), Long.MAX_VALUE));
        assertNull(overlay.get(key("s")));
        assertTrue(overlay.writeIf(List.of(range("r/a", "new", "r/b", "handed", "r/c", "new", "r/d", "handed")),
                List.of(put("s", "1"), BackendMutation.delete(key("r/d"))), Long.MAX_VALUE));
        assertTrue(overlay.writeIf(List.of(range("r/a", "new", "r/b", "handed", "r/c", "new")), List.of(),
                Long.MAX_VALUE), "the deleted key is gone from the range");
        assertEquals("1", text(overlay.get(key("s"))));

        loadAll(overlay);
        assertEquals(List.of("r/a=new", "r/b=handed", "r/c=new", "s=1"), entries(next.scan(key(""), null, 10)));
    }

    @Test
    void aRefusedConditionalWriteLeavesTheWaitingEntriesAsTheyWere() {
        HandOverOverlay overlay = new HandOverOverlay(next, handedOver(Map.of("a", "old", "b", "old")));
        List<BackendMutation> change = List.of(put("a", "new"), BackendMutation.delete(key("b")));
        assertFalse(overlay.writeIf(List.of(value("c", "absent")), change, Long.MAX_VALUE));
        assertFalse(overlay.writeIf(List.of(value("a", "old")), change, System.currentTimeMillis() - 1),
                "the deadline passed");
        assertEquals(List.of("a=old", "b=old"), entries(overlay.scan(key(""), null, 10)));
        loadAll(overlay);
        assertEquals(List.of("a=old", "b=old"), entries(next.scan(key(""), null, 10)));
    }

    @Test
    void withoutTheCapabilityOfTheInstanceItIsUnsupported() {
        CopiedEntries plainMap = new CopiedEntries();
        assertFalse(plainMap.capabilities().contains(Capability.CONDITIONAL_WRITE));
        HandOverOverlay overlay = new HandOverOverlay(plainMap, handedOver(Map.of("a", "old")));
        assertEquals(plainMap.capabilities(), overlay.capabilities());
        assertThrows(UnsupportedOperationException.class, () -> overlay.writeIf(List.of(value("a", "other")),
                List.of(put("a", "new")), Long.MAX_VALUE));
        assertEquals("old", text(overlay.get(key("a"))));
    }

    /**
     * Threads increment handed-over counters while the loader moves them in, each increment a conditional write on
     * the value it read, or on the whole range of the counter's group: every increment counts exactly once.
     */
    @Test
    void concurrentIncrementsLoseNoUpdateDuringTheLoad() throws Exception {
        Map<String, String> handed = new TreeMap<>();
        for (int i = 0; i < 4_000; i++) {
            handed.put(String.format("filler/%05d", i), "x");
        }
        handed.put("n/counter", "0");
        handed.put("n/other", "x");
        HandOverOverlay overlay = new HandOverOverlay(next, handedOver(handed));
        int threads = 3;
        int each = 200;
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicInteger done = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> incrementing = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            boolean byRange = t % 2 == 1;
            incrementing.add(new Thread(() -> {
                try {
                    for (int i = 0; i < each && !stop.get(); i++) {
                        while (!increment(overlay, byRange) && !stop.get()) {
                            Thread.onSpinWait();
                        }
                        done.incrementAndGet();
                    }
                } catch (Throwable e) {
                    failure.set(e);
                }
            }));
        }
        incrementing.forEach(Thread::start);
        try {
            awaitIncrementsThenLoad(overlay, done, failure);
            for (Thread thread : incrementing) {
                thread.join(60_000);
            }
        } finally {
            stop.set(true);
        }
        assertNull(failure.get());
        assertEquals(Integer.toString(threads * each), text(overlay.get(key("n/counter"))));
        loadAll(overlay);
        assertEquals(Integer.toString(threads * each), text(next.get(key("n/counter"))));
    }

    private static void awaitIncrementsThenLoad(HandOverOverlay overlay, AtomicInteger done,
            AtomicReference<Throwable> failure) {
        // Some increments on the waiting counter before the load begins, then small chunks, so that it lasts
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (done.get() < 10 && failure.get() == null) {
            assertTrue(System.nanoTime() < deadline, "only " + done.get() + " increments");
            Thread.onSpinWait();
        }
        assertTrue(overlay.isLoading());
        while (overlay.loadNext(4) > 0) {
            Thread.yield();
        }
    }

    private static boolean increment(HandOverOverlay overlay, boolean byRange) {
        List<BackendEntry> group = overlay.scan(key("n/"), key("n0"), 10);
        byte[] seen = overlay.get(key("n/counter"));
        BackendCondition condition = byRange ? BackendCondition.range(key("n/"), key("n0"), group)
                : BackendCondition.value(key("n/counter"), seen);
        if (byRange && !text(group.get(0).value()).equals(text(seen))) {
            return false;
        }
        String next = Integer.toString(Integer.parseInt(text(seen)) + 1);
        return overlay.writeIf(List.of(condition), List.of(put("n/counter", next)), Long.MAX_VALUE);
    }

    private static BackendCondition value(String key, String expected) {
        return BackendCondition.value(key(key), expected == null ? null : plain(expected));
    }

    /** The range of keys {@code r/...} holding exactly these keys and values. */
    private static BackendCondition range(String... keysAndValues) {
        List<BackendEntry> entries = new ArrayList<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            entries.add(new BackendEntry(key(keysAndValues[i]), plain(keysAndValues[i + 1])));
        }
        return BackendCondition.range(key("r/"), key("r0"), entries);
    }

    private static BackendMutation put(String key, String value) {
        return BackendMutation.put(key(key), plain(value), 0);
    }
}
