package io.stowage.kernel.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.stowage.api.ChangeKind;
import io.stowage.api.StoreEvent;
import io.stowage.testlog.Loggers;

/**
 * A change log fed by a change stream: it keeps the stream's positions, gaps below what it loaded, and leaves a break
 * wherever its feeding changes, so a reader never crosses from one feeding to the other without the gap signal.
 */
class ChangeLogFollowingTest {

    private static final long WAIT_NONE = 0;

    private static ChangeLog.Followed put(long position, String key) {
        return new ChangeLog.Followed(position, key, ChangeKind.PUT, key.getBytes());
    }

    private static StreamFollower follower(ChangeLog log) {
        return new StreamFollower(log, null, 1, 0, Loggers.silent());
    }

    private static ChangeLog.Read read(ChangeLog log, long from) throws InterruptedException {
        return log.read(from, 100, key -> true, true, WAIT_NONE);
    }

    private static ChangeLog followed(int capacity, long floor, List<ChangeLog.Followed> loaded) {
        ChangeLog log = new ChangeLog("s", 5_000, capacity, 0);
        log.lock();
        try {
            log.follow(follower(log), floor, loaded);
        } finally {
            log.unlock();
        }
        return log;
    }

    @Test
    void aFollowedLogKeepsTheStreamsPositionsAndGapsBelowWhatItLoaded() throws Exception {
        ChangeLog log = followed(10, 100, List.of(put(100, "a"), put(250, "b")));
        assertEquals(251, log.nextPosition());
        ChangeLog.Read all = read(log, 100);
        assertNull(all.gap());
        assertEquals(List.of(100L, 250L), all.events().stream().map(StoreEvent::position).toList());
        assertEquals(251, all.next());
        assertEquals(List.of("b"), read(log, 101).events().stream().map(StoreEvent::key).toList());
        ChangeLog.Read tooOld = read(log, 99);
        assertNotNull(tooOld.gap());
        assertEquals(100, tooOld.next());
        assertNotNull(read(log, 252).gap(), "a position this log never gave");
    }

    @Test
    void aFullRingRaisesTheFloorToAboveWhatItDropped() throws Exception {
        ChangeLog log = followed(2, 10, List.of(put(10, "a"), put(20, "b"), put(30, "c")));
        assertNotNull(read(log, 10).gap(), "10 was a's, which the ring dropped");
        assertEquals(List.of("b", "c"), read(log, 11).events().stream().map(StoreEvent::key).toList());
    }

    @Test
    void aChangeOfFeedingLeavesABreakThatReadersBeforeItGetAsAGap() throws Exception {
        ChangeLog log = followed(10, 100, List.of(put(100, "a")));
        StreamFollower first = log.follower();
        long reader = read(log, 100).next();
        log.lock();
        try {
            log.unfollow(first);
            log.append("k", ChangeKind.PUT, "k".getBytes());
        } finally {
            log.unlock();
        }
        assertNull(log.follower(), "the kernel's writes feed it now");
        ChangeLog.Read crossing = read(log, reader);
        assertNotNull(crossing.gap());
        ChangeLog.Read after = read(log, crossing.next());
        assertNull(after.gap());
        assertEquals(List.of("k"), after.events().stream().map(StoreEvent::key).toList());
        assertTrue(after.events().get(0).position() > 100);
    }

    @Test
    void aFollowedChangeAtAPositionTheLogPassedLeavesABreak() throws Exception {
        ChangeLog log = followed(10, 100, List.of(put(100, "a")));
        StreamFollower follower = log.follower();
        long reader = read(log, 100).next();
        assertTrue(log.appendFollowed(follower, List.of(put(90, "late"), put(300, "b"))));
        ChangeLog.Read crossing = read(log, reader);
        assertNotNull(crossing.gap(), "the late change is not delivered out of order, nor silently dropped");
        assertEquals(List.of("b"), read(log, crossing.next()).events().stream().map(StoreEvent::key).toList());
    }

    @Test
    void aFollowerThatNoLongerFeedsTheLogAppendsNothing() {
        ChangeLog log = followed(10, 100, List.of());
        StreamFollower stale = follower(log);
        assertEquals(false, log.appendFollowed(stale, List.of(put(200, "x"))));
        assertEquals(100, log.nextPosition());
    }
}
