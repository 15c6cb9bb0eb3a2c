package io.stowage.kernel.instance;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import io.stowage.api.StorageFullException;
import io.stowage.kernel.KernelHarness;
import io.stowage.spi.BackendEntry;
import io.stowage.spi.BackendMutation;
import io.stowage.spi.Capability;
import io.stowage.spi.StorageBackend;
import io.stowage.storage.memory.MemoryBackend;

/**
 * The overlay answers every operation as if the handed-over entries were in the new instance already, at every
 * moment of the background load: reads and scans see entries not loaded yet, a write or delete wins over the
 * handed-over copy and is never undone by the loader, conditional writes see handed-over values, batches stay atomic,
 * and each entry reaches the instance with its expiry.
 */
class HandOverOverlayTest {

    private static final int GROUPS = 1_000;

    private final MemoryBackend next = KernelHarness.memoryBackend("next", 1_000_000);

    @Test
    void readsAndScansSeeEntriesNotLoadedYetInKeyOrder() {
        HandOverOverlay overlay = new HandOverOverlay(next, handedOver(Map.of("b", "handed-b", "d", "handed-d")));
        overlay.put(key("c"), plain("new-c"), 0);
        overlay.put(key("a"), plain("new-a"), 0);

        assertEquals("handed-b", text(overlay.get(key("b"))));
        assertEquals(Arrays.asList("handed-b", "new-c", null), texts(overlay.getAll(keys("b", "c", "x"))));
        assertEquals(List.of("a=new-a", "b=handed-b", "c=new-c", "d=handed-d"), entries(overlay.scan(key(""), null, 10)));
        assertEquals(List.of("b=handed-b", "c=new-c"), entries(overlay.scan(key("b"), key("d"), 10)));
        assertEquals(List.of("a=new-a", "b=handed-b"), entries(overlay.scan(key("a"), null, 2)));

        loadAll(overlay);
        assertEquals(List.of("a=new-a", "b=handed-b", "c=new-c", "d=handed-d"), entries(next.scan(key(""), null, 10)));
    }

    @Test
    void aWriteOrDeleteWinsOverTheHandedOverCopyAndTheLoaderNeverUndoesIt() {
        HandOverOverlay overlay = new HandOverOverlay(next, handedOver(Map.of("put", "old", "deleted", "old",
                "batched", "old", "kept", "old")));
        overlay.put(key("put"), plain("new"), 0);
        assertEquals("old", text(overlay.delete(key("deleted"))), "a delete returns the handed-over value");
        overlay.write(List.of(BackendMutation.put(key("batched"), plain("new"), 0),
                BackendMutation.delete(key("kept-not"))));

        loadAll(overlay);
        assertEquals("new", text(overlay.get(key("put"))));
        assertNull(overlay.get(key("deleted")));
        assertNull(next.get(key("deleted")), "the loader did not bring the deleted entry back");
        assertEquals("new", text(next.get(key("batched"))));
        assertEquals("old", text(next.get(key("kept"))));
    }

    @Test
    void conditionalWritesSeeHandedOverValues() {
        HandOverOverlay overlay = new HandOverOverlay(next, handedOver(Map.of("a", "old", "b", "old")));
        assertFalse(overlay.putIfAbsent(key("a"), plain("new"), 0), "a handed-over key is present");
        assertFalse(overlay.replace(key("a"), plain("other"), plain("new"), 0));
        assertTrue(overlay.replace(key("a"), plain("old"), plain("new"), 0));
        assertTrue(overlay.replace(key("b"), plain("old"), null, 0), "a replace by nothing deletes");
        assertTrue(overlay.putIfAbsent(key("c"), plain("new"), 0));

        loadAll(overlay);
        assertEquals("new", text(next.get(key("a"))));
        assertNull(next.get(key("b")));
        assertEquals("new", text(next.get(key("c"))));
    }

    @Test
    void eachEntryReachesTheInstanceWithItsExpiryAndTheKernelMetadataWithNone() {
        Map<String, Long> expiries = new ConcurrentHashMap<>();
        StorageBackend recording = recordingExpiries(next, expiries);
        ConcurrentSkipListMap<byte[], byte[]> handed = HandOver.sortedEntries();
        handed.put(key("expiring"), expiring("v", 1_234_567L));
        handed.put(key("plain"), plain("v"));
        handed.put(new byte[] {0x00, 'f'}, "format".getBytes(UTF_8));
        HandOverOverlay overlay = new HandOverOverlay(recording, handed);

        loadAll(overlay);
        assertEquals(Map.of("\u0001expiring", 1_234_567L, "\u0001plain", 0L, "\u0000f", 0L), expiries);
    }

