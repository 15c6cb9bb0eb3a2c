package io.stowage.kernel;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;

import io.stowage.api.FeedGap;
import io.stowage.api.Store;
import io.stowage.api.StoreEvent;
import io.stowage.api.StoreListener;

/** Whiteboard store listeners as the kernel feeds them, on a memory backend. */
class StoreListenersTest {

    /** Records what it gets; optionally holds its first delivery until released. */
    private static final class Recording implements StoreListener {
        final List<String> got = new CopyOnWriteArrayList<>();
        final List<FeedGap> gaps = new CopyOnWriteArrayList<>();
        final CountDownLatch release;

        Recording(CountDownLatch release) {
            this.release = release;
        }

        @Override
        public void changed(StoreEvent event) {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            got.add(event.store() + " " + event.kind() + " " + event.key()
                    + (event.value() == null ? "" : "=" + new String(event.value(), UTF_8)));
            if (event.key().equals("boom")) {
                throw new IllegalStateException("a listener's own failure");
            }
        }

        @Override
        public void missed(FeedGap gap) {
            gaps.add(gap);
        }
    }

    @Test
    void aListenerGetsTheMatchingStoresAndKeysOfItsOwnNamespaceOnlyInCommitOrder() throws Exception {
        try (KernelHarness harness = new KernelHarness()) {
            Store orders = harness.namespace("app").store("orders");
            Recording listener = new Recording(new CountDownLatch(0));
            harness.kernel.listeners().add("app", listener, Map.of(StoreListener.STORE, "orders*",
                    StoreListener.KEYS, "o:*", StoreListener.VALUES, "true"));

            orders.put("o:1", b("first"));
            orders.put("x:1", b("not this key"));
            harness.namespace("app").store("other").put("o:2", b("not this store"));
            harness.namespace("someone.else").store("orders").put("o:3", b("not this namespace"));
            orders.put("boom", b("not this key either"));
            // A store created after the listener came
            harness.namespace("app").store("orders-2").put("o:4", b("later"));
            orders.delete("o:1");

            await(() -> listener.got.size() == 3);
            assertEquals(List.of("orders PUT o:1=first", "orders DELETE o:1"),
                    listener.got.stream().filter(line -> line.startsWith("orders ")).toList(), "in commit order");
            assertEquals(List.of("orders-2 PUT o:4=later"),
                    listener.got.stream().filter(line -> line.startsWith("orders-2 ")).toList());
        }
    }

    @Test
    void aListenerThatFailsGetsTheNextChangesAllTheSame() throws Exception {
        try (KernelHarness harness = new KernelHarness()) {
            Store store = harness.namespace("app").store("s");
            Recording listener = new Recording(new CountDownLatch(0));
            harness.kernel.listeners().add("app", listener, Map.of());
            store.put("boom", b("1"));
            store.put("after", b("2"));
            await(() -> listener.got.size() == 2);
            assertEquals(List.of("s PUT boom", "s PUT after"), listener.got);
        }
    }

    @Test
    void aSlowListenerNeverHoldsUpWritersAndIsToldWhatItMissed() throws Exception {
        try (KernelHarness harness = new KernelHarness()) {
            harness.kernel.updateSettings(new KernelSettings("default", 200, 3_600_000, 2_000, 10, 2, 10));
            Store store = harness.namespace("app").store("s");
            CountDownLatch release = new CountDownLatch(1);
            Recording slow = new Recording(release);
            harness.kernel.listeners().add("app", slow, Map.of());

            long started = System.nanoTime();
            for (int i = 0; i < 100; i++) {
                store.put("k" + i, b("v"));
            }
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertTrue(tookMillis < 10_000, "100 writes took " + tookMillis + " ms behind a blocked listener");
            release.countDown();

            await(() -> !slow.gaps.isEmpty() && slow.got.contains("s PUT k99"));
            // Each time it came back further behind than the log holds, it was told once; nothing else is lost
            long missed = slow.gaps.stream().mapToLong(gap -> gap.resumeFrom() - gap.missedFrom()).sum();
            assertEquals(100, slow.got.size() + missed, "delivered " + slow.got + ", gaps " + slow.gaps);
            for (int i = 1; i < slow.gaps.size(); i++) {
                assertTrue(slow.gaps.get(i).missedFrom() >= slow.gaps.get(i - 1).resumeFrom(), "gaps in order");
            }
        }
    }

    @Test
    void removingTheLastListenerOfAStoreDropsItsLogAfterTheRetention() throws Exception {
        try (KernelHarness harness = new KernelHarness()) {
            harness.namespace("app").store("s").put("k", b("v"));
            Recording listener = new Recording(new CountDownLatch(0));
            harness.kernel.listeners().add("app", listener, Map.of(StoreListener.STORE, "s"));
            assertNotNull(harness.kernel.route("app", "s").changeLog());
            assertEquals(1, harness.kernel.listeners().count());
            harness.kernel.listeners().remove(listener);
            assertEquals(0, harness.kernel.listeners().count());
            assertNotNull(harness.kernel.route("app", "s").changeLog(), "kept for a listener that comes back");
            harness.clock.advance(Duration.ofMillis(harness.kernel.settings().changeLogRetentionMillis()));
            harness.kernel.sweepExpired();
            assertNull(harness.kernel.route("app", "s").changeLog());
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "not within 30 s");
            Thread.sleep(10);
        }
    }

    private static byte[] b(String text) {
        return text.getBytes(UTF_8);
    }
}
