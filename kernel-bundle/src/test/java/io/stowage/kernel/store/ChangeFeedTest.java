package io.stowage.kernel.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import io.stowage.api.Batch;
import io.stowage.api.ChangeFeed;
import io.stowage.api.FeedGap;
import io.stowage.api.FeedOverflowException;
import io.stowage.api.InvalidPatternException;
import io.stowage.api.Store;
import io.stowage.api.StoreClosedException;
import io.stowage.api.StoreEvent;
import io.stowage.kernel.Kernel;
import io.stowage.kernel.KernelHarness;
import io.stowage.kernel.KernelSettings;

/** Pull feeds of a store's changes, on a memory backend: what each write tells, in what order, and the gaps. */
class ChangeFeedTest {

    private static final Duration NO_WAIT = Duration.ZERO;

    @Test
    void everyKindOfWriteIsOneEventInCommitOrderWithItsValue() throws Exception {
        try (KernelHarness harness = new KernelHarness()) {
            Store store = harness.namespace("app").store("s");
            store.put("gone", b("0"));
            try (ChangeFeed feed = store.watch("*", ChangeFeed.NOW, true)) {
                long first = feed.nextPosition();
                store.put("a", b("1"));
                store.put("t", b("2"), Duration.ofMinutes(1));
                assertTrue(store.delete("gone"));
                assertTrue(!store.delete("never"), "a delete that finds nothing");
                assertTrue(store.putIfAbsent("p", b("3")));
                assertTrue(!store.putIfAbsent("p", b("x")), "a putIfAbsent that finds the key");
                assertTrue(store.replace("p", b("3"), b("4")));
                assertTrue(!store.replace("p", b("3"), b("x")), "a replace whose expected value is gone");
                store.write(Batch.builder().put("b1", b("5")).delete("a").build());
                store.transact(tx -> {
                    tx.put("x", b("6"));
                    tx.delete("b1");
                    return null;
                });
                store.clear();

                List<StoreEvent> events = feed.poll(100, NO_WAIT);
                assertEquals(List.of("PUT a 1", "PUT t 2", "DELETE gone", "PUT p 3", "PUT p 4", "PUT b1 5",
                        "DELETE a", "DELETE b1", "PUT x 6", "DELETE p", "DELETE t", "DELETE x"),
                        events.stream().map(ChangeFeedTest::describe).toList());
                for (int i = 0; i < events.size(); i++) {
                    assertEquals(first + i, events.get(i).position(), "positions follow commit order, one by one");
                    assertEquals("s", events.get(i).store());
                }
                assertEquals(first + events.size(), feed.nextPosition());
                assertEquals(List.of(), feed.poll(10, NO_WAIT), "nothing more");
            }
        }
    }

    @Test
    void aGlobPicksKeysValuesComeOnlyWhenAskedAndAPollWaitsForTheFirstMatch() throws Exception {
        try (KernelHarness harness = new KernelHarness()) {
            Store store = harness.namespace("app").store("s");
            try (ChangeFeed config = store.watch("config:*", ChangeFeed.NOW, false)) {
                store.put("user:1", b("u"));
                store.put("config:a", b("c"));
                List<StoreEvent> events = config.poll(10, NO_WAIT);
                assertEquals(List.of("PUT config:a"), events.stream().map(ChangeFeedTest::describe).toList());
                assertNull(events.get(0).value());

                Thread writer = new Thread(() -> {
                    store.put("user:2", b("u"));
                    store.put("config:b", b("d"));
                });
                writer.start();
                List<StoreEvent> waited = config.poll(10, Duration.ofSeconds(30));
                writer.join();
                assertEquals("config:b", waited.get(0).key(), "the poll waited past the other key's change");
            }
            assertThrows(InvalidPatternException.class, () -> store.watch("bad\\", ChangeFeed.NOW, false));
        }
    }

    @Test
    void anExpiryTheSweepRemovesIsAnEvent() throws Exception {
        try (KernelHarness harness = new KernelHarness()) {
            Store store = harness.namespace("app").store("s");
            try (ChangeFeed feed = store.watch("*", ChangeFeed.NOW, false)) {
                store.put("session", b("1"), Duration.ofSeconds(5));
                harness.clock.advance(Duration.ofSeconds(6));
                assertEquals(1, harness.kernel.sweepExpired());
                assertEquals(List.of("PUT session", "EXPIRE session"),
                        feed.poll(10, NO_WAIT).stream().map(ChangeFeedTest::describe).toList());
            }
        }
    }