    @Test
    void aRefusedBatchLeavesTheHandedOverEntriesAsTheyWere() {
        MemoryBackend small = KernelHarness.memoryBackend("small", 1);
        HandOverOverlay overlay = new HandOverOverlay(small, handedOver(Map.of("a", "old", "b", "old")));
        assertThrows(StorageFullException.class, () -> overlay.loadNext(HandOverLoader.CHUNK));
        assertEquals("old", text(overlay.get(key("a"))));
        assertEquals(List.of("a=old", "b=old"), entries(overlay.scan(key(""), null, 10)));
        assertTrue(overlay.isLoading());
    }

    /**
     * The instance counts only what it holds: the overlay counts what waits too, and refuses a write that would leave
     * no room for it, so that loading never finds the instance full and nothing acknowledged is lost.
     */
    @Test
    void writesKeepRoomInALimitedInstanceForWhatStillWaits() {
        MemoryBackend small = KernelHarness.memoryBackend("small", 4);
        HandOverOverlay overlay = new HandOverOverlay(small, handedOver(Map.of("a", "old", "b", "old", "c", "old")));
        overlay.put(key("x"), plain("new"), 0);

        StorageFullException full = assertThrows(StorageFullException.class, () -> overlay.put(key("y"), plain("y"), 0));
        assertTrue(full.getMessage().contains("limit of 4 keys (maxKeys)"), full.getMessage());
        assertThrows(StorageFullException.class, () -> overlay.putIfAbsent(key("y"), plain("y"), 0));
        assertThrows(StorageFullException.class, () -> overlay.write(List.of(BackendMutation.put(key("y"), plain("y"), 0),
                BackendMutation.delete(key("a")))));
        assertFalse(overlay.putIfAbsent(key("a"), plain("again"), 0));
        overlay.put(key("a"), plain("replaced"), 0);
        assertNull(overlay.delete(key("nothing")));
        assertEquals(List.of("a=replaced", "b=old", "c=old", "x=new"), entries(overlay.scan(key(""), null, 10)));

        overlay.delete(key("b"));
        overlay.write(List.of(BackendMutation.delete(key("c")), BackendMutation.put(key("y"), plain("y"), 0)));
        overlay.put(key("z"), plain("z"), 0);
        assertThrows(StorageFullException.class, () -> overlay.put(key("w"), plain("w"), 0));
        loadAll(overlay);
        assertFalse(overlay.isLoading());
        assertEquals(List.of("a=replaced", "x=new", "y=y", "z=z"), entries(small.scan(key(""), null, 10)));
    }

    @Test
    void aLoadBeforeServingThatIsRefusedLeavesTheHandOverWhole() {
        MemoryBackend small = KernelHarness.memoryBackend("small", 2);
        ConcurrentSkipListMap<byte[], byte[]> handed = handedOver(Map.of("a", "old", "b", "old", "c", "old"));
        HandOverOverlay overlay = new HandOverOverlay(small, handed);
        assertThrows(StorageFullException.class, overlay::loadAllNow);
        assertEquals(3, handed.size(), "the hand-over can wait for the next instance, whole");

        HandOverOverlay fits = new HandOverOverlay(next, handed);
        fits.loadAllNow();
        assertFalse(fits.isLoading());
        assertEquals(List.of("a=old", "b=old", "c=old"), entries(next.scan(key(""), null, 10)));
    }

