package io.stowage.storage.lmdb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.stowage.api.BackendUnavailableException;
import io.stowage.api.InvalidKeyException;
import io.stowage.api.StorageFullException;
import io.stowage.api.UnsupportedFormatException;
import io.stowage.spi.BackendMutation;
import io.stowage.spi.ValueReader;
import io.stowage.testlog.Loggers;

class LmdbBackendTest {

    @TempDir
    Path folder;

    private LmdbBackend open(Path path, long mapMiB, long maxMiB) {
        return LmdbBackend.outsideFramework("test", path, mapMiB, maxMiB, Loggers.silent());
    }

    private static byte[] b(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Its annotation's defaults, with this name and path. */
    private static LmdbBackendConfig config(String name, String path) {
        return (LmdbBackendConfig) Proxy.newProxyInstance(LmdbBackendConfig.class.getClassLoader(),
                new Class<?>[] {LmdbBackendConfig.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "name" -> name;
                    case "path" -> path;
                    default -> method.getDefaultValue();
                });
    }

    @Test
    void withoutAPathEachConfigurationGetsAFolderNamedAfterItInTheDataFolder() {
        assertEquals(folder.resolve("lmdb/orders"), LmdbBackend.settings(config("orders", ""), folder.toString()).folder());
        assertEquals(folder.resolve("lmdb/orders"), LmdbBackend.settings(config("orders", null), folder.toString()).folder());
        assertEquals(folder.resolve("elsewhere"),
                LmdbBackend.settings(config("orders", " elsewhere "), folder.toString()).folder());
        assertEquals(Path.of("/srv/lmdb"), LmdbBackend.settings(config("orders", "/srv/lmdb"), folder.toString()).folder());
    }

    @Test
    void aHotCopyTakenWhileWritingOpensAsABackendWithTheData() throws Exception {
        LmdbBackend backend = open(folder.resolve("live"), 1, 64);
        Thread writer = new Thread(() -> {
            for (int i = 0; i < 5_000; i++) {
                backend.put(b("w" + i), b("v" + i), 0);
            }
        });
        try {
            for (int i = 0; i < 1_000; i++) {
                backend.put(b("k" + i), b("v" + i), 0);
            }
            writer.start();
            backend.copyTo(folder.resolve("copy"));
            writer.join();
            assertThrows(IllegalArgumentException.class, () -> backend.copyTo(folder.resolve("copy")));
        } finally {
            backend.close();
        }
        LmdbBackend copy = open(folder.resolve("copy"), 1, 64);
        try {
            assertArrayEquals(b("v999"), copy.get(b("k999")));
            int copied = copy.scan(new byte[] {0}, null, 10_000).size();
            assertTrue(copied >= 1_000 && copied <= 6_000, copied + " entries");
        } finally {
            copy.close();
        }
    }

    @Test
    void dataSurvivesClosingAndReopening() {
        LmdbBackend backend = open(folder, 1, 64);
        backend.put(b("k"), b("v"), 0);
        backend.write(List.of(BackendMutation.put(b("a"), b("1"), 0), BackendMutation.put(b("b"), b("2"), 0)));
        backend.close();
        LmdbBackend again = open(folder, 1, 64);
        try {
            assertArrayEquals(b("v"), again.get(b("k")));
            assertEquals(3, again.scan(new byte[] {0}, null, 10).size());
        } finally {
            again.close();
        }
    }

    @Test
    void mapGrowsWhenFullAndRefusesOnlyPastItsCeiling() {
        LmdbBackend backend = open(folder, 1, 8);
        try {
            byte[] value = new byte[64 * 1024];
            int stored = 0;
            StorageFullException full = null;
            for (int i = 0; i < 400 && full == null; i++) {
                try {
                    backend.put(b(String.format("big%04d", i)), value, 0);
                    stored++;
                } catch (StorageFullException e) {
                    full = e;
                }
            }
            assertTrue(stored > 16, "grew past the initial 1 MiB: stored " + stored + " values of 64 KiB");
            assertTrue(full != null && full.getMessage().contains("8 MiB"), String.valueOf(full));
            assertEquals(8L << 20, backend.mapSize());
            // Still serving: reads, deletes and writes that fit
            assertArrayEquals(value, backend.get(b("big0000")));
            assertTrue(backend.delete(b("big0001")) != null);
            backend.put(b("small"), b("fits"), 0);
            assertArrayEquals(b("fits"), backend.get(b("small")));
        } finally {
            backend.close();
        }
    }

    @Test
    void oneFolderIsNeverOpenedTwice() {
        LmdbBackend first = open(folder, 1, 8);
        try {
            BackendUnavailableException e = assertThrows(BackendUnavailableException.class, () -> open(folder, 1, 8));
            assertTrue(e.getMessage().contains("already open"), e.getMessage());
            assertTrue(Files.exists(folder.resolve(FolderGuard.LOCK_FILE)));
        } finally {
            first.close();
        }
        open(folder, 1, 8).close();
    }

    @Test
    void keysOverLmdbsLimitAreRefusedWithTheLimit() {
        LmdbBackend backend = open(folder, 1, 8);
        try {
            InvalidKeyException e = assertThrows(InvalidKeyException.class, () -> backend.put(new byte[600], b("v"), 0));
            assertTrue(e.getMessage().contains("600 bytes") && e.getMessage().contains("511"), e.getMessage());
            assertThrows(InvalidKeyException.class, () -> backend.write(
                    List.of(BackendMutation.put(b("ok"), b("v"), 0), BackendMutation.put(new byte[600], b("v"), 0))));
            assertNull(backend.get(b("ok")));
            AtomicBoolean read = new AtomicBoolean();
            ValueReader<byte[]> reader = buffer -> {
                read.set(true);
                return null;
            };
            e = assertThrows(InvalidKeyException.class, () -> backend.get(new byte[600], reader));
            assertTrue(e.getMessage().contains("600 bytes") && e.getMessage().contains("511"), e.getMessage());
            e = assertThrows(InvalidKeyException.class, () -> backend.get(new byte[0], reader));
            assertTrue(e.getMessage().contains("0 bytes"), e.getMessage());
            assertFalse(read.get(), "the reader was called for a refused key");
        } finally {
            backend.close();
        }
    }

    @Test
    void aReaderSeesTheValueOnItsPageOfTheMapReadOnly() {
        LmdbBackend backend = open(folder, 1, 8);
        try {
            backend.put(b("k"), b("value"), 0);
            ByteBuffer seen = backend.get(b("k"), buffer -> {
                assertTrue(buffer.isDirect(), "the value was copied to the heap first");
                assertTrue(buffer.isReadOnly(), "a write to the page would crash the JVM: LMDB maps it read-only");
                assertEquals(5, buffer.remaining());
                return buffer;
            });
            assertEquals(ByteBuffer.wrap(b("value")), seen);
        } finally {
            backend.close();
        }
    }

    /**
     * The reader's read-only buffer is one per pooled reader, pointed at each value: a get allocates none, whether or
     * not the JIT has compiled it (a view per get cost 64 bytes whenever it had not inlined the whole get).
     */
    @Test
    void aGetGivesItsReaderNoNewBuffer() {
        LmdbBackend backend = open(folder, 1, 8);
        try {
            backend.put(b("short"), b("v"), 0);
            backend.put(b("long"), b("a longer value"), 0);
            ValueReader<ByteBuffer> same = buffer -> buffer;
            ByteBuffer first = backend.get(b("short"), same);
            ByteBuffer second = backend.get(b("long"), same);
            assertTrue(first == second, "a new buffer for the second get");
            assertEquals(ByteBuffer.wrap(b("a longer value")), second, "the buffer shows the second value whole");
            assertEquals(0, second.position());
            assertEquals(14, second.limit());
            assertEquals(Integer.valueOf(1), backend.get(b("short"), ByteBuffer::remaining), "pointed back at the short value");
            assertEquals('v', (char) backend.get(b("short"), buffer -> buffer.get(0)).byteValue());
        } finally {
            backend.close();
        }
    }

    /**
     * The page a reader sees belongs to its read transaction's snapshot: a write committed meanwhile does not change
     * it, and ending the instance (which closes every transaction and unmaps the file) waits until the reader is done.
     */
    @Test
    void aReaderKeepsItsSnapshotAndTheMapUntilItReturns() throws Exception {
        LmdbBackend backend = open(folder, 1, 8);
        backend.put(b("k"), b("before"), 0);
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch goOn = new CountDownLatch(1);
        CompletableFuture<String> read = CompletableFuture.supplyAsync(() -> backend.get(b("k"), buffer -> {
            reading.countDown();
            try {
                assertTrue(goOn.await(30, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }));
        Thread closer = null;
        try {
            assertTrue(reading.await(30, TimeUnit.SECONDS), "the reader was not called");
            backend.put(b("k"), b("overwritten meanwhile"), 0);
            closer = new Thread(backend::close, "closer");
            closer.start();
            awaitWaitingInClose(closer);
            assertTrue(closer.isAlive(), "the instance ended under a reader still reading its page");
            goOn.countDown();
            assertEquals("before", read.get(30, TimeUnit.SECONDS));
            closer.join(TimeUnit.SECONDS.toMillis(30));
            assertFalse(closer.isAlive(), "close went on once the reader returned");
        } finally {
            goOn.countDown();
            if (closer == null) {
                backend.close();
            }
        }
    }

    @Test
    void foldersOfAnotherLayoutAreRefusedAndLeftUntouched() throws Exception {
        Files.writeString(folder.resolve(FormatMarker.FILE), "7\n");
        UnsupportedFormatException e = assertThrows(UnsupportedFormatException.class, () -> open(folder, 1, 8));
        assertTrue(e.getMessage().contains("'7'"), e.getMessage());
        assertEquals("7\n", Files.readString(folder.resolve(FormatMarker.FILE)));
        // The refused open released the folder again
        Files.delete(folder.resolve(FormatMarker.FILE));
        open(folder, 1, 8).close();
    }

    @Test
    void compareAndSetAndDeleteSeeTheCurrentValue() {
        LmdbBackend backend = open(folder, 1, 8);
        try {
            assertTrue(backend.putIfAbsent(b("k"), b("1"), 0));
            assertFalse(backend.putIfAbsent(b("k"), b("2"), 0));
            assertFalse(backend.replace(b("k"), b("2"), b("3"), 0));
            assertTrue(backend.replace(b("k"), b("1"), b("3"), 0));
            assertArrayEquals(b("3"), backend.delete(b("k")));
            assertNull(backend.delete(b("k")));
            backend.put(b("e"), new byte[0], 0);
            assertArrayEquals(new byte[0], backend.get(b("e")));
        } finally {
            backend.close();
        }
    }

    @Test
    void closeReleasesTheFolderAndStopsItsThread() {
        LmdbBackend backend = open(folder, 1, 8);
        backend.put(b("k"), b("v"), 0);
        assertTrue(threadNames().contains("stowage-lmdb-readers-test"));
        backend.close();
        assertFalse(threadNames().contains("stowage-lmdb-readers-test"));
        assertThrows(BackendUnavailableException.class, () -> backend.get(b("k")));
        LmdbBackend again = open(folder, 1, 8);
        again.close();
    }

    @Test
    void openAndCloseLeaveNoFileHandleBehind() throws Exception {
        Path fds = Path.of("/proc/self/fd");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(fds), "needs /proc (Linux)");
        open(folder, 1, 8).close(); // the first open loads the native library, which stays mapped
        long before = countEntries(fds);
        for (int round = 0; round < 5; round++) {
            LmdbBackend backend = open(folder, 1, 8);
            backend.put(b("k" + round), b("v"), 0);
            backend.scan(new byte[] {0}, null, 10);
            backend.close();
        }
        assertEquals(before, countEntries(fds), "open file descriptors after 5 open/use/close rounds");
    }

    private static long countEntries(Path folder) throws java.io.IOException {
        try (var entries = Files.list(folder)) {
            return entries.count();
        }
    }

    private static List<String> threadNames() {
        List<String> names = new ArrayList<>();
        Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).forEach(t -> names.add(t.getName()));
        return names;
    }

    /** Waits until the thread is parked inside the backend's close, as it is while a reader holds its page. */
    private static void awaitWaitingInClose(Thread closer) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!isParkedInClose(closer)) {
            assertTrue(closer.isAlive() && System.nanoTime() < deadline,
                    "close did not wait for the reader (or did not start within 30 s)");
            Thread.onSpinWait();
        }
    }

    private static boolean isParkedInClose(Thread thread) {
        Thread.State state = thread.getState();
        return (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING)
                && Arrays.stream(thread.getStackTrace()).anyMatch(frame -> frame.getMethodName().equals("close")
                        && frame.getClassName().endsWith("LmdbEnvironment"));
    }
}
