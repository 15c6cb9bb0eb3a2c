package io.stowage.kernel.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.stowage.kernel.KernelHarness;
import io.stowage.spi.StorageBackend;
import io.stowage.spi.StoreKeys;
import io.stowage.storage.memory.MemoryBackend;

class StoreDirectoryTest {

    @Test
    void prefixesAreALengthByteAndTheIdentifierWithoutLeadingZeros() {
        assertArrayEquals(new byte[] {1, 1}, StoreDirectory.prefix(1));
        assertArrayEquals(new byte[] {1, (byte) 0xFF}, StoreDirectory.prefix(255));
        assertArrayEquals(new byte[] {2, 1, 0}, StoreDirectory.prefix(256));
        assertArrayEquals(new byte[] {8, 0x7F, -1, -1, -1, -1, -1, -1, -1}, StoreDirectory.prefix(Long.MAX_VALUE));
        for (long id : new long[] {1, 255, 256, 70_000, Long.MAX_VALUE}) {
            byte[] key = KeyCodec.concat(StoreDirectory.prefix(id), new byte[] {'k', 0, 'x'});
            assertEquals(StoreDirectory.prefix(id).length, StoreKeys.prefixLength(key), "id " + id);
        }
    }

    @Test
    void aStoreKeepsItsPrefixAndEveryOtherStoreGetsItsOwn() {
        MemoryBackend backend = KernelHarness.memoryBackend("directory", 1000);
        byte[] users = StoreDirectory.prefixOf(backend, "app", "users");
        byte[] orders = StoreDirectory.prefixOf(backend, "app", "orders");
        byte[] otherUsers = StoreDirectory.prefixOf(backend, "other", "users");
        assertArrayEquals(new byte[] {1, 1}, users, "the first store is given identifier 1");
        assertArrayEquals(new byte[] {1, 2}, orders);
        assertArrayEquals(new byte[] {1, 3}, otherUsers);
        assertArrayEquals(users, StoreDirectory.prefixOf(backend, "app", "users"), "asked again");
        assertEquals(List.of("app/orders", "app/users", "other/users"), StoreDirectory.list(backend, null).stream()
                .map(listed -> listed.namespace() + "/" + listed.store()).toList());
        assertEquals(List.of("users"), StoreDirectory.list(backend, "other").stream()
                .map(StoreDirectory.Listed::store).toList());
        assertEquals(List.of(), StoreDirectory.list(backend, "ap"), "a namespace is matched whole, not as a prefix");
    }

    /** Threads racing to make the same stores all learn one prefix per store, and no two stores share one. */
    @Test
    void concurrentMakersOfOneStoreAgreeOnItsPrefix() throws Exception {
        StorageBackend backend = KernelHarness.memoryBackend("race", 100_000);
        int threads = 8;
        int stores = 200;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Callable<List<String>> maker = () -> {
                    start.await();
                    List<String> prefixes = new ArrayList<>();
                    for (int s = 0; s < stores; s++) {
                        prefixes.add(java.util.Arrays.toString(StoreDirectory.prefixOf(backend, "app", "s" + s)));
                    }
                    return prefixes;
                };
                results.add(pool.submit(maker));
            }
            List<String> first = results.get(0).get();
            for (Future<List<String>> result : results) {
                assertEquals(first, result.get());
            }
            Set<String> distinct = new HashSet<>(first);
            assertEquals(stores, distinct.size(), "no two stores share a prefix");
            assertEquals(stores, StoreDirectory.list(backend, "app").size());
        } finally {
            pool.shutdownNow();
        }
    }
}
