package io.stowage.kernel.instance;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.stowage.api.KeyTtl;
import io.stowage.api.Store;
import io.stowage.kernel.Kernel;
import io.stowage.kernel.KernelHarness;
import io.stowage.kernel.store.BoundBackend;
import io.stowage.storage.memory.MemoryBackend;

class HandOverTest {

    @Test
    void everyEntryWithItsExpiryAndTheKernelMetadataReachesTheNextInstance() {
        try (KernelHarness harness = new KernelHarness()) {
            Store store = harness.namespace("app").store("s");
            int entries = 25_000; // more than one page of the copy and many load batches
            for (int i = 0; i < entries; i++) {
                store.put("k" + i, ("v" + i).getBytes(UTF_8));
            }
            store.put("expiring", "soon".getBytes(UTF_8), Duration.ofMinutes(5));

            HandOver handOver = HandOver.copy("io.stowage.memory~default", harness.backend);
            MemoryBackend next = KernelHarness.memoryBackend("next", 100_000);
            HandOverOverlay overlay = new HandOverOverlay(next, handOver.sorted());
            while (overlay.loadNext(HandOverLoader.CHUNK) > 0) {
                assertTrue(overlay.isLoading());
            }
            assertFalse(overlay.isLoading());
            assertTrue(handOver.belongsTo("io.stowage.memory~default"));
            assertFalse(handOver.belongsTo("io.stowage.memory~other"));
            assertEquals(entries + 4, handOver.entries(),
                    "entries plus the expiring one, the format marker, the store's directory entry and its counter");
            assertArrayEquals(harness.backend.get(Kernel.FORMAT_KEY), next.get(Kernel.FORMAT_KEY));

            harness.kernel.unbind("default");
            assertTrue(harness.kernel.bind("default", new BoundBackend(next, "memory", "1.1.0")));
            for (int i = 0; i < entries; i += 997) {
                assertEquals("v" + i, new String(store.get("k" + i), UTF_8));
            }
            assertEquals(entries + 1, store.count());
            KeyTtl ttl = store.ttl("expiring");
            assertTrue(ttl.expires() && ttl.remaining().compareTo(Duration.ofMinutes(4)) > 0, ttl.toString());
        }
    }
}