    @Test
    void aFeedFurtherBehindThanTheLogGetsOneGapThenGoesOnAndAPositionResumesAFeed() throws Exception {
        try (KernelHarness harness = new KernelHarness()) {
            harness.kernel.updateSettings(new KernelSettings("default", 200, 3_600_000, 2_000, 10, 2, 5));
            Store store = harness.namespace("app").store("s");
            ChangeFeed slow = store.watch("*", ChangeFeed.NOW, false);
            long start = slow.nextPosition();
            for (int i = 0; i < 8; i++) {
                store.put("k" + i, b("v"));
            }
            FeedOverflowException overflow = assertThrows(FeedOverflowException.class, () -> slow.poll(10, NO_WAIT));
            assertEquals(new FeedGap("s", start, start + 3), overflow.gap());
            assertTrue(overflow.getMessage().contains("app/s"), overflow.getMessage());
            assertEquals(List.of("k3", "k4", "k5", "k6", "k7"),
                    slow.poll(10, NO_WAIT).stream().map(StoreEvent::key).toList());

            // A consumer that stopped resumes after what it had, losing nothing the log still holds (another
            // watcher keeps the log meanwhile)
            ChangeFeed keeper = store.watch("*", ChangeFeed.NOW, false);
            long resumeAt = slow.nextPosition();
            slow.close();
            store.put("while-away", b("v"));
            try (ChangeFeed resumed = store.watch("*", resumeAt, false)) {
                store.put("after", b("v"));
                assertEquals(List.of("while-away", "after"),
                        resumed.poll(10, NO_WAIT).stream().map(StoreEvent::key).toList());
            }
            // Once the log is dropped, writes get no position: resuming from before them is a gap, never a silence
            long beforeUnwatched = harness.kernel.route("app", "s").changeLog().nextPosition();
            keeper.close();
            harness.clock.advance(Duration.ofMillis(harness.kernel.settings().changeLogRetentionMillis()));
            harness.kernel.sweepExpired();
            store.put("unwatched", b("v"));
            try (ChangeFeed resumed = store.watch("*", beforeUnwatched, false)) {
                assertThrows(FeedOverflowException.class, () -> resumed.poll(10, NO_WAIT));
            }
        }
    }

    @Test
    void aPositionFromBeforeTheLogOrFromAnotherRunIsAGap() throws Exception {
        long position;
        try (KernelHarness earlier = new KernelHarness()) {
            Store store = earlier.namespace("app").store("s");
            try (ChangeFeed feed = store.watch("*", ChangeFeed.NOW, false)) {
                store.put("a", b("1"));
                feed.poll(10, NO_WAIT);
                position = feed.nextPosition();
            }
        }
        // A store's positions start from the clock at its first use (in units of about a microsecond): a later run
        // starts later. Two kernels of one test may start in the same millisecond, which no real restart does
        long earlierMillis = System.currentTimeMillis();
        while (System.currentTimeMillis() == earlierMillis) {
            Thread.onSpinWait();
        }
        try (KernelHarness later = new KernelHarness()) {
            Store store = later.namespace("app").store("s");
            try (ChangeFeed feed = store.watch("*", position, false)) {
                store.put("b", b("2"));
                FeedGap gap = assertThrows(FeedOverflowException.class, () -> feed.poll(10, NO_WAIT)).gap();
                assertEquals(position, gap.missedFrom());
                // After the gap, the feed goes on with what this run's log holds
                List<StoreEvent> after = feed.poll(10, NO_WAIT);
                assertTrue(after.isEmpty() || after.get(0).key().equals("b"), after.toString());
            }
        }
    }

    @Test
    void aStoreNobodyWatchesKeepsNoLogAndFeedsCloseWithTheirHandleOrBundle() throws Exception {
        try (KernelHarness harness = new KernelHarness()) {
            NamespaceService bundle = harness.namespace("app");
            Store store = bundle.store("s");
            StoreRoute route = harness.kernel.route("app", "s");
            assertNull(route.changeLog());

            ChangeFeed feed = store.watch("*", ChangeFeed.NOW, false);
            ChangeFeed other = bundle.store("s").watch("*", ChangeFeed.NOW, false);
            assertNotNull(route.changeLog());
            feed.close();
            assertNotNull(route.changeLog(), "another feed still watches");
            store.close();
            assertThrows(StoreClosedException.class, () -> feed.poll(1, NO_WAIT));
            bundle.release();
            assertThrows(StoreClosedException.class, () -> other.poll(1, NO_WAIT));
            assertNotNull(route.changeLog(), "kept for the retention after the last feed closed with its bundle's");
            harness.clock.advance(Duration.ofMillis(harness.kernel.settings().changeLogRetentionMillis() - 1));
            harness.kernel.sweepExpired();
            assertNotNull(route.changeLog(), "kept until the retention has passed");
            harness.clock.advance(Duration.ofMillis(1));
            harness.kernel.sweepExpired();
            assertNull(route.changeLog(), "dropped by the first sweep after the retention");
        }
    }

