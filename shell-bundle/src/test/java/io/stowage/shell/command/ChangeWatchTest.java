package io.stowage.shell.command;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.stowage.admin.StoreId;
import io.stowage.api.ChangeFeed;
import io.stowage.api.ChangeKind;
import io.stowage.api.FeedGap;
import io.stowage.api.FeedOverflowException;
import io.stowage.api.Store;
import io.stowage.api.StoreEvent;

/**
 * stowage:watch prints a line per change as the feed delivers it, a line for a gap before going on, and ends after
 * --count changes, after --timeout without one, or when interrupted, with the position to resume from.
 */
class ChangeWatchTest {

    private final ScriptedFeed feed = new ScriptedFeed();
    private final List<Object> watchedWith = new ArrayList<>();
    private final List<String> printed = new ArrayList<>();
    private final ChangeWatch watch = new ChangeWatch(new AnsweringAdmin().answer("openStore", args -> {
        watchedWith.add(args[0]);
        return store();
    }).admin());

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    @Test
    void printsEachChangeWithItsValueAndStopsAfterTheCount() {
        feed.answers.add(List.of(put(41, "user:1", "Ada"), new StoreEvent("users", "user:2", ChangeKind.DELETE, 42,
                null)));
        feed.answers.add(List.of(new StoreEvent("users", "user:3", ChangeKind.EXPIRE, 45, null)));

        String result = watch.watch("app/users", "user:*", true, "40", "3", null, printed::add);

        assertEquals(List.of("41 PUT user:1 = Ada", "42 DELETE user:2", "45 EXPIRE user:3"), printed);
        assertEquals("watched app/users (3 changes); --from 46 goes on after the last change shown", result);
        assertEquals(List.of(new StoreId("app", "users"), "user:*", 40L, true), watchedWith);
        // A poll never takes more than the changes still to print, so --from resumes right after the last shown
        assertEquals(List.of(3, 1), feed.maxima);
        assertTrue(feed.closed);
    }

    @Test
    void aGapIsALineAndTheWatchGoesOn() {
        feed.answers.add(new FeedOverflowException("missed", new FeedGap("users", 10, 500)));
        feed.answers.add(List.of(put(500, "user:1", "Ada")));

        String result = watch.watch("app/users", null, false, null, "1", null, printed::add);

        assertEquals(List.of("missed the changes from position 10 to 500 (the change log no longer holds them): "
                + "read the store again (stowage:scan app/users); changes go on from 500", "500 PUT user:1 = Ada"),
                printed);
        assertEquals(List.of(new StoreId("app", "users"), "*", ChangeFeed.NOW, false), watchedWith);
        assertTrue(result.contains("(1 change)"), result);
    }

    @Test
    void endsAfterTheTimeoutWithoutAChange() {
        String result = watch.watch("app/users", null, false, null, null, "50ms", printed::add);

        assertEquals(List.of(), printed);
        assertEquals("watched app/users (no change for 50ms); --from 7 goes on after the last change shown", result);
        assertTrue(feed.waits.stream().allMatch(wait -> wait.compareTo(Duration.ofMillis(50)) <= 0), feed.waits::toString);
    }

    @Test
    void anInterruptEndsTheWatchNormallyAndKeepsTheInterrupt() {
        feed.answers.add(List.of(put(3, "k", "v")));
        feed.answers.add(new InterruptedException());

        String result = watch.watch("app/users", null, false, null, null, null, printed::add);

        assertEquals(List.of("3 PUT k = v"), printed);
        assertTrue(result.startsWith("watched app/users (interrupted)"), result);
        assertTrue(Thread.currentThread().isInterrupted());
        assertTrue(feed.closed);
    }

    @Test
    void refusesACountOrAPositionThatIsNotOne() {
        assertEquals("--count must be a whole number from 1, not '0'", assertThrows(CommandFailure.class,
                () -> watch.watch("app/users", null, false, null, "0", null, printed::add)).getMessage());
        assertEquals("--from must be a position a watch printed (a whole number from 0), not 'start'",
                assertThrows(CommandFailure.class,
                        () -> watch.watch("app/users", null, false, "start", null, null, printed::add)).getMessage());
    }

    private static StoreEvent put(long position, String key, String value) {
        return new StoreEvent("users", key, ChangeKind.PUT, position, value.getBytes(UTF_8));
    }

    /** A store whose watch records its arguments and returns the scripted feed. */
    private Store store() {
        return (Store) Proxy.newProxyInstance(Store.class.getClassLoader(), new Class<?>[] {Store.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "watch" -> {
                        watchedWith.addAll(List.of(args));
                        yield feed;
                    }
                    case "close" -> null;
                    default -> throw new UnsupportedOperationException(method.getName() + " is not part of this test");
                });
    }

    /** A feed answering each poll with the next list or exception scripted, then with no change. */
    private static final class ScriptedFeed implements ChangeFeed {

        final Deque<Object> answers = new ArrayDeque<>();
        final List<Integer> maxima = new ArrayList<>();
        final List<Duration> waits = new ArrayList<>();
        long next = 7;
        boolean closed;

        @Override
        @SuppressWarnings("unchecked")
        public List<StoreEvent> poll(int max, Duration wait) throws InterruptedException {
            Object answer = answers.poll();
            // The timeout's empty polls come back at once: keep the first ones only
            if (answer != null || waits.size() < 100) {
                maxima.add(max);
                waits.add(wait);
            }
            if (answer instanceof InterruptedException interrupted) {
                throw interrupted;
            }
            if (answer instanceof FeedOverflowException gap) {
                next = gap.gap().resumeFrom();
                throw gap;
            }
            if (answer == null) {
                return List.of();
            }
            List<StoreEvent> events = (List<StoreEvent>) answer;
            next = events.get(events.size() - 1).position() + 1;
            return events;
        }

        @Override
        public long nextPosition() {
            return next;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
