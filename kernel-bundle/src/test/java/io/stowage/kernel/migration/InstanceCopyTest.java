package io.stowage.kernel.migration;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.stowage.api.Store;
import io.stowage.kernel.KernelHarness;
import io.stowage.kernel.store.BackendSlot;
import io.stowage.kernel.store.BoundBackend;
import io.stowage.kernel.store.KeyCodec;
import io.stowage.kernel.store.StoreDirectory;
import io.stowage.storage.memory.MemoryBackend;

/**
 * A whole instance's copy (the live switch and the hand-over copy this way) carries the store directory with the
 * data, including the entry of a store first used after the directory's page was copied.
 */
class InstanceCopyTest {

    @Test
    void aStoreFirstUsedDuringTheCopyKeepsItsPrefixInTheTarget() {
        try (KernelHarness harness = new KernelHarness()) {
            harness.namespace("app").store("early").put("k", "before".getBytes(UTF_8));
            BackendSlot source = harness.kernel.slot("default");
            MemoryBackend copy = KernelHarness.memoryBackend("copy", 1_000);
            BackendSlot target = new BackendSlot("default");
            target.bind(new BoundBackend(copy, "memory", "1.0.0"));
            Migration copying = new Migration(source, target, "configuration default", 1_000);
            source.startMigration(copying);
            try {
                copying.copy(new byte[] {KeyCodec.META}, null, harness.clock, () -> { }, copied -> { });
                Store late = harness.namespace("app").store("late");
                late.put("k", "during".getBytes(UTF_8));
                copying.exclusively(() -> {
                    copying.copyMetadataAgain();
                    copying.markSwitched();
                });
            } finally {
                source.endMigration();
            }
            assertEquals(List.of("early", "late"), StoreDirectory.list(copy, "app").stream()
                    .map(StoreDirectory.Listed::store).toList());
            byte[] latePrefix = StoreDirectory.prefixOf(harness.backend, "app", "late");
            assertArrayEquals(latePrefix, StoreDirectory.prefixOf(copy, "app", "late"));
            assertEquals("during", new String(copy.get(KeyCodec.encode(latePrefix, "k", "app/late")), UTF_8)
                    .substring(1), "the mirrored write, under the same prefix (after its envelope's header byte)");
            assertArrayEquals(new byte[] {1, 3}, StoreDirectory.prefixOf(copy, "app", "next"),
                    "the target's counter went on from the source's: no identifier is given twice");
        }
    }
}