    @Test
    void twoWritersAreSeenEveryWriteOnceInAnOrderThatEndsAtTheStoredValue() throws Exception {
        try (KernelHarness harness = new KernelHarness()) {
            harness.kernel.updateSettings(new KernelSettings("default", 200, 3_600_000, 2_000, 10, 2, 1_000_000));
            Store store = harness.namespace("app").store("s");
            int writes = 20_000;
            try (ChangeFeed feed = store.watch("*", ChangeFeed.NOW, true)) {
                AtomicBoolean failed = new AtomicBoolean();
                CountDownLatch start = new CountDownLatch(1);
                List<Thread> writers = new ArrayList<>();
                for (int w = 0; w < 2; w++) {
                    int writer = w;
                    writers.add(new Thread(() -> {
                        try {
                            start.await();
                            for (int i = 0; i < writes; i++) {
                                store.put("k" + (i % 50), b(writer + ":" + i));
                            }
                        } catch (Exception e) {
                            failed.set(true);
                        }
                    }));
                }
                writers.forEach(Thread::start);
                start.countDown();
                List<StoreEvent> events = new ArrayList<>();
                while (events.size() < 2 * writes) {
                    events.addAll(feed.poll(1_000, Duration.ofSeconds(30)));
                }
                for (Thread writer : writers) {
                    writer.join();
                }
                assertTrue(!failed.get());
                long first = events.get(0).position();
                Map<String, String> last = new HashMap<>();
                for (int i = 0; i < events.size(); i++) {
                    assertEquals(first + i, events.get(i).position());
                    last.put(events.get(i).key(), new String(events.get(i).value(), UTF_8));
                }
                for (Map.Entry<String, String> key : last.entrySet()) {
                    assertArrayEquals(b(key.getValue()), store.get(key.getKey()),
                            "the last event of " + key.getKey() + " is its stored value");
                }
            }
        }
    }

    @Test
    void onlyAWatchedStoreKeepsALog() {
        try (KernelHarness harness = new KernelHarness()) {
            Kernel kernel = harness.kernel;
            Store watched = harness.namespace("app").store("watched");
            Store other = harness.namespace("app").store("other");
            try (ChangeFeed feed = watched.watch("*", ChangeFeed.NOW, false)) {
                other.put("k", b("v"));
                assertNull(kernel.route("app", "other").changeLog());
                assertNotNull(kernel.route("app", "watched").changeLog());
            }
        }
    }

    @Test
    void aConsumerThatStopsResumesFromItsPositionWithinTheRetentionValuesIncluded() throws Exception {
        try (KernelHarness harness = new KernelHarness()) {
            Store store = harness.namespace("app").store("s");
            long resumeAt;
            try (ChangeFeed feed = store.watch("*", ChangeFeed.NOW, true)) {
                store.put("a", b("1"));
                assertEquals(List.of("a"), feed.poll(10, NO_WAIT).stream().map(StoreEvent::key).toList());
                resumeAt = feed.nextPosition();
            }
            // The consumer is gone (its bundle updating, say): the log goes on recording, values too
            store.put("b", b("2"));
            store.delete("a");
            harness.clock.advance(Duration.ofMillis(harness.kernel.settings().changeLogRetentionMillis() - 1));
            harness.kernel.sweepExpired();
            try (ChangeFeed resumed = store.watch("*", resumeAt, true)) {
                List<StoreEvent> events = resumed.poll(10, NO_WAIT);
                assertEquals(List.of("PUT b", "DELETE a"), events.stream().map(e -> e.kind() + " " + e.key()).toList());
                assertArrayEquals(b("2"), events.get(0).value());
            }
        }
    }

    @Test
    void aFeedWithValuesIsToldOfPutsTheLogKeptWithoutTheirValues() throws Exception {
        try (KernelHarness harness = new KernelHarness()) {
            Store store = harness.namespace("app").store("s");
            try (ChangeFeed keysOnly = store.watch("*", ChangeFeed.NOW, false)) {
                long from = keysOnly.nextPosition();
                store.put("a", b("1"));
                store.delete("a");
                try (ChangeFeed withValues = store.watch("*", from, true)) {
                    store.put("b", b("2"));
                    FeedGap gap = assertThrows(FeedOverflowException.class, () -> withValues.poll(10, NO_WAIT)).gap();
                    assertEquals(from, gap.missedFrom());
                    assertEquals(from + 1, gap.resumeFrom(), "only the put kept without its value is missed");
                    List<StoreEvent> after = withValues.poll(10, NO_WAIT);
                    assertEquals(List.of("DELETE a", "PUT b"), after.stream().map(e -> e.kind() + " " + e.key())
                            .toList());
                    assertArrayEquals(b("2"), after.get(1).value());
                }
            }
        }
    }

    @Test
    void aRetentionOfZeroDropsTheLogWithItsLastWatcher() {
        try (KernelHarness harness = new KernelHarness()) {
            harness.kernel.updateSettings(new KernelSettings("default", 200, 3_600_000, 2_000, 10, 2, 1_000, 0));
            Store store = harness.namespace("app").store("s");
            try (ChangeFeed feed = store.watch("*", ChangeFeed.NOW, false)) {
                assertNotNull(harness.kernel.route("app", "s").changeLog());
            }
            assertNull(harness.kernel.route("app", "s").changeLog());
        }
    }

    private static String describe(StoreEvent event) {
        return event.kind() + " " + event.key() + (event.value() == null ? "" : " " + new String(event.value(), UTF_8));
    }

    private static byte[] b(String text) {
        return text.getBytes(UTF_8);
    }
}
