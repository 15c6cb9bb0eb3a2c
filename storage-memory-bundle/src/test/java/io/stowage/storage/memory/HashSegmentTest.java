package io.stowage.storage.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

class HashSegmentTest {

    private static Key key(String name) {
        return new Key(name.getBytes(StandardCharsets.UTF_8));
    }

    /** A value that names its key and a version, so a reader can tell whose value it was given. */
    private static byte[] value(String key, long version) {
        byte[] name = key.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(Long.BYTES + name.length).putLong(version).put(name).array();
    }

    private static String owner(byte[] value) {
        return new String(value, Long.BYTES, value.length - Long.BYTES, StandardCharsets.UTF_8);
    }

    private static long version(byte[] value) {
        return ByteBuffer.wrap(value).getLong();
    }

    @Test
    void aDeletedKeyReadsAbsentAndAPutOfItReadsAgain() {
        HashSegment segment = new HashSegment();
        segment.compute(key("a"), (k, current) -> value("a", 1), false);
        assertArrayEquals(value("a", 1), segment.get(key("a")));

        segment.compute(key("a"), (k, current) -> null, true);
        assertNull(segment.get(key("a")));
        assertNull(segment.compute(key("a"), (k, current) -> value("a", 9), true), "absent: not computed");
        assertNull(segment.get(key("a")));

        segment.compute(key("a"), (k, current) -> value("a", 2), false);
        assertArrayEquals(value("a", 2), segment.get(key("a")));
    }

    /** Keys whose probes start at the same slot of a new segment's first arrays (16 slots), in one chain there. */
    private static List<String> collidingKeys(int count) {
        List<String> found = new ArrayList<>();
        int home = -1;
        for (int i = 0; found.size() < count; i++) {
            String name = "chain-" + i;
            int hash = key(name).hashCode();
            int slot = (hash ^ (hash >>> 16)) & 15;
            if (home == -1) {
                home = slot;
            }
            if (slot == home) {
                found.add(name);
            }
        }
        return found;
    }

    @Test
    void deletingAKeyInTheMiddleOfAProbeChainLeavesTheKeysAfterItFindable() {
        HashSegment segment = new HashSegment();
        List<String> chain = collidingKeys(5);
        for (String name : chain) {
            segment.compute(key(name), (k, current) -> value(name, 1), false);
        }
        assertEquals(16, segment.capacity(), "all five in the first arrays");
        segment.compute(key(chain.get(1)), (k, current) -> null, true);
        segment.compute(key(chain.get(3)), (k, current) -> null, true);
        for (int i = 0; i < chain.size(); i++) {
            String name = chain.get(i);
            if (i % 2 == 1) {
                assertNull(segment.get(key(name)), name);
            } else {
                assertArrayEquals(value(name, 1), segment.get(key(name)), name);
            }
        }
        // Put back: the key takes its old slot, so the chain still has each key once
        String back = chain.get(3);
        segment.compute(key(back), (k, current) -> value(back, 2), false);
        segment.compute(key(back), (k, current) -> null, true);
        assertNull(segment.get(key(back)));
    }

    @Test
    void segmentsNeverShareWhatOneOfThemHolds() {
        HashSegment written = new HashSegment();
        written.compute(key("a"), (k, current) -> value("a", 1), false);
        written.clear();
        written.compute(key("b"), (k, current) -> value("b", 1), false);
        HashSegment untouched = new HashSegment();
        assertNull(untouched.get(key("a")));
        assertNull(untouched.get(key("b")));
        assertNull(written.get(key("a")));
    }

    @Test
    void aFunctionThatThrowsChangesNothing() {
        HashSegment segment = new HashSegment();
        for (int i = 0; i < 7; i++) {
            String name = "k" + i;
            segment.compute(key(name), (k, current) -> value(name, 1), false);
        }
        // The eighth key would rebuild the arrays first: the rebuilt ones must still hold all seven
        assertThrows(IllegalStateException.class, () -> segment.compute(key("k7"), (k, current) -> {
            throw new IllegalStateException("full");
        }, false));
        assertNull(segment.get(key("k7")));
        for (int i = 0; i < 7; i++) {
            assertArrayEquals(value("k" + i, 1), segment.get(key("k" + i)));
        }
    }

    @Test
    void keysPutAndDeletedOneAfterAnotherLeaveNoGrowingTable() {
        HashSegment segment = new HashSegment();
        segment.compute(key("kept"), (k, current) -> value("kept", 1), false);
        for (int i = 0; i < 100_000; i++) {
            String name = "passing-" + i;
            segment.compute(key(name), (k, current) -> value(name, 1), false);
            segment.compute(key(name), (k, current) -> null, true);
        }
        assertTrue(segment.capacity() <= 16, "capacity " + segment.capacity() + " for one key");
        assertArrayEquals(value("kept", 1), segment.get(key("kept")));
        assertNull(segment.get(key("passing-99999")));
    }

    /**
     * Readers race writers that update, delete and put keys back, and insert and delete others so that the arrays are
     * rebuilt again and again: a reader must always find a key that is never deleted, never get another key's value,
     * and never see a key's versions go backwards.
     */
    @Test
    void readersRacingUpdatesDeletesAndRebuildsSeeOnlyTheirKeysValuesInOrder() throws InterruptedException {
        HashSegment segment = new HashSegment();
        int stable = 64;
        for (int i = 0; i < stable; i++) {
            String name = "stable-" + i;
            segment.compute(key(name), (k, current) -> value(name, 0), false);
        }
        AtomicBoolean done = new AtomicBoolean();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        threads.add(new Thread(() -> {
            try {
                write(segment, stable);
            } finally {
                done.set(true);
            }
        }));
        for (int r = 0; r < 2; r++) {
            threads.add(new Thread(() -> {
                long[] seen = new long[stable];
                while (!done.get()) {
                    for (int i = 0; i < stable; i++) {
                        String name = "stable-" + i;
                        byte[] found = segment.get(key(name));
                        if (found == null) {
                            failures.add(name + " not found");
                        } else if (!owner(found).equals(name)) {
                            failures.add(name + " read the value of " + owner(found));
                        } else if (version(found) < seen[i]) {
                            failures.add(name + " went back from version " + seen[i] + " to " + version(found));
                        } else {
                            seen[i] = version(found);
                        }
                    }
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }
        List<String> failed = List.copyOf(failures);
        assertEquals(List.of(), failed.subList(0, Math.min(5, failed.size())), failed.size() + " failures");
        for (int i = 0; i < stable; i += 7) {
            assertEquals(VERSIONS, version(segment.get(key("stable-" + i))));
        }
    }

    private static final int VERSIONS = 20_000;

    /** Every seventh stable key through its versions, and a passing key put and one deleted per version. */
    private static void write(HashSegment segment, int stable) {
        for (long version = 1; version <= VERSIONS; version++) {
            for (int i = 0; i < stable; i += 7) {
                String name = "stable-" + i;
                long next = version;
                segment.compute(key(name), (k, current) -> value(name, next), false);
            }
            String passing = "passing-" + version;
            segment.compute(key(passing), (k, current) -> value(passing, 1), false);
            segment.compute(key("passing-" + (version - 3)), (k, current) -> null, true);
        }
    }
}