    /**
     * Client threads, each on keys of its own (some handed over, some new), put, delete, compare-and-set, write
     * batches, read and scan while the loader moves the handed-over entries in: every answer matches the thread's
     * own model, and no reader ever sees half a batch (a batch writes one value to all keys of a group).
     */
    @Test
    void everyAnswerDuringTheLoadMatchesAModelAndNoReaderSeesHalfABatch() throws Exception {
        int clients = 3;
        int keysPerClient = 2_000;
        Map<String, String> handed = new TreeMap<>();
        for (int c = 0; c < clients; c++) {
            for (int k = 0; k < keysPerClient; k += 2) {
                handed.put(clientKey(c, k), "handed");
            }
        }
        for (int g = 0; g < GROUPS; g++) {
            for (int m = 0; m < 4; m++) {
                handed.put("group" + g + "/" + m, "handed");
            }
        }
        HandOverOverlay overlay = new HandOverOverlay(next, handedOver(handed));
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean loaded = new AtomicBoolean();
        AtomicInteger writing = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            threads.add(new Thread(new Client(c, keysPerClient, overlay, handed, failures, loaded)));
        }
        threads.add(new Thread(new GroupTraffic(overlay, failures, loaded, writing, true)));
        threads.add(new Thread(new GroupTraffic(overlay, failures, loaded, writing, false)));
        threads.forEach(Thread::start);
        // Small chunks, so that the load lasts while the clients work
        while (overlay.loadNext(16) > 0) {
            Thread.yield();
        }
        loaded.set(true);
        for (Thread thread : threads) {
            thread.join(60_000);
        }
        assertEquals(List.of(), failures.subList(0, Math.min(failures.size(), 10)));
        assertFalse(overlay.isLoading());
    }

    /** One client with keys of its own: it knows what each must hold. */
    private record Client(int id, int keys, HandOverOverlay overlay, Map<String, String> handed, List<String> failures,
            AtomicBoolean loaded) implements Runnable {

        @Override
        public void run() {
            Random random = new Random(id);
            TreeMap<String, String> model = new TreeMap<>();
            handed.forEach((key, value) -> {
                if (key.startsWith("c" + id + "/")) {
                    model.put(key, value);
                }
            });
            int after = 0;
            for (int op = 0; after < 500 && failures.size() < 10; op++) {
                if (loaded.get()) {
                    after++;
                }
                String key = clientKey(id, random.nextInt(keys));
                String value = "v" + id + "." + op;
                int kind = random.nextInt(100);
                if (kind < 25) {
                    overlay.put(key(key), plain(value), 0);
                    model.put(key, value);
                } else if (kind < 35) {
                    expect("delete " + key, model.remove(key), text(overlay.delete(key(key))));
                } else if (kind < 45) {
                    boolean stored = overlay.putIfAbsent(key(key), plain(value), 0);
                    expect("putIfAbsent " + key, !model.containsKey(key), stored);
                    model.putIfAbsent(key, value);
                } else if (kind < 55) {
                    String expected = model.getOrDefault(key, "none");
                    boolean replaced = overlay.replace(key(key), plain(expected), plain(value), 0);
                    expect("replace " + key, model.containsKey(key), replaced);
                    model.computeIfPresent(key, (k, v) -> value);
                } else if (kind < 62) {
                    String other = clientKey(id, random.nextInt(keys));
                    overlay.write(List.of(BackendMutation.put(key(key), plain(value), 0),
                            BackendMutation.delete(key(other))));
                    model.put(key, value);
                    model.remove(other);
                } else if (kind < 92) {
                    expect("get " + key, model.get(key), text(overlay.get(key(key))));
                } else {
                    String from = clientKey(id, random.nextInt(keys));
                    List<String> expected = model.tailMap(from, true).entrySet().stream().limit(20)
                            .map(entry -> entry.getKey() + "=" + entry.getValue()).toList();
                    expect("scan from " + from, expected, entries(overlay.scan(key(from), key("c" + id + "0"), 20)));
                }
            }
        }

        private void expect(String what, Object expected, Object actual) {
            if (!Objects.equals(expected, actual)) {
                failures.add("client " + id + ": " + what + ": expected " + expected + " but was " + actual);
            }
        }
    }

    /**
     * The writer writes one value to all keys of a group in a batch, values rising; the reader must find a single
     * value in a group, and never an older one after a newer.
     */
    private record GroupTraffic(HandOverOverlay overlay, List<String> failures, AtomicBoolean loaded,
            AtomicInteger writing, boolean writes) implements Runnable {

        @Override
        public void run() {
            int after = 0;
            for (int op = 0; after < 500 && failures.size() < 10; op++) {
                if (loaded.get()) {
                    after++;
                }
                // The writer takes each group in turn (its first batch replaces handed-over entries); the reader
                // reads the group being written, where half a batch would show
                int index = writes ? op % GROUPS : writing.get();
                if (writes) {
                    writing.set(index);
                }
                String group = "group" + index + "/";
                List<byte[]> members = List.of(key(group + 0), key(group + 1), key(group + 2), key(group + 3));
                if (writes) {
                    String value = "w" + op;
                    overlay.write(members.stream().map(member -> BackendMutation.put(member, plain(value), 0)).toList());
                    continue;
                }
                if (op % 3 == 2) {
                    // Two point reads, one after the other: the second never shows an older batch than the first
                    String first = text(overlay.get(members.get(0)));
                    String last = text(overlay.get(members.get(3)));
                    if (first.startsWith("w") && (!last.startsWith("w")
                            || Integer.parseInt(last.substring(1)) < Integer.parseInt(first.substring(1)))) {
                        failures.add("reads went back in " + group + ": " + first + " then " + last);
                    }
                    continue;
                }
                List<String> seen = op % 3 == 1 ? texts(overlay.getAll(members))
                        : entries(overlay.scan(key(group), key(group + 9), 10)).stream()
                                .map(entry -> entry.substring(entry.indexOf('=') + 1)).toList();
                if (!seen.equals(Collections.nCopies(4, seen.get(0)))) {
                    failures.add("half a batch seen in " + group + ": " + seen);
                }
            }
        }
    }

    static void loadAll(HandOverOverlay overlay) {
        while (overlay.loadNext(HandOverLoader.CHUNK) > 0) {
            assertTrue(overlay.isLoading());
        }
        assertFalse(overlay.isLoading());
    }

    private static String clientKey(int client, int key) {
        return "c" + client + "/" + String.format("%05d", key);
    }

    static ConcurrentSkipListMap<byte[], byte[]> handedOver(Map<String, String> entries) {
        ConcurrentSkipListMap<byte[], byte[]> handed = HandOver.sortedEntries();
        entries.forEach((key, value) -> handed.put(key(key), plain(value)));
        return handed;
    }

    /** A raw key of a store: never starts with the kernel's metadata byte. */
    static byte[] key(String key) {
        byte[] text = key.getBytes(UTF_8);
        byte[] raw = new byte[text.length + 1];
        raw[0] = 0x01;
        System.arraycopy(text, 0, raw, 1, text.length);
        return raw;
    }

    private static List<byte[]> keys(String... keys) {
        return Arrays.stream(keys).map(HandOverOverlayTest::key).toList();
    }

    /** A value in the kernel's envelope, without expiry. */
    static byte[] plain(String value) {
        byte[] text = value.getBytes(UTF_8);
        byte[] envelope = new byte[text.length + 1];
        System.arraycopy(text, 0, envelope, 1, text.length);
        return envelope;
    }

    private static byte[] expiring(String value, long expiresAt) {
        byte[] text = value.getBytes(UTF_8);
        byte[] envelope = new byte[9 + text.length];
        envelope[0] = 0x01;
        for (int i = 0; i < 8; i++) {
            envelope[1 + i] = (byte) (expiresAt >>> (56 - 8 * i));
        }
        System.arraycopy(text, 0, envelope, 9, text.length);
        return envelope;
    }

    static String text(byte[] envelope) {
        return envelope == null ? null : new String(envelope, 1, envelope.length - 1, UTF_8);
    }

    private static List<String> texts(List<byte[]> envelopes) {
        return envelopes.stream().map(HandOverOverlayTest::text).toList();
    }

    static List<String> entries(List<BackendEntry> page) {
        return page.stream().map(entry -> new String(entry.key(), 1, entry.key().length - 1, UTF_8) + "="
                + text(entry.value())).toList();
    }

    /** The backend, recording the expiry each key was last put with (by the key's text). */
    private static StorageBackend recordingExpiries(StorageBackend backend, Map<String, Long> expiries) {
        Function<byte[], String> name = key -> new String(key, UTF_8);
        return new StorageBackend() {
            @Override
            public java.util.Set<Capability> capabilities() {
                return backend.capabilities();
            }

            @Override
            public byte[] get(byte[] key) {
                return backend.get(key);
            }

            @Override
            public void put(byte[] key, byte[] value, long expiresAtMillis) {
                expiries.put(name.apply(key), expiresAtMillis);
                backend.put(key, value, expiresAtMillis);
            }

            @Override
            public byte[] delete(byte[] key) {
                return backend.delete(key);
            }

            @Override
            public boolean putIfAbsent(byte[] key, byte[] value, long expiresAtMillis) {
                return backend.putIfAbsent(key, value, expiresAtMillis);
            }

            @Override
            public boolean replace(byte[] key, byte[] expected, byte[] value, long expiresAtMillis) {
                return backend.replace(key, expected, value, expiresAtMillis);
            }

            @Override
            public void write(List<BackendMutation> mutations) {
                mutations.forEach(m -> expiries.put(name.apply(m.key()), m.expiresAtMillis()));
                backend.write(mutations);
            }

            @Override
            public List<BackendEntry> scan(byte[] fromInclusive, byte[] toExclusive, int limit) {
                return backend.scan(fromInclusive, toExclusive, limit);
            }
        };
    }
}
