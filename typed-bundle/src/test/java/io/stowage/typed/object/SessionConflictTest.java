package io.stowage.typed.object;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.extension.RegisterExtension;

import io.stowage.typed.ObjectStore;
import io.stowage.typed.ObjectStores;

/** Sessions that change the same object concurrently conflict, and the loser's work runs again: no update is lost. */
class SessionConflictTest {

    @RegisterExtension
    static final Backends backends = new Backends();


    @OnBothBackends
    void aSessionWhoseObjectChangedMeanwhileRunsAgainFromTheStart(String backend) throws Exception {
        ObjectStore objects = ObjectStores.over(backends.fresh(backend));
        objects.inSession(session -> session.setRoot("counter", new Node("c")));
        CountDownLatch firstRead = new CountDownLatch(1);
        CountDownLatch otherCommitted = new CountDownLatch(1);
        AtomicInteger attempts = new AtomicInteger();
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            Future<?> slow = thread.submit(() -> objects.inSession(session -> {
                session.root("counter", Node.class).count += 1;
                // Only the first attempt waits: the test's own hand-shake, not an effect of the work
                if (attempts.incrementAndGet() == 1) {
                    firstRead.countDown();
                    awaitOrFail(otherCommitted);
                }
            }));
            awaitOrFail(firstRead);
            objects.inSession(session -> session.root("counter", Node.class).count += 10);
            otherCommitted.countDown();
            slow.get(30, TimeUnit.SECONDS);
        } finally {
            thread.shutdownNow();
        }
        assertEquals(2, attempts.get(), "the work ran again after the conflict");
        long count = objects.fromSession(session -> session.root("counter", Node.class).count);
        assertEquals(11, count);
    }

    @OnBothBackends
    void concurrentIncrementsAllCount(String backend) throws Exception {
        ObjectStore objects = ObjectStores.over(backends.fresh(backend));
        objects.inSession(session -> session.setRoot("counter", new Node("c")));
        int threads = 2;
        int increments = 50;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < increments; i++) {
                        objects.inSession(session -> session.root("counter", Node.class).count++);
                    }
                }));
            }
            for (Future<?> each : done) {
                each.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        long count = objects.fromSession(session -> session.root("counter", Node.class).count);
        assertEquals(threads * increments, count);
    }

    private static void awaitOrFail(CountDownLatch latch) {
        try {
            assertTrue(latch.await(30, TimeUnit.SECONDS), "the other session never got there");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
