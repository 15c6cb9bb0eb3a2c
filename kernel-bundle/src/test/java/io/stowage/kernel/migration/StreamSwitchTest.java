package io.stowage.kernel.migration;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.stowage.api.ChangeFeed;
import io.stowage.api.FeedOverflowException;
import io.stowage.api.Store;
import io.stowage.api.StoreEvent;
import io.stowage.kernel.KernelHarness;
import io.stowage.kernel.store.BoundBackend;
import io.stowage.kernel.store.StoreDirectory;

/**
 * A feed on a store migrated between an instance without a change stream and one with (and back): it gets every
 * change before the switch, one gap at the switch, then every change after it, positions increasing throughout, and
 * no change twice.
 */
class StreamSwitchTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    /** What the feed delivers until {@code last} (a key) has come, gaps shown as "gap". */
    private static List<String> readUntil(ChangeFeed feed, String last) throws InterruptedException {
        List<String> seen = new ArrayList<>();
        long position = -1;
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!seen.contains(last)) {
            if (System.nanoTime() - deadline > 0) {
                fail("no " + last + " within " + WAIT + ", saw " + seen);
            }
            try {
                for (StoreEvent event : feed.poll(100, Duration.ofMillis(50))) {
                    assertTrue(event.position() > position, "positions increase: " + event);
                    position = event.position();
                    seen.add(event.kind() + " " + event.key());
                }
            } catch (FeedOverflowException gap) {
                assertTrue(gap.gap().resumeFrom() > position, "the gap moves the feed on");
                seen.add("gap");
            }
        }
        return seen;
    }

    @Test
    void aMigrationToAStreamedInstanceAndBackShowsOneGapEachWay() throws Exception {
        try (KernelHarness harness = new KernelHarness()) {
            StreamedMemoryBackend streamed = new StreamedMemoryBackend(KernelHarness.memoryBackend("s", 1_000_000));
            harness.kernel.bind("streamed", new BoundBackend(streamed, "memory", "1.0.0"));
            Store store = harness.namespace("app").store("moving");
            StoreMigrator migrator = new StoreMigrator(harness.kernel, (namespace, name, configuration) -> { });
            try (ChangeFeed feed = store.watch("*", ChangeFeed.NOW, false)) {
                store.put("a1", bytes("1"));
                store.put("a2", bytes("2"));
                migrator.migrate(harness.kernel.route("app", "moving"), "streamed", false, new QuietWatch());
                store.put("b1", bytes("1"));
                store.put("b2", bytes("2"));
                // Another runtime's write: only the stream tells this one
                streamed.deleteAsAnotherRuntime(key(streamed, "a1"));
                assertEquals(List.of("PUT a1", "PUT a2", "gap", "PUT b2", "DELETE a1"), readUntil(feed, "DELETE a1"));

                migrator.migrate(harness.kernel.route("app", "moving"), "default", false, new QuietWatch());
                store.put("c1", bytes("1"));
                store.put("c2", bytes("2"));
                List<String> back = readUntil(feed, "PUT c2");
                assertEquals("gap", back.get(0), "one gap where the stream stops feeding the log: " + back);
                assertEquals(List.of("PUT c1", "PUT c2"), back.subList(back.size() - 2, back.size()));
                assertTrue(back.stream().filter("gap"::equals).count() <= 2, back.toString());
                assertTrue(back.stream().noneMatch(e -> e.startsWith("DELETE")),
                        "the migration's removal of the source copy is not a change of the store: " + back);
            }
        }
    }

    private static byte[] key(StreamedMemoryBackend backend, String key) {
        byte[] prefix = StoreDirectory.prefixOf(backend, "app", "moving");
        byte[] raw = java.util.Arrays.copyOf(prefix, prefix.length + key.length());
        System.arraycopy(bytes(key), 0, raw, prefix.length, key.length());
        return raw;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }
}
